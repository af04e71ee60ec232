// The Express layout's other tabs, in a phone's width and read-only: the Pipeline one stage at
// a time, the deliveries, the rules, and the Dashboard's figures as lines. Changing them (stage
// moves, refunds, rule edits) stays on the desktop console.
#include <imgui.h>

#include "crm/domain/pricing.hpp"
#include "views/views.hpp"

namespace crm::console {

namespace {

void wrapped(const std::string& text) {
    ImGui::PushTextWrapPos(0);
    ImGui::TextUnformatted(text.c_str());
    ImGui::PopTextWrapPos();
}

}  // namespace

void draw_phone_pipeline(ConsoleState& state, PhonePipelineState& vs) {
    const auto& columns = state.pipeline_columns();
    const auto label = [&](std::size_t i) {
        return std::string(domain::stage_label_fr(columns[i].stage)) + " · " + std::to_string(columns[i].cards.size()) +
               " · " + domain::format_euros(columns[i].total_ev_cents, false);
    };
    ImGui::SetNextItemWidth(ImGui::GetContentRegionAvail().x);
    if (ImGui::BeginCombo("##phone-stage", label(static_cast<std::size_t>(vs.stage)).c_str())) {
        for (std::size_t i = 0; i < columns.size(); ++i)
            if (ImGui::Selectable(label(i).c_str(), vs.stage == static_cast<int>(i))) vs.stage = static_cast<int>(i);
        ImGui::EndCombo();
    }
    anchor(state, "phone-stage");
    const auto& col = columns[static_cast<std::size_t>(vs.stage)];
    state.shown["phone-pipeline"] = label(static_cast<std::size_t>(vs.stage));
    if (col.cards.empty()) ImGui::TextDisabled("Aucun lead à cette étape.");
    ImGuiListClipper clipper;
    clipper.Begin(static_cast<int>(col.cards.size()));
    while (clipper.Step())
        for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i) {
            const auto& card = col.cards[static_cast<std::size_t>(i)];
            const auto& l = state.leads()[card.lead_index];
            ImGui::Text("%s %s · %s", l.first_name.c_str(), l.last_name.c_str(), l.city.c_str());
            ImGui::TextDisabled("%s%s%s", domain::format_euros(card.expected_value_cents, false).c_str(),
                                card.hot ? " · HOT" : "", card.ready ? " · prêt à vendre" : "");
            ImGui::Separator();
        }
}

void draw_phone_deliveries(ConsoleState& state) {
    const auto& sales = state.sales;
    if (!sales.deliveries_error.empty())
        ImGui::TextColored(ImVec4(1, 0.45f, 0.4f, 1), "%s", sales.deliveries_error.c_str());
    if (!sales.deliveries_loaded) {
        ImGui::TextDisabled("Chargement des livraisons…");
        return;
    }
    ImGui::Text("%zu livraisons", sales.deliveries.size());
    ImGui::Separator();
    for (const auto& d : sales.deliveries) {
        ImGui::PushID(static_cast<int>(d.id));
        ImGui::Text("n° %lld · %s", static_cast<long long>(d.id), delivery_lead_name(d).c_str());
        const std::string line = d.agent_name + " · " + delivery_status_fr(d.status) + " · " +
                                 domain::format_euros(d.price_cents) + (d.paid_at ? " · payé" : " · non payé");
        ImGui::TextDisabled("%s", line.c_str());
        state.shown["phone-delivery:" + std::to_string(d.id)] = line;
        ImGui::Separator();
        ImGui::PopID();
    }
}

void draw_phone_automations(ConsoleState& state) {
    const auto& rules = state.automations.rules();
    if (!state.automations.loaded()) {
        ImGui::TextDisabled("Chargement des règles…");
        return;
    }
    ImGui::Text("%zu règles · modifiables sur ordinateur", rules.size());
    ImGui::Separator();
    for (const auto& r : rules) {
        ImGui::TextColored(r.enabled ? ImVec4(0.35f, 0.85f, 0.5f, 1) : ImVec4(0.6f, 0.65f, 0.75f, 1), "%s %s",
                           r.enabled ? "●" : "○", r.name.c_str());
        ImGui::TextDisabled("%s", r.trigger.c_str());
        wrapped(r.action);
        ImGui::Separator();
    }
}

void draw_phone_dashboard(ConsoleState& state) {
    const auto* d = state.dashboard.data();
    if (!d) {
        ImGui::TextDisabled(
            "%s", state.dashboard.error().empty() ? "Chargement des chiffres…" : state.dashboard.error().c_str());
        return;
    }
    const auto& t = d->today;
    ImGui::TextColored(ImVec4(0.55f, 0.75f, 1, 1), "Aujourd'hui");
    ImGui::Text("%lld appels · %lld joints (%s)", static_cast<long long>(t.calls_placed),
                static_cast<long long>(t.connects), format_percent(t.connect_rate).c_str());
    ImGui::Text("%lld RDV · %lld livrés · %s encaissés", static_cast<long long>(t.booked),
                static_cast<long long>(t.leads_delivered), domain::format_euros(t.collected_cents).c_str());
    ImGui::Separator();
    ImGui::TextColored(ImVec4(0.55f, 0.75f, 1, 1), "Entonnoir, %d jours", d->days);
    for (const auto& s : d->funnel) {
        const auto rate = conversion_fr(s);
        ImGui::Text("%s : %lld%s%s", s.label.c_str(), static_cast<long long>(s.count), rate.empty() ? "" : " · ",
                    rate.c_str());
        state.shown["phone-funnel:" + s.key] = std::to_string(s.count) + (rate.empty() ? "" : " · " + rate);
    }
    ImGui::Separator();
    ImGui::TextColored(ImVec4(0.55f, 0.75f, 1, 1), "Meilleurs créneaux (90 jours)");
    const auto best = best_windows(*d);
    if (best.empty()) ImGui::TextDisabled("Pas encore assez d'appels.");
    for (const auto& c : best)
        ImGui::Text("%s %d h : %s joints (%lld appels)", weekday_short_fr(c.weekday), c.hour,
                    format_percent(c.connect_rate).c_str(), static_cast<long long>(c.calls));
}

}  // namespace crm::console
