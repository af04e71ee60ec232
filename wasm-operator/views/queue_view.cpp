#include <imgui.h>

#include <algorithm>
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
// Puts the next widget of `width` on the same line when it fits, else on the next line: the
// lead card's buttons flow into the card's width instead of running off its edge.
void same_line_if_fits(float width) {
    const float right = ImGui::GetWindowPos().x + ImGui::GetWindowContentRegionMax().x;
    if (ImGui::GetItemRectMax().x + ImGui::GetStyle().ItemSpacing.x + width <= right) ImGui::SameLine();
}

float button_width(const char* label) {
    return ImGui::CalcTextSize(label).x + 2 * ImGui::GetStyle().FramePadding.x;
}

// A flowing button (see same_line_if_fits); the first of a row passes first = true.
bool flow_button(const char* label, bool first = false) {
    if (!first) same_line_if_fits(button_width(label));
    return ImGui::Button(label);
}

// Counts the cells whose text is wider than their column (the test hook reports it: columns
// size to their content, so there should be none at 1280 px and wider).
struct ClipCount {
    int cells = 0;
    std::string first;  // "column: text" of the first one, to say which
    void check(const std::string& text, float width = -1) {
        if (width < 0) width = ImGui::CalcTextSize(text.c_str()).x;
        if (width <= ImGui::GetContentRegionAvail().x + 0.5f) return;
        if (cells++ == 0)
            first = std::to_string(ImGui::TableGetColumnIndex()) + ": " + text + " (" +
                    std::to_string(static_cast<int>(width)) + " > " +
                    std::to_string(static_cast<int>(ImGui::GetContentRegionAvail().x)) + ")";
    }
};

void draw_queue_table(ConsoleState& state, Controller& ctl) {
    ClipCount clip;
    float content_right = 0;  // the right edge of the widest row's last cell
    // Every column fits its content (ImGui measures the rows on screen); when they do not all
    // fit, the table scrolls sideways rather than cutting "attend depuis 2 mi…".
    if (ImGui::BeginTable("queue", 7,
                          ImGuiTableFlags_RowBg | ImGuiTableFlags_ScrollY | ImGuiTableFlags_ScrollX |
                              ImGuiTableFlags_SizingFixedFit)) {
        ImGui::TableSetupScrollFreeze(0, 1);
        for (const char* h : {"Lead", "Source", "Score", "Badges", "1er appel", "Joint", "Appel"})
            ImGui::TableSetupColumn(h);
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
                clip.check(label);
                if (ImGui::Selectable(label.c_str(), state.selected() == i, ImGuiSelectableFlags_SpanAllColumns)) {
                    state.select(i);
                    ctl.queue.on_selection_changed();
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
                clip.check(lead.source);
                ImGui::TextUnformatted(lead.source.c_str());
                ImGui::TableNextColumn();
                ImGui::Text("%d", row.item.hot_score);
                ImGui::TableNextColumn();
                // The badges as drawn: words 6 px apart.
                std::string badges;
                float badges_width = 0;
                for (const char* b :
                     {row.item.hot ? "HOT" : "", row.item.ready_to_sell ? "PRÊT" : "", lead.consent ? "" : "CONSENT."})
                    if (*b) {
                        badges_width += (badges.empty() ? 0 : 6) + ImGui::CalcTextSize(b).x;
                        badges += (badges.empty() ? "" : " ") + std::string(b);
                    }
                clip.check(badges, badges_width);
                if (row.item.hot) ImGui::TextColored(ImVec4(1, 0.45f, 0.3f, 1), "HOT");
                if (row.item.ready_to_sell) {
                    if (row.item.hot) ImGui::SameLine(0, 6);
                    ImGui::TextColored(ImVec4(0.35f, 0.85f, 0.5f, 1), "PRÊT");
                }
                if (!lead.consent) {  // loi 2025-594: the first call's purpose is to collect it
                    if (row.item.hot || row.item.ready_to_sell) ImGui::SameLine(0, 6);
                    ImGui::TextColored(ImVec4(0.95f, 0.7f, 0.2f, 1), "CONSENT.");
                    if (ImGui::IsItemHovered())
                        ImGui::SetTooltip("Consentement à recueillir (touche A pendant l'appel)");
                }
                // Two facts: how soon the first call came (or how long the lead has waited), and
                // how soon somebody answered.
                ImGui::TableNextColumn();
                const std::string first_call = lead.first_touch_at
                                                   ? "en " + elapsed_fr(*lead.first_touch_at - lead.created_at)
                                                   : "attend " + elapsed_fr(state.now() - lead.created_at);
                clip.check(first_call);
                ImGui::TextColored(badge_color(touch_badge(lead, state.now())), "%s", first_call.c_str());
                ImGui::TableNextColumn();
                const std::string reached = lead.first_connect_at
                                                ? "en " + elapsed_fr(*lead.first_connect_at - lead.created_at)
                                            : lead.first_touch_at ? "non"
                                                                  : "—";
                clip.check(reached);
                ImGui::TextUnformatted(reached.c_str());
                ImGui::TableNextColumn();
                const char* call = row.item.consent_exempt ? "consentement"
                                   : row.item.call_allowed ? "ouvert"
                                                           : "fermé";
                clip.check(call);
                ImGui::TextColored(row.item.consent_exempt ? ImVec4(0.55f, 0.75f, 1, 1)
                                   : row.item.call_allowed ? ImVec4(0.35f, 0.85f, 0.5f, 1)
                                                           : ImVec4(0.95f, 0.6f, 0.3f, 1),
                                   "%s", call);
                content_right = std::max(content_right, ImGui::GetItemRectMax().x);
                ImGui::PopID();
            }
        }
        // How far the columns run past what the list shows (0: every column is on screen without
        // scrolling sideways; the browser test checks it at 1280 and 1440 px).
        const float visible_right = ImGui::GetWindowPos().x + ImGui::GetWindowWidth() - ImGui::GetStyle().ScrollbarSize;
        state.shown["queue-overflow"] = std::to_string(static_cast<int>(std::max(0.0f, content_right - visible_right)));
        ImGui::EndTable();
    }
    state.shown["queue-clipped"] = std::to_string(clip.cells);
    state.shown["queue-clipped-first"] = clip.first;
}

}  // namespace

