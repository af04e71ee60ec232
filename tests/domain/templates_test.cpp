#include <catch2/catch.hpp>

#include "crm/domain/templates.hpp"

using namespace crm::domain;

TEST_CASE("merge tags") {
    const auto r = merge_template("Bonjour {firstName}, RDV à {city} le {date} à {time} avec {agentName}.",
                                  {{"firstName", "Camille"},
                                   {"city", "Lyon"},
                                   {"date", "24/11"},
                                   {"time", "14:00"},
                                   {"agentName", "Alice Martin"}});
    REQUIRE(r.ok());
    CHECK(r.text == "Bonjour Camille, RDV à Lyon le 24/11 à 14:00 avec Alice Martin.");
    CHECK(merge_template("Sans balise {", {}).text == "Sans balise {");
    CHECK(merge_template("JSON { \"a\": 1 }", {}).ok());
}

TEST_CASE("an unknown tag is an error, not a blank") {
    const auto r = merge_template("Bonjour {prenom}", {{"firstName", "Camille"}});
    CHECK_FALSE(r.ok());
    CHECK(r.error == "balise inconnue {prenom}");
    CHECK(r.text.empty());
    const auto c = check_template("{firstName} {foo} {bar} {foo}");
    CHECK(c.unknown_tags == std::vector<std::string>{"foo", "bar"});
    CHECK(check_template("{firstName} {city}").ok());
}

TEST_CASE("opt-out mention") {
    CHECK(mentions_stop("Répondez STOP pour ne plus recevoir de SMS"));
    CHECK_FALSE(mentions_stop("Répondez stop"));
}

TEST_CASE("which SMS wait for the marketing window") {
    // Automated: unless the template is transactional.
    CHECK(waits_for_sms_window(false, false, "Bonjour"));
    CHECK_FALSE(waits_for_sms_window(false, true, "Rappel : rendez-vous demain"));
    CHECK(waits_for_sms_window(false, std::nullopt, "texte"));
    // By hand: a conversation goes at once; marketing content (template or STOP mention) waits.
    CHECK_FALSE(waits_for_sms_window(true, std::nullopt, "Bien reçu, je vous rappelle demain."));
    CHECK(waits_for_sms_window(true, std::nullopt, "Offre du mois. Répondez STOP pour ne plus recevoir de SMS."));
    CHECK(waits_for_sms_window(true, false, "Bonjour Camille"));
    CHECK_FALSE(waits_for_sms_window(true, true, "Rappel : rendez-vous demain"));
}
