#include <imgui.h>

#include <cstdio>
#include <string>

#include "crm/domain/compliance.hpp"
#include "crm/domain/pricing.hpp"
#include "views/views.hpp"

namespace crm::console {

namespace {
ImVec4 badge_color(TouchBadge b) {
    switch (b) {
        case TouchBadge::green:
            return ImVec4(0.25f, 0.8f, 0.4f, 1);
        case TouchBadge::amber:
            return ImVec4(0.95f, 0.7f, 0.2f, 1);
        default:
            return ImVec4(0.95f, 0.35f, 0.3f, 1);
    }
}
}  // namespace

void draw_queue_view(ConsoleState& state, Controller& ctl) {
    static char search[128] = "";
    ImGui::SetNextItemWidth(260);
    if (state.focus_search) {
        ImGui::SetKeyboardFocusHere();
        state.focus_search = false;
    }
    if (ImGui::InputTextWithHint("##search", "/ rechercher (nom, ville, téléphone)", search, sizeof search))
        state.set_search(search);
    ImGui::SameLine();
    ImGui::Text("%zu leads dans la file · %zu écartés", state.rows().size(), state.excluded_count());
    if (!state.flash.empty()) {
        ImGui::SameLine();
        ImGui::TextColored(ImVec4(0.55f, 0.75f, 1, 1), "· %s", state.flash.c_str());
    }

    const float list_width = ImGui::GetContentRegionAvail().x * 0.55f;
    ImGui::BeginChild("queue-list", ImVec2(list_width, 0), true);
    if (ImGui::BeginTable("queue", 6,
                          ImGuiTableFlags_RowBg | ImGuiTableFlags_ScrollY | ImGuiTableFlags_SizingStretchProp)) {
        ImGui::TableSetupScrollFreeze(0, 1);
        ImGui::TableSetupColumn("Lead", ImGuiTableColumnFlags_WidthStretch, 3);
        ImGui::TableSetupColumn("Source", ImGuiTableColumnFlags_WidthStretch, 1.2f);
        ImGui::TableSetupColumn("Score", ImGuiTableColumnFlags_WidthFixed, 48);
        ImGui::TableSetupColumn("Badges", ImGuiTableColumnFlags_WidthStretch, 1.4f);
        ImGui::TableSetupColumn("1er contact", ImGuiTableColumnFlags_WidthStretch, 1.6f);
        ImGui::TableSetupColumn("Appel", ImGuiTableColumnFlags_WidthStretch, 1.2f);
        ImGui::TableHeadersRow();
        ImGuiListClipper clipper;
        clipper.Begin(static_cast<int>(state.rows().size()));
        while (clipper.Step()) {
            for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i) {
                const auto& row = state.rows()[static_cast<std::size_t>(i)];
                const auto& lead = state.leads()[row.lead_index];
                ImGui::PushID(static_cast<int>(lead.id));
                ImGui::TableNextRow();
                ImGui::TableNextColumn();
                const std::string label = lead.first_name + " " + lead.last_name + " · " + lead.city;
                if (ImGui::Selectable(label.c_str(), state.selected() == i, ImGuiSelectableFlags_SpanAllColumns)) {
                    state.select(i);
                    ctl.on_selection_changed();
                }
                if (state.selected() == i && ImGui::IsWindowAppearing()) ImGui::SetScrollHereY();
                if (ImGui::IsItemHovered()) {
                    ImGui::BeginTooltip();
                    ImGui::Text("Priorité %d — pourquoi :", row.item.priority);
                    for (const auto& reason : domain::describe_reasons(row.item, lead))
                        ImGui::BulletText("%s", reason.c_str());
                    ImGui::EndTooltip();
                }
                ImGui::TableNextColumn();
                ImGui::TextUnformatted(lead.source.c_str());
                ImGui::TableNextColumn();
                ImGui::Text("%d", row.item.hot_score);
                ImGui::TableNextColumn();
                if (row.item.hot) ImGui::TextColored(ImVec4(1, 0.45f, 0.3f, 1), "HOT ");
                if (row.item.ready_to_sell) {
                    if (row.item.hot) ImGui::SameLine(0, 2);
                    ImGui::TextColored(ImVec4(0.35f, 0.85f, 0.5f, 1), "PRÊT");
                }
                if (!lead.consent) {  // loi 2025-594: the first call's purpose is to collect it
                    if (row.item.hot || row.item.ready_to_sell) ImGui::SameLine(0, 2);
                    ImGui::TextColored(ImVec4(0.95f, 0.7f, 0.2f, 1), "CONSENT.");
                    if (ImGui::IsItemHovered())
                        ImGui::SetTooltip("Consentement à recueillir (touche A pendant l'appel)");
                }
                ImGui::TableNextColumn();
                ImGui::TextColored(badge_color(touch_badge(lead, state.now())), "%s",
                                   touch_label(lead, state.now()).c_str());
                ImGui::TableNextColumn();
                if (row.item.consent_exempt)
                    ImGui::TextColored(ImVec4(0.55f, 0.75f, 1, 1), "consentement");
                else if (row.item.call_allowed)
                    ImGui::TextColored(ImVec4(0.35f, 0.85f, 0.5f, 1), "ouvert");
                else
                    ImGui::TextColored(ImVec4(0.95f, 0.6f, 0.3f, 1), "fermé");
                ImGui::PopID();
            }
        }
        // Keep the selected row visible when J/K move past the edge.
        ImGui::EndTable();
    }
    ImGui::EndChild();
    ImGui::SameLine();
    ImGui::BeginChild("lead-card", ImVec2(0, 0), true);
    draw_lead_card(state, ctl, false);
    ImGui::EndChild();
}

