// The one-line compliance state of a lead: window or consent exemption, attempts left before
// the 30-day cap, the cap's end date, and "consent needed".
#include <catch2/catch.hpp>

#include "crm/domain/compliance.hpp"
#include "crm/domain/json.hpp"
#include "test_support.hpp"

using namespace crm::domain;
using crm::domain::testing::paris;
using crm::domain::testing::sample_lead;

TEST_CASE("consent needed, attempts left and the window in one line") {
    Settings s;
    auto lead = sample_lead();
    lead.consent = false;
    lead.consent_at.reset();
    const auto friday_1030 = paris(2026, 11, 20, 10, 30);
    lead.call_attempt_times = {friday_1030 - 3 * 86400};

    auto c = compliance_state(lead, friday_1030, s);
    CHECK(c.consent_needed);
    CHECK(c.call_allowed);
    REQUIRE(c.attempts_left);
    CHECK(*c.attempts_left == 3);
    CHECK(c.line ==
          "Appel autorisé (ouvert jusqu'à 13:00) · 3 appels sur 4 restants (30 j) · consentement à recueillir");

    SECTION("outside the window: the next opening is given") {
        c = compliance_state(lead, paris(2026, 11, 20, 20, 0), s);
        CHECK_FALSE(c.call_allowed);
        CHECK(c.line.rfind("Hors plage d'appel", 0) == 0);
        CHECK(c.line.find("ouverture 23/11/2026 10:00") != std::string::npos);  // Monday
    }
    SECTION("the 4th attempt leaves one; the cap then says until when") {
        lead.call_attempt_times = {friday_1030 - 4 * 86400, friday_1030 - 3 * 86400, friday_1030 - 2 * 86400};
        CHECK(*compliance_state(lead, friday_1030, s).attempts_left == 1);
        lead.call_attempt_times.push_back(friday_1030 - 86400);
        c = compliance_state(lead, friday_1030, s);
        CHECK(*c.attempts_left == 0);
        CHECK_FALSE(c.call_allowed);
        REQUIRE(c.cap);
        CHECK(c.line.rfind("Pas d'appel : 4 appels en 30 jours", 0) == 0);
        CHECK(c.line.find("jusqu'au 16/12/2026") != std::string::npos);  // 30 days after the oldest
    }
    SECTION("with consent: no cap, exempt from the window, the date of the consent") {
        lead.consent = true;
        lead.consent_at = paris(2026, 11, 2, 9, 0);
        c = compliance_state(lead, paris(2026, 11, 21, 11, 0), s);  // Saturday
        CHECK_FALSE(c.consent_needed);
        CHECK_FALSE(c.attempts_left);
        CHECK(c.consent_exempt);
        CHECK(c.call_allowed);
        CHECK(c.line == "Hors plage, appel permis par le consentement · consentement du 02/11/2026");
    }
    SECTION("the rule switched off in settings is said, never silent") {
        s.calling_window_rule = false;
        c = compliance_state(lead, paris(2026, 11, 21, 11, 0), s);
        CHECK(c.call_allowed);
        CHECK(c.line.rfind("Plages d'appel désactivées", 0) == 0);
    }
    SECTION("do-not-contact wins") {
        lead.dnc = true;
        c = compliance_state(lead, friday_1030, s);
        CHECK_FALSE(c.call_allowed);
        CHECK(c.line.rfind("Ne pas contacter", 0) == 0);
    }
}

TEST_CASE("retention and the consent script travel with the settings") {
    Settings s;
    CHECK(s.retention_months == 0);  // off by default
    s.retention_months = 36;
    s.consent_script = "J'accepte.";
    Settings back;
    from_json(nlohmann::json(s), back);
    CHECK(back.retention_months == 36);
    CHECK(back.consent_script == "J'accepte.");
}
