// The settings page's two account sections: "Mot de passe" (the operator's own, the current
// one required; the server's French reason when refused) and "Comptes" (everyone who signs in:
// role, active, last login; create an agent or an operator with a one-time link to hand over
// or e-mailed; a new link; deactivate after a confirmation, reactivate).
#include <imgui.h>

#include <cstdio>
#include <cstring>
#include <string>

#include "views/views.hpp"

namespace crm::console {

namespace {

const ImVec4 kError(1, 0.5f, 0.4f, 1);
const ImVec4 kOk(0.35f, 0.85f, 0.5f, 1);

void password_field(ConsoleState& state, const char* label, const char* anchor_name, char* buf, std::size_t size) {
    ImGui::SetNextItemWidth(260);
    ImGui::InputText(label, buf, size, ImGuiInputTextFlags_Password);
    anchor(state, anchor_name);
}

}  // namespace

void draw_password_section(ConsoleState& state, Controller& ctl, AccountsViewState& v) {
    if (ctl.accounts.clear_password_fields) {
        v.current[0] = v.next[0] = v.confirmation[0] = '\0';
        ctl.accounts.clear_password_fields = false;
    }
    ImGui::TextUnformatted(
        "Changer votre mot de passe (10 caractères au moins, ni mot du dictionnaire ni suite simple).");
    ImGui::TextDisabled("Vos autres sessions seront fermées.");
    password_field(state, "Mot de passe actuel", "password-current", v.current, sizeof v.current);
    password_field(state, "Nouveau mot de passe", "password-new", v.next, sizeof v.next);
    password_field(state, "Confirmation", "password-confirm", v.confirmation, sizeof v.confirmation);
    // For the browser tests, which must wait until typed characters have landed: lengths only,
    // never a password, in the test hook.
    state.shown["password-typed"] = std::to_string(std::strlen(v.current)) + "|" + std::to_string(std::strlen(v.next)) +
                                    "|" + std::to_string(std::strlen(v.confirmation));
    if (ImGui::Button("Changer le mot de passe")) ctl.accounts.change_password(v.current, v.next, v.confirmation);
    anchor(state, "password-save");
    const auto& message = state.accounts.password_message;
    if (!message.empty()) ImGui::TextColored(state.accounts.password_changed ? kOk : kError, "%s", message.c_str());
    state.shown["password-message"] = message;
}

void draw_accounts_section(ConsoleState& state, Controller& ctl, AccountsViewState& v) {
    auto& model = state.accounts;
    if (!v.requested_list) {
        ctl.accounts.load();
        v.requested_list = true;
    }
    if (!model.error.empty()) ImGui::TextColored(kError, "%s", model.error.c_str());
    if (!model.loaded && model.error.empty()) ImGui::TextDisabled("Chargement des comptes…");

    const auto table_flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_ScrollY;
    if (model.loaded && ImGui::BeginTable("accounts", 6, table_flags, ImVec2(900, 220))) {
        ImGui::TableSetupColumn("Nom", ImGuiTableColumnFlags_WidthStretch, 1);
        ImGui::TableSetupColumn("Identifiant", ImGuiTableColumnFlags_WidthStretch, 1);
        ImGui::TableSetupColumn("Rôle", ImGuiTableColumnFlags_WidthFixed, 100);
        ImGui::TableSetupColumn("État", ImGuiTableColumnFlags_WidthFixed, 75);
        ImGui::TableSetupColumn("Dernière connexion", ImGuiTableColumnFlags_WidthFixed, 160);
        ImGui::TableSetupColumn("", ImGuiTableColumnFlags_WidthFixed, 215);
        ImGui::TableSetupScrollFreeze(0, 1);
        ImGui::TableHeadersRow();
        for (const auto& row : model.rows) {
            ImGui::PushID(static_cast<int>(row.id));
            ImGui::TableNextRow();
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(row.display_name.c_str());
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(row.username.c_str());
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(role_label_fr(row.role).c_str());
            ImGui::TableNextColumn();
            if (row.active)
                ImGui::TextColored(kOk, "actif");
            else
                ImGui::TextDisabled("désactivé");
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(last_login_label(row).c_str());
            ImGui::TableNextColumn();
            if (row.active) {
                if (ImGui::SmallButton("Nouveau lien")) ctl.accounts.reset(row.id);
                anchor(state, "account-reset:" + row.username);
                ImGui::SameLine();
                if (v.confirm_deactivate == row.id) {
                    if (ImGui::SmallButton("Confirmer")) {
                        ctl.accounts.set_active(row.id, false);
                        v.confirm_deactivate = 0;
                    }
                    anchor(state, "account-deactivate-confirm:" + row.username);
                    ImGui::SameLine();
                    if (ImGui::SmallButton("Non")) v.confirm_deactivate = 0;
                } else if (ImGui::SmallButton("Désactiver")) {
                    v.confirm_deactivate = row.id;  // never in one click
                }
                anchor(state, "account-deactivate:" + row.username);
            } else {
                if (ImGui::SmallButton("Réactiver")) ctl.accounts.set_active(row.id, true);
                anchor(state, "account-reactivate:" + row.username);
            }
            ImGui::PopID();
        }
        ImGui::EndTable();
    }

    ImGui::Separator();
    ImGui::TextUnformatted(
        "Nouveau compte : la personne choisit son mot de passe avec un lien (24 h, une seule fois).");
    ImGui::SetNextItemWidth(220);
    ImGui::InputTextWithHint("Identifiant", "prenom.nom", v.username, sizeof v.username);
    anchor(state, "account-username");
    ImGui::SetNextItemWidth(220);
    ImGui::InputText("Nom affiché", v.display_name, sizeof v.display_name);
    anchor(state, "account-display-name");
    ImGui::SetNextItemWidth(220);
    ImGui::InputTextWithHint("E-mail (facultatif : le lien part par e-mail)", "nom@agence.fr", v.email, sizeof v.email);
    anchor(state, "account-email");
    state.shown["account-typed"] = std::string(v.username) + "|" + v.display_name + "|" + v.email;
    ImGui::RadioButton("Agent", &v.role, 0);
    anchor(state, "account-role-agent");
    ImGui::SameLine();
    ImGui::RadioButton("Opérateur", &v.role, 1);
    anchor(state, "account-role-operator");
    if (ImGui::Button("Créer le compte")) {
        ctl.accounts.create({v.username, v.display_name, v.email, v.role == 1 ? "operator" : "agent"});
        v.username[0] = v.display_name[0] = v.email[0] = '\0';
    }
    anchor(state, "account-create");
    if (!model.message.empty()) ImGui::TextWrapped("%s", model.message.c_str());
    state.shown["accounts-message"] = model.message;
    if (!model.setup_url.empty()) {
        ImGui::Text("Lien pour %s :", model.setup_for.c_str());
        ImGui::SameLine();
        if (ImGui::SmallButton("Copier le lien")) ctl.accounts.copy_setup_link();
        anchor(state, "account-copy-link");
        ImGui::TextWrapped("%s", model.setup_url.c_str());
    }
    state.shown["account-setup-url"] = model.setup_url;
}

// Opening the page again lists the accounts afresh.
void forget_accounts_list(AccountsViewState& v) {
    v.requested_list = false;
    v.confirm_deactivate = 0;
}

}  // namespace crm::console
