// What the settings page's "Comptes" and "Mot de passe" sections read: the accounts as the
// server lists them, in French, and the local check before a new password is sent.
#include <catch2/catch.hpp>

#include "app/accounts_model.hpp"

using namespace crm;
using namespace crm::console;

TEST_CASE("the accounts list reads GET /api/users and words it in French") {
    const auto answer = nlohmann::json::parse(R"({"items": [
        {"id": 3, "username": "admin", "displayName": "Opérateur", "role": "operator", "email": null,
         "active": true, "passwordSet": true, "lastLoginAt": "2026-11-20T09:30:00Z"},
        {"id": 7, "username": "chloe.petit", "displayName": "Chloé Petit", "role": "agent",
         "email": "chloe@example.fr", "active": false, "passwordSet": false, "lastLoginAt": null},
        "not an object",
        {"id": 8, "username": "lea", "displayName": "Léa", "role": "agent", "active": true, "passwordSet": true}
    ]})");
    const auto rows = accounts_from_json(answer);
    REQUIRE(rows.size() == 3);
    CHECK(rows[0].username == "admin");
    CHECK(role_label_fr(rows[0].role) == "Opérateur");
    CHECK(last_login_label(rows[0]) == "20/11/2026 10:30");  // Paris time
    CHECK(rows[1].active == false);
    CHECK(rows[1].email == "chloe@example.fr");
    CHECK(last_login_label(rows[1]) == "mot de passe à choisir");
    CHECK(last_login_label(rows[2]) == "jamais");
    CHECK(role_label_fr("admin") == "Administrateur");
    CHECK(accounts_from_json(nlohmann::json::parse(R"({"error": {}})")).empty());
}

TEST_CASE("a new password is sent only when long enough and typed twice the same") {
    CHECK(password_entry_problem("court", "court") == "10 caractères au moins.");
    CHECK(password_entry_problem("éééééééééé", "éééééééééé").empty());  // characters, not bytes
    CHECK(password_entry_problem("Velo-Rouge-Quai-42", "Velo-Rouge-Quai-43") ==
          "Les deux mots de passe ne sont pas identiques.");
    CHECK(password_entry_problem("Velo-Rouge-Quai-42", "Velo-Rouge-Quai-42").empty());
}