void draw_lead_card(ConsoleState& state, Controller& ctl, bool compact) {
    const auto* lead = state.current_lead();
    const auto* row = state.current_row();
    if (!lead || !row) {
        ImGui::TextDisabled(state.leads().empty() ? "Chargement des leads…" : "La file est vide.");
        return;
    }
    ImGui::Text("%s %s", lead->first_name.c_str(), lead->last_name.c_str());
    ImGui::TextDisabled("%s %s %s · %s", lead->city.c_str(), lead->zip.c_str(), lead->area.c_str(),
                        lead->phone.c_str());
    if (row->item.hot) {
        ImGui::SameLine();
        ImGui::TextColored(ImVec4(1, 0.45f, 0.3f, 1), "HOT LEAD");
    }
    const auto contact_block = state.contact_blocked_reason();
    const auto call_block = state.call_blocked_reason();
    const float big = compact ? ImGui::GetContentRegionAvail().x : 0;
    ImGui::BeginDisabled(!call_block.empty());
    if (ImGui::Button(state.in_call() ? "En appel…" : "Appeler (C)", ImVec2(big, compact ? 64 : 0)))
        ctl.dispatch({ActionKind::call});
    ImGui::EndDisabled();
    if (!compact) ImGui::SameLine();
    ImGui::BeginDisabled(!contact_block.empty());
    if (ImGui::Button("SMS (S)", ImVec2(compact ? big * 0.48f : 0, 0))) ctl.dispatch({ActionKind::sms});
    ImGui::SameLine();
    if (ImGui::Button("WhatsApp (W)", ImVec2(compact ? big * 0.48f : 0, 0))) ctl.dispatch({ActionKind::whatsapp});
    ImGui::EndDisabled();
    if (!compact) {
        ImGui::SameLine();
        if (ImGui::Button("RDV (B)")) ctl.dispatch({ActionKind::book});
        ImGui::SameLine();
        if (ImGui::Button(".ics (I)")) ctl.dispatch({ActionKind::ics});
        ImGui::SameLine();
        if (ImGui::Button("Relance (T)")) ctl.dispatch({ActionKind::follow_up});
    }
    if (!contact_block.empty())  // DNC, bad number; the window and caps are in the line below
        ImGui::TextColored(ImVec4(0.95f, 0.6f, 0.3f, 1), "Appel désactivé : %s", contact_block.c_str());
    // Compliance in one line (window, attempts left, consent), from the domain library.
    const auto compliance = domain::compliance_state(*lead, state.now(), state.settings());
    ImGui::PushStyleColor(ImGuiCol_Text,
                          compliance.call_allowed ? ImVec4(0.55f, 0.75f, 1, 1) : ImVec4(0.95f, 0.6f, 0.3f, 1));
    ImGui::TextWrapped("%s", compliance.line.c_str());
    ImGui::PopStyleColor();
    state.shown["compliance-line"] = compliance.line;
    if (compliance.consent_needed) {
        ImGui::TextColored(ImVec4(0.95f, 0.7f, 0.2f, 1), "Consentement à recueillir : lisez puis appuyez sur A.");
        if (!compact) {
            const auto& script = state.settings().consent_script;
            ImGui::PushTextWrapPos(0);
            ImGui::TextDisabled("« %s »", script.empty() ? domain::kDefaultConsentScript : script.c_str());
            ImGui::PopTextWrapPos();
        }
        if (ImGui::Button("Consentement donné (A)", ImVec2(compact ? big : 0, 0))) ctl.dispatch({ActionKind::consent});
        anchor(state, "consent-given");
    }
    if (state.in_call()) ImGui::Text("Chrono : %02d:%02d", state.call_seconds() / 60, state.call_seconds() % 60);

    ImGui::Separator();
    ImGui::TextDisabled("Issue de l'appel (1-7)");
    for (int key = 1; key <= 7; ++key) {
        const auto outcome = *domain::outcome_for_key(key);
        const std::string label = std::to_string(key) + " " + domain::outcome_label_fr(outcome);
        if (compact) {
            if (ImGui::Button(label.c_str(), ImVec2(ImGui::GetContentRegionAvail().x, 48))) ctl.record_outcome(key);
        } else {
            if (key > 1 && key != 5) ImGui::SameLine();
            if (ImGui::Button(label.c_str())) ctl.record_outcome(key);
        }
    }
    if (!compact) {
        ImGui::Separator();
        const char* intentions[] = {"Vendre", "Estimation", "Acheter", "Inconnue"};
        ImGui::Text(
            "Intention : %s · Délai : %s · Estimation : %s", intentions[static_cast<int>(lead->intention)],
            lead->timeline_months ? (std::to_string(*lead->timeline_months) + " mois").c_str() : "inconnu",
            lead->price_estimate_cents ? domain::format_euros(*lead->price_estimate_cents, false).c_str() : "—");
        ImGui::Text("Consentement : %s", lead->consent
                                             ? ("oui, " + domain::format_paris(lead->consent_at.value_or(0))).c_str()
                                             : "à recueillir");
        ImGui::Text("Statut : %s · Étape : %s", domain::to_string(lead->status), domain::stage_label_fr(lead->stage));
    }
    // A timestamped note (on a phone too: the hidden-input bridge brings up the keyboard).
    char note[512];
    std::snprintf(note, sizeof note, "%s", state.note_draft.c_str());
    ImGui::Separator();
    ImGui::SetNextItemWidth(ImGui::GetContentRegionAvail().x - 90);
    if (ImGui::InputTextWithHint("##note", "Note horodatée…", note, sizeof note)) state.note_draft = note;
    const auto field_min = ImGui::GetItemRectMin(), field_max = ImGui::GetItemRectMax();
    state.note_field[0] = field_min.x, state.note_field[1] = field_min.y;
    state.note_field[2] = field_max.x - field_min.x, state.note_field[3] = field_max.y - field_min.y;
    ImGui::SameLine();
    const bool add = ImGui::Button("Ajouter");
    anchor(state, "note-add");
    if (add && !state.note_draft.empty()) {
        ctl.add_note(state.note_draft);
        state.note_draft.clear();
    }
    if (compact) return;
    ImGui::TextDisabled("Historique");
    std::string history;  // for the test hook: what the card shows
    for (const auto& e : ctl.timeline()) {
        ImGui::TextWrapped("%s  %s", e.at.c_str(), e.text.c_str());
        history += e.text + "\n";
        if (e.message_id) {  // a wa.me message the operator sent themself: they say so
            ImGui::PushID(static_cast<int>(e.message_id));
            if (ImGui::SmallButton("Confirmer l'envoi WhatsApp")) ctl.confirm_whatsapp(e.message_id);
            ImGui::PopID();
        }
    }
    state.shown["lead-history"] = history;
}

}  // namespace crm::console
