// "À rappeler": the open follow-ups, late ones first, then today's, then the later ones, each
// with its lead, note and time; Fait, or pushed back (+1 h, demain 10 h, J+2). F shows it in
// the Queue tab; the Express layout has it behind a button. A tap on the lead selects it in
// the queue when it is there (a lead resting until its follow-up is not).
#include <imgui.h>

#include "views/views.hpp"

namespace crm::console {

namespace {

const domain::SnoozeChoice kSnoozes[] = {domain::SnoozeChoice::one_hour, domain::SnoozeChoice::tomorrow_10h,
                                         domain::SnoozeChoice::in_two_days};
const char* const kSnoozeIds[] = {"1h", "tomorrow", "j2"};

ImVec4 bucket_color(domain::FollowUpBucket b) {
    switch (b) {
        case domain::FollowUpBucket::overdue:
            return ImVec4(0.95f, 0.45f, 0.35f, 1);
        case domain::FollowUpBucket::today:
            return ImVec4(0.95f, 0.75f, 0.3f, 1);
        default:
            return ImVec4(0.6f, 0.65f, 0.75f, 1);
    }
}

void select_lead_of(ConsoleState& state, Controller& ctl, const FollowUpRow& r) {
    state.select_lead(r.task.lead_id);
    const auto* now_on = state.current_lead();
    if (now_on && now_on->id == r.task.lead_id) {
        state.show_follow_ups = false;  // back to the card of the lead to call
        ctl.queue.on_selection_changed();
    } else {
        state.flash =
            r.lead_name + " n'est pas dans la file (en attente de sa relance) : reportez-la ou marquez-la faite.";
    }
}

}  // namespace

void draw_follow_ups_list(ConsoleState& state, Controller& ctl, bool compact) {
    const auto& rows = state.follow_up_rows();
    ImGui::TextColored(ImVec4(0.55f, 0.75f, 1, 1), "À rappeler · %zu", rows.size());
    if (!compact) {
        ImGui::SameLine();
        ImGui::TextDisabled("(F pour revenir à la file)");
    }
    if (rows.empty()) {
        ImGui::TextDisabled("Aucune relance ouverte.");
        return;
    }
    const auto now = state.now();
    int bucket = -1;
    const float button_h = compact ? 40.0f : 0.0f;
    for (const auto& r : rows) {
        if (static_cast<int>(r.bucket) != bucket) {
            bucket = static_cast<int>(r.bucket);
            ImGui::Spacing();
            ImGui::TextColored(bucket_color(r.bucket), "%s", domain::follow_up_bucket_fr(r.bucket));
            ImGui::Separator();
        }
        ImGui::PushID(static_cast<int>(r.task.id));
        const std::string id = std::to_string(r.task.id);
        const std::string when = follow_up_when(r.task.due, now);
        ImGui::TextColored(bucket_color(r.bucket), "%s", when.c_str());
        ImGui::SameLine();
        const std::string who = r.lead_name + (r.city.empty() ? "" : " · " + r.city);
        if (ImGui::Selectable(who.c_str(), false, 0, ImVec2(compact ? 0 : 260, 0))) select_lead_of(state, ctl, r);
        anchor(state, "follow-up-lead:" + id);
        if (!r.task.note.empty()) {
            if (!compact) ImGui::SameLine();
            ImGui::TextDisabled("%s", r.task.note.c_str());
        }
        state.shown["follow-up:" + id] = when + " " + who + " " + r.task.note;
        const float third = compact ? (ImGui::GetContentRegionAvail().x - 3 * ImGui::GetStyle().ItemSpacing.x) / 4 : 0;
        if (!compact) ImGui::SameLine();
        if (ImGui::Button("Fait", ImVec2(third, button_h))) ctl.follow_ups.mark_done(r.task.id);
        anchor(state, "follow-up-done:" + id);
        for (int i = 0; i < 3; ++i) {
            ImGui::SameLine();
            if (ImGui::Button(domain::snooze_label_fr(kSnoozes[i]), ImVec2(third, button_h)))
                ctl.follow_ups.snooze(r.task.id, kSnoozes[i]);
            anchor(state, std::string("follow-up-snooze-") + kSnoozeIds[i] + ":" + id);
        }
        ImGui::PopID();
    }
}

}  // namespace crm::console
