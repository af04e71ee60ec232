#pragma once
// What the settings page's "Comptes" and "Mot de passe" sections show: the accounts as
// GET /api/users lists them, the link just made for a new or reset account, and the last
// result of each action. No HTTP here (app/accounts_controller.cpp).
#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "crm/domain/time.hpp"

namespace crm::console {

struct AccountRow {
    std::int64_t id = 0;
    std::string username, display_name, role, email;
    bool active = true;
    bool password_set = false;
    std::optional<domain::UnixTime> last_login_at;
};

std::vector<AccountRow> accounts_from_json(const nlohmann::json& answer);  // {items: [...]}

// "Opérateur", "Agent", "Administrateur".
std::string role_label_fr(const std::string& role);
// "20/11/2026 10:30" in Paris time, "jamais" before the first login, "lien envoyé" when the
// person has not chosen a password yet.
std::string last_login_label(const AccountRow& row);

// Why a new password cannot be sent as typed ("" when it can): the same rule as the agent app.
std::string password_entry_problem(const std::string& password, const std::string& confirmation);

struct AccountsModel {
    std::vector<AccountRow> rows;
    bool loaded = false;
    std::string error;    // the list could not be loaded
    std::string message;  // the last action's result ("Lien copié", "Compte désactivé"…)
    // The one-time link of the account just created or reset: shown once, to copy or hand over.
    std::string setup_url, setup_for;
    bool setup_emailed = false;
    std::string password_message;  // the last password change's result
    bool password_changed = false;
};

}  // namespace crm::console
