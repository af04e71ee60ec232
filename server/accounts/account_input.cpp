#include "accounts/account_input.hpp"

#include <regex>

#include "crm/domain/validation.hpp"
#include "http/errors.hpp"

namespace crm::accounts {

NewAccount read_new_account(api::BodyReader& in, http::Role role) {
    NewAccount a;
    a.role = role;
    auto username = in.text("username", true, 64);
    auto display = in.text("displayName", true, 120);
    auto email = in.text("email", false, 254);
    auto phone = in.text("phone", false, 40);
    a.cities = in.text_list("cities", 200, 80);
    a.zips = in.text_list("zips", 200, 80);
    if (username && !std::regex_match(*username, std::regex("[a-z0-9._-]{3,64}")))
        in.invalid("username", "3 à 64 caractères : minuscules, chiffres, . _ -");
    if (email && !email->empty()) {
        if (domain::is_valid_email(*email))
            a.email = *email;
        else
            in.invalid("email", "adresse e-mail invalide");
    }
    if (phone && !phone->empty()) {
        a.phone_e164 = domain::normalize_phone(*phone);
        if (!a.phone_e164) in.invalid("phone", "numéro de téléphone invalide");
    }
    for (const auto& z : a.zips)
        if (!std::regex_match(z, std::regex("[0-9]{5}"))) {
            in.invalid("zips", "codes postaux à 5 chiffres");
            break;
        }
    if (role != http::Role::agent && (!a.cities.empty() || !a.zips.empty()))
        in.invalid("zips", "seuls les agents ont des villes et codes postaux");
    a.username = username.value_or("");
    a.display_name = display.value_or("");
    return a;
}

void require_free_username(db::Database& db, const std::string& username) {
    if (find_by_username(db, username)) throw http::conflict("conflict", "Cet identifiant est déjà pris.");
}

}  // namespace crm::accounts
