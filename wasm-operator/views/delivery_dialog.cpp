// The delivery dialog (P): Ready-to-Sell criteria, suggested agents with their reasons (or
// any other agent), exclusivity with the price it adds, channel and payment, the price
// breakdown, then Livrer. Enter delivers, Escape closes.
#include <imgui.h>

#include "crm/domain/pricing.hpp"
#include "views/views.hpp"

namespace crm::console {

namespace {

void price_line(const char* label, domain::Money cents) {
    ImGui::TextUnformatted(label);
    ImGui::SameLine(220);
    ImGui::TextUnformatted(domain::format_euros(cents).c_str());
}

}  // namespace

void draw_delivery_dialog(ConsoleState& state, Controller& ctl, DeliveryDialogState& vs) {
    // On a phone the plan is shown on the Express screen itself (express_view.cpp).
    if (ctl.sales.open_deliver && ImGui::GetIO().DisplaySize.x < 720) ctl.sales.open_deliver = false;
    if (ctl.sales.open_deliver) {
        ImGui::OpenPopup("Livrer le lead");
        ctl.sales.open_deliver = false;
        vs.choice = {};
        vs.candidate = 0;
        vs.other_agent = 0;
    }
    const auto& io = ImGui::GetIO();
    ImGui::SetNextWindowPos(ImVec2(io.DisplaySize.x * 0.5f, io.DisplaySize.y * 0.5f), ImGuiCond_Always,
                            ImVec2(0.5f, 0.5f));
    ImGui::SetNextWindowSizeConstraints(ImVec2(420, 0), ImVec2(io.DisplaySize.x - 20, io.DisplaySize.y - 50));
    if (!ImGui::BeginPopupModal("Livrer le lead", nullptr,
                                ImGuiWindowFlags_AlwaysAutoResize | ImGuiWindowFlags_NoSavedSettings))
        return;
    const auto& sales = state.sales;
    if (sales.plan_loading) {
        ImGui::TextDisabled("Calcul du routage et du prix…");
    } else if (!sales.plan_error.empty()) {
        ImGui::TextColored(ImVec4(1, 0.45f, 0.4f, 1), "%s", sales.plan_error.c_str());
    } else if (sales.plan) {
        const auto& plan = *sales.plan;
        vs.choice.lead_id = plan.lead_id;
        ImGui::TextColored(plan.ready ? ImVec4(0.3f, 0.85f, 0.45f, 1) : ImVec4(0.95f, 0.7f, 0.2f, 1), "%s",
                           plan.ready ? "Prêt à vendre" : "Pas encore prêt à vendre");
        state.shown["deliver-ready"] = plan.ready ? "1" : "0";
        if (ImGui::BeginTable("criteria", 2)) {  // two per line: the dialog fits a laptop screen
            for (const auto& c : plan.criteria) {
                ImGui::TableNextColumn();
                ImGui::TextColored(c.met ? ImVec4(0.3f, 0.85f, 0.45f, 1) : ImVec4(1, 0.5f, 0.4f, 1), "%s",
                                   c.met ? "✓" : "✗");
                ImGui::SameLine();
                ImGui::TextUnformatted(c.label.c_str());
            }
            ImGui::EndTable();
        }
        ImGui::Separator();
        ImGui::TextUnformatted("Agent");
        if (plan.candidates.empty()) ImGui::TextDisabled("Aucun agent ne couvre ce secteur : choisissez-en un.");
        for (int i = 0; i < static_cast<int>(plan.candidates.size()); ++i) {
            const auto& c = plan.candidates[static_cast<std::size_t>(i)];
            ImGui::PushID(i);
            if (ImGui::RadioButton((c.name + (i == 0 ? "  (suggéré)" : "")).c_str(), vs.candidate == i))
                vs.candidate = i;
            anchor(state, "deliver-candidate:" + std::to_string(c.agent_id));
            std::string reasons;
            for (const auto& r : c.reasons) reasons += (reasons.empty() ? "" : " · ") + r;
            ImGui::Indent();
            ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + 520);  // fixed: the dialog sizes itself
            ImGui::TextDisabled("%s", reasons.c_str());
            ImGui::PopTextWrapPos();
            ImGui::Unindent();
            ImGui::PopID();
        }
        const auto& agents = ctl.sales.agents();
        if (ImGui::RadioButton("Un autre agent", vs.candidate == -1 || plan.candidates.empty())) vs.candidate = -1;
        if (vs.candidate == -1 || plan.candidates.empty()) {
            ImGui::SameLine();
            ImGui::SetNextItemWidth(220);
            vs.other_agent = std::min(vs.other_agent, std::max(0, static_cast<int>(agents.size()) - 1));
            if (ImGui::BeginCombo(
                    "##other", agents.empty() ? "…" : agents[static_cast<std::size_t>(vs.other_agent)].name.c_str())) {
                for (int i = 0; i < static_cast<int>(agents.size()); ++i)
                    if (ImGui::Selectable(agents[static_cast<std::size_t>(i)].name.c_str(), vs.other_agent == i))
                        vs.other_agent = i;
                ImGui::EndCombo();
            }
        }
        if (vs.candidate >= 0 && vs.candidate < static_cast<int>(plan.candidates.size()))
            vs.choice.agent_id = plan.candidates[static_cast<std::size_t>(vs.candidate)].agent_id;
        else
            vs.choice.agent_id = agents.empty() ? 0 : agents[static_cast<std::size_t>(vs.other_agent)].id;

        ImGui::Separator();
        ImGui::Checkbox("Exclusif (+50 %)", &vs.choice.exclusive);
        ImGui::SameLine();
        ImGui::Checkbox("Agent de confiance", &vs.choice.full_contact);
        anchor(state, "deliver-full-contact");
        if (ImGui::IsItemHovered())
            ImGui::SetTooltip("Téléphone et e-mail du vendeur visibles avant acceptation (sinon : après).");
        ImGui::TextUnformatted("Envoi");
        ImGui::SameLine();
        if (ImGui::RadioButton("Lien à copier", vs.choice.channel == "link")) vs.choice.channel = "link";
        ImGui::SameLine();
        if (ImGui::RadioButton("E-mail", vs.choice.channel == "email")) vs.choice.channel = "email";
        ImGui::SameLine();
        if (ImGui::RadioButton("WhatsApp", vs.choice.channel == "whatsapp")) vs.choice.channel = "whatsapp";
        ImGui::TextUnformatted("Paiement");
        ImGui::SameLine();
        if (ImGui::RadioButton("Crédits", vs.choice.payment == "credits")) vs.choice.payment = "credits";
        ImGui::SameLine();
        if (ImGui::RadioButton("Carte (Stripe)", vs.choice.payment == "stripe")) vs.choice.payment = "stripe";

        const auto& p = vs.choice.exclusive ? plan.exclusive_price : plan.price;
        ImGui::Separator();
        price_line("Base", p.base_cents);
        if (p.slot_bonus_cents) price_line("Créneau réservé", p.slot_bonus_cents);
        if (p.exclusive_bonus_cents) price_line("Exclusivité", p.exclusive_bonus_cents);
        price_line("Total", p.total_cents);
        state.shown["deliver-total"] = std::to_string(p.total_cents);
        if (!plan.ready) ImGui::Checkbox("Livrer quand même (noté dans l'audit)", &vs.choice.allow_not_ready);

        const bool can = vs.choice.agent_id > 0 && (plan.ready || vs.choice.allow_not_ready);
        ImGui::BeginDisabled(!can);
        if (ImGui::Button("Livrer (Entrée)") || (can && ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Enter)))) {
            ctl.sales.create_delivery(vs.choice);
            ImGui::CloseCurrentPopup();
        }
        anchor(state, "deliver-confirm");
        ImGui::EndDisabled();
        ImGui::SameLine();
    }
    if (ImGui::Button("Annuler (Échap)") || ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape)))
        ImGui::CloseCurrentPopup();
    ImGui::EndPopup();
}

}  // namespace crm::console