void draw_queue_view(ConsoleState& state, Controller& ctl, QueueViewState& vs) {
    ImGui::SetNextItemWidth(260);
    if (state.focus_search) {
        ImGui::SetKeyboardFocusHere();
        state.focus_search = false;
    }
    if (ImGui::InputTextWithHint("##search", "/ rechercher (nom, ville, téléphone)", vs.search, sizeof vs.search))
        state.set_search(vs.search);
    ImGui::SameLine();
    if (state.ranking() && state.rows().empty())  // a first sync of a large book, ranked over a few frames
        ImGui::Text("Classement de %zu leads…", state.leads().size());
    else
        ImGui::Text("%zu leads dans la file · %zu écartés", state.rows().size(), state.excluded_count());
    ImGui::SameLine();
    const std::string follow_ups =
        (state.show_follow_ups ? "File (F)" : "À rappeler (F) · ") +
        (state.show_follow_ups ? std::string() : std::to_string(state.follow_up_rows().size()));
    if (ImGui::SmallButton(follow_ups.c_str())) state.show_follow_ups = !state.show_follow_ups;
    anchor(state, "follow-ups-toggle");
    if (!state.flash.empty()) {
        ImGui::SameLine();
        ImGui::TextColored(ImVec4(0.55f, 0.75f, 1, 1), "· %s", state.flash.c_str());
    }

    // The card keeps what its buttons need; the list takes the rest.
    const float avail = ImGui::GetContentRegionAvail().x;
    const float card_width = std::clamp(avail * 0.36f, 440.0f, 620.0f);
    ImGui::BeginChild("queue-list", ImVec2(avail - card_width - ImGui::GetStyle().ItemSpacing.x, 0), true);
    if (state.show_follow_ups)
        draw_follow_ups_list(state, ctl, false);
    else
        draw_queue_table(state, ctl);
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
    anchor(state, "card-call");
    ImGui::EndDisabled();
    ImGui::BeginDisabled(!contact_block.empty());
    if (compact) {
        if (ImGui::Button("SMS (S)", ImVec2(big * 0.48f, 0))) ctl.dispatch({ActionKind::sms});
        ImGui::SameLine();
        if (ImGui::Button("WhatsApp (W)", ImVec2(big * 0.48f, 0))) ctl.dispatch({ActionKind::whatsapp});
    } else {
        if (flow_button("SMS (S)")) ctl.dispatch({ActionKind::sms});
        if (flow_button("WhatsApp (W)")) ctl.dispatch({ActionKind::whatsapp});
    }
    ImGui::EndDisabled();
    if (!compact) {
        if (flow_button("RDV (B)")) ctl.dispatch({ActionKind::book});
        if (flow_button(".ics (I)")) ctl.dispatch({ActionKind::ics});
        if (flow_button("Relance (T)")) ctl.dispatch({ActionKind::follow_up});
    }
    if (!contact_block.empty())  // DNC, bad number; the window and caps are in the line below
        ImGui::TextColored(ImVec4(0.95f, 0.6f, 0.3f, 1), "Appel désactivé : %s", contact_block.c_str());
    // Compliance in one line (window, attempts left, consent), from the domain library.
    // Touch and contact, two facts.
    const auto reached = connect_label(*lead);
    ImGui::TextColored(badge_color(touch_badge(*lead, state.now())), "%s", touch_label(*lead, state.now()).c_str());
    if (!reached.empty()) {
        ImGui::SameLine();
        ImGui::TextDisabled("· %s", reached.c_str());
    }
    state.shown["card-touch"] = touch_label(*lead, state.now()) + (reached.empty() ? "" : " · " + reached);
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
            if (ImGui::Button(label.c_str(), ImVec2(ImGui::GetContentRegionAvail().x, 48)))
                ctl.queue.record_outcome(key);
        } else {
            if (flow_button(label.c_str(), key == 1)) ctl.queue.record_outcome(key);
        }
        anchor(state, "outcome:" + std::to_string(key));
    }
    if (!compact) {
        ImGui::Separator();
        const char* intentions[] = {"Vendre", "Estimation", "Acheter", "Inconnue"};
        ImGui::TextWrapped(
            "Intention : %s · Délai : %s · Estimation : %s", intentions[static_cast<int>(lead->intention)],
            lead->timeline_months ? (std::to_string(*lead->timeline_months) + " mois").c_str() : "inconnu",
            lead->price_estimate_cents ? domain::format_euros(*lead->price_estimate_cents, false).c_str() : "—");
        ImGui::Text("Consentement : %s", lead->consent
                                             ? ("oui, " + domain::format_paris(lead->consent_at.value_or(0))).c_str()
                                             : "à recueillir");
        ImGui::Text("Statut : %s · Étape : %s", domain::to_string(lead->status), domain::stage_label_fr(lead->stage));
        // Why the lead sits where it does: the same sentences as GET /api/queue.
        std::string why;
        for (const auto& r : domain::describe_reasons(row->item, *lead)) why += (why.empty() ? "" : " · ") + r;
        ImGui::PushTextWrapPos(0);
        ImGui::TextDisabled("Priorité %d : %s", row->item.priority, why.c_str());
        ImGui::PopTextWrapPos();
        state.shown["card-why"] = why;
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
        ctl.queue.add_note(state.note_draft);
        state.note_draft.clear();
    }
    if (compact) return;
    ImGui::TextDisabled("Historique");
    std::string history;  // for the test hook: what the card shows
    for (const auto& e : ctl.queue.timeline()) {
        ImGui::TextWrapped("%s  %s", e.at.c_str(), e.text.c_str());
        history += e.text + "\n";
        if (e.message_id) {  // a wa.me message the operator sent themself: they say so
            ImGui::PushID(static_cast<int>(e.message_id));
            if (ImGui::SmallButton("Confirmer l'envoi WhatsApp")) ctl.queue.confirm_whatsapp(e.message_id);
            ImGui::PopID();
        }
    }
    state.shown["lead-history"] = history;
}

}  // namespace crm::console
