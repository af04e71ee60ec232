#include <catch2/catch.hpp>

#include "crm/domain/calling_windows.hpp"
#include "test_support.hpp"

using namespace crm::domain;
using crm::domain::testing::paris;

TEST_CASE("call window edges on a working Friday") {
    const Settings s;
    CHECK_FALSE(call_window(paris(2026, 11, 20, 9, 59), s).open);
    CHECK(call_window(paris(2026, 11, 20, 10, 0), s).open);
    CHECK(call_window(paris(2026, 11, 20, 12, 59), s).open);
    const auto lunch = call_window(paris(2026, 11, 20, 13, 0), s);
    CHECK_FALSE(lunch.open);
    REQUIRE(lunch.next_open);
    CHECK(*lunch.next_open == paris(2026, 11, 20, 14, 0));
    CHECK(call_window(paris(2026, 11, 20, 14, 0), s).open);
    const auto open = call_window(paris(2026, 11, 20, 19, 59), s);
    CHECK(open.open);
    CHECK(open.reason == "ouvert jusqu'à 20:00");
    REQUIRE(open.closes_at);
    CHECK(*open.closes_at == paris(2026, 11, 20, 20, 0));

    SECTION("Friday evening to Monday morning") {
        const auto evening = call_window(paris(2026, 11, 20, 20, 0), s);
        CHECK_FALSE(evening.open);
        CHECK(*evening.next_open == paris(2026, 11, 23, 10, 0));
        CHECK(evening.reason.find("trop tard") != std::string::npos);
        CHECK_FALSE(call_window(paris(2026, 11, 21, 11, 0), s).open);  // Saturday
        const auto sunday = call_window(paris(2026, 11, 22, 11, 0), s);
        CHECK_FALSE(sunday.open);
        CHECK(sunday.reason.find("week-end") != std::string::npos);
        CHECK(*sunday.next_open == paris(2026, 11, 23, 10, 0));
    }
}

TEST_CASE("public holidays close the call window") {
    const Settings s;
    const auto may_day = call_window(paris(2026, 5, 1, 11, 0), s);  // Friday 1 May
    CHECK_FALSE(may_day.open);
    CHECK(may_day.reason.find("Fête du Travail") != std::string::npos);
    CHECK(*may_day.next_open == paris(2026, 5, 4, 10, 0));
    CHECK_FALSE(call_window(paris(2026, 7, 14, 11, 0), s).open);  // Tuesday 14 July
    CHECK(*call_window(paris(2026, 7, 14, 11, 0), s).next_open == paris(2026, 7, 15, 10, 0));
    CHECK_FALSE(call_window(paris(2026, 5, 14, 15, 0), s).open);  // Ascension Thursday
    CHECK_FALSE(call_window(paris(2026, 4, 6, 15, 0), s).open);   // Easter Monday
    CHECK(call_window(paris(2026, 4, 7, 15, 0), s).open);
}

TEST_CASE("windows hold across the DST change") {
    const Settings s;
    // Monday 30 March 2026, first working day of summer time: 10:00 Paris is 08:00 UTC.
    const auto monday = call_window(*parse_iso_utc("2026-03-30T07:59:00Z"), s);
    CHECK_FALSE(monday.open);
    CHECK(format_iso_utc(*monday.next_open) == "2026-03-30T08:00:00Z");
    CHECK(call_window(*parse_iso_utc("2026-03-30T08:00:00Z"), s).open);
    // Monday 26 October, first working day of winter time: 10:00 Paris is 09:00 UTC.
    CHECK_FALSE(call_window(*parse_iso_utc("2026-10-26T08:59:00Z"), s).open);
    CHECK(call_window(*parse_iso_utc("2026-10-26T09:00:00Z"), s).open);
}

TEST_CASE("marketing SMS window: Monday to Saturday 08:00-20:00") {
    const Settings s;
    CHECK(sms_window(paris(2026, 11, 21, 8, 0), s).open);  // Saturday
    CHECK_FALSE(sms_window(paris(2026, 11, 21, 7, 59), s).open);
    CHECK_FALSE(sms_window(paris(2026, 11, 21, 20, 0), s).open);
    const auto sunday = sms_window(paris(2026, 11, 22, 12, 0), s);
    CHECK_FALSE(sunday.open);
    CHECK(*sunday.next_open == paris(2026, 11, 23, 8, 0));
    CHECK(next_sms_window_open(paris(2026, 11, 20, 13, 30), s) == paris(2026, 11, 20, 13, 30));
}

TEST_CASE("consent exempts a lead from the window, and the rule can be switched off") {
    Settings s;
    Lead lead;
    const auto saturday = paris(2026, 11, 21, 11, 0);
    lead.consent = false;
    CHECK_FALSE(call_permission(lead, saturday, s).allowed);
    lead.consent = true;
    const auto p = call_permission(lead, saturday, s);
    CHECK(p.allowed);
    CHECK(p.consent_exempt);
    CHECK_FALSE(p.window.open);  // the window is still shown
    lead.consent = false;
    s.calling_window_rule = false;
    CHECK(call_permission(lead, saturday, s).allowed);
}

TEST_CASE("J+N follow-ups move to the next open window") {
    const Settings s;
    // Wednesday 11:00 + 2 days = Friday 11:00, open.
    CHECK(follow_up_due(paris(2026, 11, 18, 11, 0), 2, s) == paris(2026, 11, 20, 11, 0));
    // Friday 19:00 + 2 days = Sunday: Monday 10:00.
    CHECK(follow_up_due(paris(2026, 11, 20, 19, 0), 2, s) == paris(2026, 11, 23, 10, 0));
    // Monday 13:30 + 1 day = Tuesday 13:30, lunch break: 14:00.
    CHECK(follow_up_due(paris(2026, 11, 23, 13, 30), 1, s) == paris(2026, 11, 24, 14, 0));
    // Thursday 30 April + 1 day = Friday 1 May (holiday): Monday 4 May 10:00.
    CHECK(follow_up_due(paris(2026, 4, 30, 11, 0), 1, s) == paris(2026, 5, 4, 10, 0));
}
