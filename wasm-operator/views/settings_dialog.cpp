// The settings page (",", or the status bar's button), in three tabs. "Règles": the French
// prospecting rules (calling windows switch, frequency caps, the consent script read on the
// phone), GDPR retention, delivery prices and the automation delays; the server validates the
// whole document and audits the change; switching the calling-window rule off asks for a
// confirmation. "Mot de passe" and "Comptes": views/accounts_view.cpp.
#include <imgui.h>

#include <cstdio>

#include "crm/domain/compliance.hpp"
#include "views/views.hpp"

namespace crm::console {

namespace {
void draw_rules_tab(ConsoleState& state, Controller& ctl, domain::Settings& draft, char* script,
                    std::size_t script_size, bool& confirm_off);
}  // namespace

void draw_settings_dialog(ConsoleState& state, Controller& ctl, SettingsDialogState& vs) {
    if (ctl.settings.open_dialog) {
        vs.draft = state.settings();
        std::snprintf(
            vs.script, sizeof vs.script, "%s",
            vs.draft.consent_script.empty() ? domain::kDefaultConsentScript : vs.draft.consent_script.c_str());
        vs.confirm_off = false;
        ctl.settings.message.clear();
        forget_accounts_list(vs.accounts);
        ImGui::OpenPopup("Réglages");
        ctl.settings.open_dialog = false;
    }
    if (!ImGui::BeginPopupModal("Réglages", nullptr, ImGuiWindowFlags_AlwaysAutoResize)) return;
    bool closing = false;
    if (ImGui::BeginTabBar("settings-tabs")) {
        const bool rules_tab = ImGui::BeginTabItem("Règles");
        anchor(state, "settings-tab-rules");
        if (rules_tab) {
            draw_rules_tab(state, ctl, vs.draft, vs.script, sizeof vs.script, vs.confirm_off);
            ImGui::EndTabItem();
        }
        const bool password_tab = ImGui::BeginTabItem("Mot de passe");
        anchor(state, "settings-tab-password");
        if (password_tab) {
            draw_password_section(state, ctl, vs.accounts);
            ImGui::EndTabItem();
        }
        const bool accounts_tab = ImGui::BeginTabItem("Comptes");
        anchor(state, "settings-tab-accounts");
        if (accounts_tab) {
            draw_accounts_section(state, ctl, vs.accounts);
            ImGui::EndTabItem();
        }
        ImGui::EndTabBar();
    }
    ImGui::Separator();
    if (ImGui::Button("Fermer") || ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape))) closing = true;
    anchor(state, "settings-close");
    if (closing) ImGui::CloseCurrentPopup();
    ImGui::EndPopup();
}

namespace {

void draw_rules_tab(ConsoleState& state, Controller& ctl, domain::Settings& draft, char* script,
                    std::size_t script_size, bool& confirm_off) {
    ImGui::TextUnformatted("Démarchage téléphonique (décret 2022-1313, loi 2025-594)");
    bool rule = draft.calling_window_rule;
    if (ImGui::Checkbox("Appels seulement lun–ven 10:00–13:00 et 14:00–20:00, hors fériés", &rule)) {
        if (rule)
            draft.calling_window_rule = true;
        else
            confirm_off = true;  // never silently
    }
    anchor(state, "settings-window-rule");
    state.shown["settings-window-rule"] = draft.calling_window_rule ? "1" : "0";
    if (confirm_off) {
        ImGui::TextColored(ImVec4(1, 0.5f, 0.4f, 1), "Désactiver la règle expose à des sanctions (jusqu'à 375 000 €).");
        if (ImGui::Button("Je désactive la règle (audité)")) {
            draft.calling_window_rule = false;
            confirm_off = false;
        }
        anchor(state, "settings-window-off-confirm");
        ImGui::SameLine();
        if (ImGui::Button("Garder la règle")) confirm_off = false;
    }
    ImGui::SetNextItemWidth(120);
    ImGui::InputInt("Appels max. par lead sur 30 jours (sans consentement)", &draft.max_attempts_30d);
    ImGui::SetNextItemWidth(120);
    ImGui::InputInt("Jours sans contact après « pas vendeur »", &draft.not_seller_cooldown_days);
    ImGui::TextUnformatted("Texte du consentement lu au téléphone (enregistré mot pour mot)");
    ImGui::InputTextMultiline("##script", script, script_size, ImVec2(560, 80));
    ImGui::Separator();
    ImGui::SetNextItemWidth(120);
    ImGui::InputInt("RGPD : effacer les leads inactifs depuis (mois, 0 = jamais)", &draft.retention_months);
    ImGui::Separator();
    int base = static_cast<int>(draft.price_base_cents / 100),
        slot = static_cast<int>(draft.price_slot_bonus_cents / 100);
    ImGui::SetNextItemWidth(120);
    if (ImGui::InputInt("Prix de base (€)", &base)) draft.price_base_cents = static_cast<domain::Money>(base) * 100;
    ImGui::SetNextItemWidth(120);
    if (ImGui::InputInt("Bonus créneau réservé (€)", &slot))
        draft.price_slot_bonus_cents = static_cast<domain::Money>(slot) * 100;
    ImGui::SetNextItemWidth(120);
    ImGui::InputInt("Bonus exclusivité (%)", &draft.price_exclusive_percent);
    ImGui::SetNextItemWidth(120);
    ImGui::InputInt("Alerte sans premier appel de l'agent (heures)", &draft.no_first_call_hours);
    ImGui::SetNextItemWidth(120);
    ImGui::InputInt("Passage en nurture après (jours sans contact)", &draft.idle_days_to_nurture);
    if (!ctl.settings.message.empty()) ImGui::TextWrapped("%s", ctl.settings.message.c_str());
    state.shown["settings-message"] = ctl.settings.message;
    if (ImGui::Button("Enregistrer")) {
        draft.consent_script = script == std::string(domain::kDefaultConsentScript) ? "" : script;
        ctl.settings.save(draft);
    }
    anchor(state, "settings-save");
}

}  // namespace

}  // namespace crm::console
