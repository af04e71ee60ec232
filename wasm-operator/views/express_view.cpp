// Below 720 CSS px: a phone, used by touch. A strip of tabs on top. The Queue tab is call
// first: the current lead, a large Call button, the seven outcomes as large touch targets and
// a note field. After an outcome the same screen carries the rest of that call for that lead
// — the slot for outcome 6, a follow-up (J+1, J+2 or a date), the .ics, and Livrer (the
// suggested agent, the price, send) — until "Lead suivant". The other tabs are read-only lists
// (phone_tabs_view.cpp).
#include <imgui.h>

#include <cstdio>

#include "crm/domain/calling_windows.hpp"
#include "crm/domain/pricing.hpp"
#include "views/views.hpp"

namespace crm::console {

namespace {

const ImVec4 kAccent(0.55f, 0.75f, 1, 1);

float full_width() {
    return ImGui::GetContentRegionAvail().x;
}

void draw_tab_strip(ConsoleState& state) {
    struct PhoneTab {
        const char* label;
        const char* id;
        Tab tab;
    };
    const PhoneTab tabs[] = {{"File", "queue", Tab::queue},
                             {"Pipeline", "pipeline", Tab::pipeline},
                             {"Livr.", "deliveries", Tab::deliveries},
                             {"Autom.", "automations", Tab::automations},
                             {"Chiffres", "dashboard", Tab::dashboard}};
    const float w = (full_width() - 4 * ImGui::GetStyle().ItemSpacing.x) / 5;
    for (int i = 0; i < 5; ++i) {
        if (i > 0) ImGui::SameLine();
        const bool on = state.tab == tabs[i].tab;
        if (on) ImGui::PushStyleColor(ImGuiCol_Button, ImGui::GetStyleColorVec4(ImGuiCol_ButtonActive));
        if (ImGui::Button(tabs[i].label, ImVec2(w, 40))) state.tab = tabs[i].tab;
        if (on) ImGui::PopStyleColor();
        anchor(state, std::string("phone-tab:") + tabs[i].id);
    }
    state.tab_requested = false;  // Shift+1…5 land here too: the strip shows the tab at once
    ImGui::Separator();
}

// A follow-up at a date typed as "jj/mm/aaaa hh:mm" (Paris), or nothing.
std::optional<domain::UnixTime> parse_paris(const char* text) {
    int d = 0, m = 0, y = 0, h = 0, mi = 0;
    if (std::sscanf(text, "%d/%d/%d %d:%d", &d, &m, &y, &h, &mi) != 5) return std::nullopt;
    if (m < 1 || m > 12 || d < 1 || d > 31 || h < 0 || h > 23 || mi < 0 || mi > 59 || y < 2000) return std::nullopt;
    return domain::from_paris(y, m, d, h, mi);
}

void draw_follow_up_part(ConsoleState& state, Controller& ctl, FollowUpPartState& vs, const domain::Lead& lead) {
    if (vs.for_lead != lead.id) {  // a new call: the date starts at J+1 at 10:00
        vs.for_lead = lead.id;
        const auto next = domain::follow_up_due(state.now(), 1, state.settings());
        std::snprintf(vs.when, sizeof vs.when, "%s", domain::format_paris(next, "%d/%m/%Y %H:%M").c_str());
    }
    ImGui::TextColored(kAccent, "Relance");
    const float half = (full_width() - ImGui::GetStyle().ItemSpacing.x) * 0.5f;
    for (int days : {1, 2}) {
        if (days == 2) ImGui::SameLine();
        const std::string label = "J+" + std::to_string(days);
        if (ImGui::Button(label.c_str(), ImVec2(half, 44)))
            ctl.follow_ups.add_at(lead.id, domain::follow_up_due(state.now(), days, state.settings()),
                                  "Relance " + label);
        anchor(state, "wrap-follow-up-j" + std::to_string(days));
    }
    ImGui::SetNextItemWidth(full_width() * 0.6f);
    ImGui::InputText("##follow-up-at", vs.when, sizeof vs.when);
    anchor(state, "wrap-follow-up-date");
    ImGui::SameLine();
    const auto at = parse_paris(vs.when);
    ImGui::BeginDisabled(!at || *at <= state.now());
    if (ImGui::Button("Programmer", ImVec2(full_width(), 0))) ctl.follow_ups.add_at(lead.id, *at, "Relance");
    anchor(state, "wrap-follow-up-at");
    ImGui::EndDisabled();
}

void draw_delivery_part(ConsoleState& state, Controller& ctl, DeliveryPartState& vs, const domain::Lead& lead) {
    ImGui::TextColored(kAccent, "Livrer");
    const auto& sales = state.sales;
    const bool planned = sales.plan && sales.plan->lead_id == lead.id;
    if (!planned) {
        if (sales.plan_loading) {
            ImGui::TextDisabled("Calcul du routage et du prix…");
        } else {
            if (ImGui::Button("Livrer à un agent", ImVec2(full_width(), 44))) {
                vs.allow_not_ready = false;
                ctl.sales.open_delivery_dialog(lead.id);
            }
            anchor(state, "wrap-deliver");
            if (!sales.plan_error.empty())
                ImGui::TextColored(ImVec4(1, 0.45f, 0.4f, 1), "%s", sales.plan_error.c_str());
        }
        return;
    }
    const auto& plan = *sales.plan;
    ImGui::TextColored(plan.ready ? ImVec4(0.3f, 0.85f, 0.45f, 1) : ImVec4(0.95f, 0.7f, 0.2f, 1), "%s · %s",
                       plan.ready ? "Prêt à vendre" : "Pas encore prêt",
                       domain::format_euros(plan.price.total_cents).c_str());
    state.shown["wrap-price"] = domain::format_euros(plan.price.total_cents);
    if (!plan.ready) {
        for (const auto& c : plan.criteria)
            if (c.required && !c.met) ImGui::BulletText("%s", c.label.c_str());
        ImGui::Checkbox("Livrer quand même", &vs.allow_not_ready);
    }
    if (plan.candidates.empty()) ImGui::TextDisabled("Aucun agent ne couvre ce secteur.");
    // The suggestion first; each agent is one tap (link to copy, paid with credits).
    for (std::size_t i = 0; i < plan.candidates.size() && i < 3; ++i) {
        const auto& c = plan.candidates[i];
        ImGui::PushID(static_cast<int>(i));
        std::string why;
        for (const auto& r : c.reasons) why += (why.empty() ? "" : " · ") + r;
        ImGui::PushTextWrapPos(0);
        ImGui::TextDisabled("%s%s", i == 0 ? "Suggéré : " : "", why.c_str());
        ImGui::PopTextWrapPos();
        ImGui::BeginDisabled(!plan.ready && !vs.allow_not_ready);
        if (ImGui::Button(("Livrer à " + c.name).c_str(), ImVec2(full_width(), 48))) {
            DeliveryChoice choice;
            choice.lead_id = lead.id;
            choice.agent_id = c.agent_id;
            choice.allow_not_ready = vs.allow_not_ready;
            ctl.sales.create_delivery(choice);
        }
        anchor(state, "wrap-deliver-to:" + std::to_string(c.agent_id));
        ImGui::EndDisabled();
        ImGui::PopID();
    }
}

// The rest of the call for the lead just called, whatever the queue shows next.
void draw_wrap_up(ConsoleState& state, Controller& ctl, ViewStates& views) {
    const auto* lead = state.find_lead(state.wrap_up->lead_id);
    if (!lead) {
        state.wrap_up.reset();
        return;
    }
    ImGui::TextColored(kAccent, "Appel : %s %s — %s", lead->first_name.c_str(), lead->last_name.c_str(),
                       state.wrap_up->outcome.c_str());
    state.shown["wrap-lead"] = std::to_string(lead->id);
    ImGui::Separator();
    if (state.wrap_up->booking) {
        ImGui::TextColored(kAccent, "Créneau du rendez-vous");
        draw_booking_form(state, ctl, views.booking, lead->id, true);
    } else {
        draw_follow_up_part(state, ctl, views.express.follow_up, *lead);
        ImGui::Separator();
        ImGui::TextColored(kAccent, "Rendez-vous");
        const float half = (full_width() - ImGui::GetStyle().ItemSpacing.x) * 0.5f;
        if (ImGui::Button("Réserver un créneau", ImVec2(half, 44))) state.wrap_up->booking = true;
        anchor(state, "wrap-book");
        ImGui::SameLine();
        ImGui::BeginDisabled(!lead->has_booked_slot);
        if (ImGui::Button("Invitation .ics", ImVec2(half, 44))) ctl.queue.download_lead_ics(lead->id);
        anchor(state, "wrap-ics");
        ImGui::EndDisabled();
        ImGui::Separator();
        draw_delivery_part(state, ctl, views.express.delivery, *lead);
    }
    ImGui::Separator();
    if (ImGui::Button("Lead suivant >", ImVec2(full_width(), 48))) {
        state.wrap_up.reset();
        ctl.queue.on_selection_changed();
    }
    anchor(state, "wrap-done");
}

void draw_phone_queue(ConsoleState& state, Controller& ctl, ViewStates& views) {
    if (state.ranking() && state.rows().empty())
        ImGui::Text("Classement de %zu leads…", state.leads().size());
    else
        ImGui::Text("File : %zu leads", state.rows().size());
    ImGui::SameLine();
    const std::string list = (state.show_follow_ups ? "< File" : "À rappeler · ") +
                             (state.show_follow_ups ? std::string() : std::to_string(state.follow_up_rows().size()));
    if (ImGui::SmallButton(list.c_str())) state.show_follow_ups = !state.show_follow_ups;
    anchor(state, "phone-follow-ups");
    if (!state.flash.empty()) ImGui::TextWrapped("%s", state.flash.c_str());
    if (state.wrap_up && (state.wrap_up->booking || !state.in_call())) {
        draw_wrap_up(state, ctl, views);
        return;
    }
    if (state.show_follow_ups) {
        draw_follow_ups_list(state, ctl, true);
        return;
    }
    const float half = (full_width() - ImGui::GetStyle().ItemSpacing.x) * 0.5f;
    if (ImGui::Button("< Précédent", ImVec2(half, 44))) ctl.dispatch({ActionKind::prev});
    ImGui::SameLine();
    if (ImGui::Button("Suivant >", ImVec2(half, 44))) ctl.dispatch({ActionKind::next});
    anchor(state, "phone-next");
    ImGui::Separator();
    draw_lead_card(state, ctl, true);
}

}  // namespace

void draw_express_view(ConsoleState& state, Controller& ctl, ViewStates& views) {
    draw_tab_strip(state);
    ImGui::BeginChild("phone-tab", ImVec2(0, 0), false);
    switch (state.tab) {
        case Tab::queue:
            draw_phone_queue(state, ctl, views);
            break;
        case Tab::pipeline:
            draw_phone_pipeline(state, views.phone_pipeline);
            break;
        case Tab::deliveries:
            draw_phone_deliveries(state);
            break;
        case Tab::automations:
            draw_phone_automations(state);
            break;
        case Tab::dashboard:
            draw_phone_dashboard(state);
            break;
    }
    ImGui::EndChild();
}

}  // namespace crm::console
