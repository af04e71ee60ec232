#include "app/accounts_model.hpp"

#include "app/json_read.hpp"

namespace crm::console {

std::vector<AccountRow> accounts_from_json(const nlohmann::json& answer) {
    return json_read::parse_items<AccountRow>(answer, [](const nlohmann::json& j) {
        AccountRow r;
        r.id = json_read::number(j, "id");
        r.username = json_read::text(j, "username");
        r.display_name = json_read::text(j, "displayName");
        r.role = json_read::text(j, "role");
        r.email = json_read::text(j, "email");
        r.active = j.value("active", true);
        r.password_set = j.value("passwordSet", false);
        r.last_login_at = json_read::opt_time(j, "lastLoginAt");
        return r;
    });
}

std::string role_label_fr(const std::string& role) {
    if (role == "operator") return "Opérateur";
    if (role == "admin") return "Administrateur";
    if (role == "agent") return "Agent";
    return role;
}

std::string last_login_label(const AccountRow& row) {
    if (row.last_login_at) return domain::format_paris(*row.last_login_at);
    return row.password_set ? "jamais" : "mot de passe à choisir";
}

std::string password_entry_problem(const std::string& password, const std::string& confirmation) {
    std::size_t chars = 0;
    for (unsigned char c : password)
        if ((c & 0xC0) != 0x80) ++chars;
    if (chars < 10) return "10 caractères au moins.";
    if (password != confirmation) return "Les deux mots de passe ne sont pas identiques.";
    return "";
}

}  // namespace crm::console
