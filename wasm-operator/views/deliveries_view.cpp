// The Deliveries tab: every lead package with its agent, status, price, payment and times;
// the selected one can have its link copied (or a new one issued), its PDF opened, be sent
// again, refunded or reassigned.
#include <imgui.h>

#include <cstdio>

#include "crm/domain/pricing.hpp"
#include "views/views.hpp"

namespace crm::console {

namespace {

std::string when(const std::optional<domain::UnixTime>& t) {
    return t ? domain::format_paris(*t, "%d/%m %H:%M") : "—";
}

void draw_actions(ConsoleState& state, Controller& ctl, DeliveryActionsState& vs, const domain::Delivery& d) {
    ImGui::Text("Livraison n° %lld · %s → %s · %s", static_cast<long long>(d.id), delivery_lead_name(d).c_str(),
                d.agent_name.c_str(), delivery_status_fr(d.status));
    if (d.refund_reason && !d.refund_reason->empty()) ImGui::TextDisabled("Motif : %s", d.refund_reason->c_str());
    const bool live = d.status != domain::DeliveryStatus::refunded;
    if (d.refund_requested_at && live)
        ImGui::TextColored(ImVec4(0.95f, 0.7f, 0.2f, 1), "L'agent demande un remboursement (%s).",
                           when(d.refund_requested_at).c_str());
    const bool known = state.sales.share_urls.count(d.id) > 0;
    ImGui::BeginDisabled(!live);
    // Copy: the same link again (the agent's copy keeps working); new: a fresh one, the old one stops.
    if (ImGui::Button("Copier le lien")) ctl.sales.copy_share_link(d.id);
    anchor(state, "delivery-copy");
    ImGui::SameLine();
    if (ImGui::Button("Nouveau lien")) ctl.sales.resend_delivery(d.id, "link");
    anchor(state, "delivery-new-link");
    ImGui::SameLine();
    ImGui::EndDisabled();
    if (ImGui::Button("Ouvrir le PDF")) ctl.sales.open_delivery_pdf(d.id);
    ImGui::SameLine();
    ImGui::BeginDisabled(!live);
    if (ImGui::Button("Renvoyer par e-mail")) ctl.sales.resend_delivery(d.id, "email");
    ImGui::SameLine();
    if (ImGui::Button("Renvoyer par WhatsApp")) ctl.sales.resend_delivery(d.id, "whatsapp");
    ImGui::EndDisabled();
    if (d.payment_url && !d.payment_url->empty() && !d.paid_at) {
        ImGui::SameLine();
        if (ImGui::Button("Copier le lien de paiement")) ctl.sales.copy_text(*d.payment_url, "Lien de paiement copié.");
    } else if (d.awaiting_payment_link()) {
        ImGui::SameLine();
        ImGui::TextDisabled("Lien de paiement en préparation (voir Automatisations si Stripe échoue)");
    }
    if (known && live) ImGui::TextDisabled("%s", state.sales.share_urls[d.id].c_str());

    // Refund and reassign ask for a reason / an agent, then confirm.
    ImGui::BeginDisabled(!live);
    ImGui::SetNextItemWidth(320);
    ImGui::InputTextWithHint("##refund-reason", "Motif du remboursement", vs.reason, sizeof vs.reason);
    anchor(state, "delivery-refund-reason");
    state.shown["refund-reason"] = vs.reason;
    ImGui::SameLine();
    ImGui::BeginDisabled(vs.reason[0] == 0);
    if (ImGui::Button("Rembourser")) {
        ctl.sales.refund_delivery(d.id, vs.reason, 0);
        vs.reason[0] = 0;
    }
    anchor(state, "delivery-refund");
    ImGui::EndDisabled();
    const auto& agents = ctl.sales.agents();
    ImGui::SetNextItemWidth(200);
    const char* current = vs.agent_choice >= 0 && vs.agent_choice < static_cast<int>(agents.size())
                              ? agents[static_cast<std::size_t>(vs.agent_choice)].name.c_str()
                              : "Choisir un agent";
    if (ImGui::BeginCombo("##reassign-agent", current)) {
        for (int i = 0; i < static_cast<int>(agents.size()); ++i) {
            const auto& a = agents[static_cast<std::size_t>(i)];
            if (a.id == d.agent_id) continue;
            if (ImGui::Selectable(a.name.c_str(), vs.agent_choice == i)) vs.agent_choice = i;
        }
        ImGui::EndCombo();
    }
    ImGui::SameLine();
    const bool can_reassign = vs.agent_choice >= 0 && vs.agent_choice < static_cast<int>(agents.size()) &&
                              agents[static_cast<std::size_t>(vs.agent_choice)].id != d.agent_id;
    ImGui::BeginDisabled(!can_reassign);
    if (ImGui::Button("Réattribuer")) {
        ctl.sales.reassign_delivery(d.id, agents[static_cast<std::size_t>(vs.agent_choice)].id, 0);
        vs.agent_choice = -1;
    }
    ImGui::EndDisabled();
    ImGui::EndDisabled();
}

}  // namespace

void draw_deliveries_view(ConsoleState& state, Controller& ctl, DeliveriesViewState& vs) {
    auto& sales = state.sales;
    const char* filters[] = {"Toutes", "Envoyé", "Ouvert", "Accepté", "Remboursé"};
    const char* codes[] = {"", "sent", "opened", "accepted", "refunded"};
    ImGui::SetNextItemWidth(160);
    ImGui::Combo("Statut", &vs.status_filter, filters, 5);
    ImGui::SameLine();
    if (ImGui::Button("Actualiser")) ctl.sales.load_deliveries();
    if (!sales.message.empty()) {
        ImGui::SameLine();
        ImGui::TextColored(ImVec4(0.55f, 0.75f, 1, 1), "%s", sales.message.c_str());
        state.shown["deliveries-message"] = sales.message;
    }
    if (!sales.deliveries_error.empty())
        ImGui::TextColored(ImVec4(1, 0.45f, 0.4f, 1), "%s", sales.deliveries_error.c_str());
    if (!sales.deliveries_loaded) {
        ImGui::TextDisabled("Chargement des livraisons…");
        return;
    }
    if (sales.deliveries.empty()) ImGui::TextDisabled("Aucune livraison. Dans la file, P livre le lead courant.");

    const domain::Delivery* current = nullptr;
    const float table_height = ImGui::GetContentRegionAvail().y - 200;  // room for the actions
    if (ImGui::BeginTable("deliveries", 9,
                          ImGuiTableFlags_RowBg | ImGuiTableFlags_ScrollY | ImGuiTableFlags_SizingStretchProp |
                              ImGuiTableFlags_BordersInnerV,
                          ImVec2(0, table_height))) {
        ImGui::TableSetupScrollFreeze(0, 1);
        for (const char* h : {"N°", "Lead", "Agent", "Statut", "Prix", "Payé", "Envoyé", "Ouvert", "Accepté"})
            ImGui::TableSetupColumn(h);
        ImGui::TableHeadersRow();
        for (const auto& d : sales.deliveries) {
            if (vs.status_filter > 0 && std::string(to_string(d.status)) != codes[vs.status_filter]) continue;
            if (d.id == vs.selected) current = &d;
            ImGui::PushID(static_cast<int>(d.id));
            ImGui::TableNextRow();
            ImGui::TableNextColumn();
            char label[32];
            std::snprintf(label, sizeof label, "%lld", static_cast<long long>(d.id));
            if (ImGui::Selectable(label, d.id == vs.selected, ImGuiSelectableFlags_SpanAllColumns)) vs.selected = d.id;
            anchor(state, "delivery-row:" + std::to_string(d.id));
            ImGui::TableNextColumn();
            ImGui::Text("%s (%s)", delivery_lead_name(d).c_str(), d.lead.city.c_str());
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(d.agent_name.c_str());
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(delivery_status_fr(d.status));
            ImGui::TableNextColumn();
            ImGui::Text("%s%s%s", domain::format_euros(d.price_cents).c_str(), d.exclusive ? " excl." : "",
                        d.full_contact ? " confiance" : "");
            ImGui::TableNextColumn();
            ImGui::Text("%s", d.paid_at ? (d.payment_method == "stripe" ? "carte" : "crédits") : "non");
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(when(d.sent_at).c_str());
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(when(d.opened_at).c_str());
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(when(d.accepted_at).c_str());
            state.shown["delivery:" + std::to_string(d.id)] = to_string(d.status);
            ImGui::PopID();
        }
        ImGui::EndTable();
    }
    ImGui::Separator();
    if (current)
        draw_actions(state, ctl, vs.actions, *current);
    else
        ImGui::TextDisabled("Sélectionnez une livraison pour ses actions.");
}

}  // namespace crm::console
