#include <catch2/catch.hpp>

#include "crm/domain/time.hpp"
#include "test_support.hpp"

using namespace crm::domain;

TEST_CASE("ISO 8601 UTC round trip") {
    CHECK(format_iso_utc(0) == "1970-01-01T00:00:00Z");
    const auto t = parse_iso_utc("2026-11-23T21:00:00Z");
    REQUIRE(t);
    CHECK(format_iso_utc(*t) == "2026-11-23T21:00:00Z");
    CHECK(parse_iso_utc("2026-11-23T21:00:00.123Z") == t);
    CHECK_FALSE(parse_iso_utc("2026-11-23 21:00:00"));
    CHECK_FALSE(parse_iso_utc("2026-11-23T21:00:00+01:00"));
    CHECK_FALSE(parse_iso_utc("2026-02-30T00:00:00Z"));
    CHECK_FALSE(parse_iso_utc("2025-02-29T00:00:00Z"));
    CHECK(parse_iso_utc("2024-02-29T00:00:00Z"));
    CHECK_FALSE(parse_iso_utc(""));
}

TEST_CASE("Europe/Paris offsets around the DST changes of 2026") {
    // Summer time starts on Sunday 29 March 2026 at 01:00 UTC and ends on 25 October at 01:00 UTC.
    const auto spring = *parse_iso_utc("2026-03-29T01:00:00Z");
    CHECK(paris_offset_seconds(spring - 1) == 3600);
    CHECK(paris_offset_seconds(spring) == 7200);
    const auto autumn = *parse_iso_utc("2026-10-25T01:00:00Z");
    CHECK(paris_offset_seconds(autumn - 1) == 7200);
    CHECK(paris_offset_seconds(autumn) == 3600);

    SECTION("wall clock") {
        auto c = to_paris(spring - 1);
        CHECK((c.hour == 1 && c.minute == 59));
        c = to_paris(spring);
        CHECK(c.hour == 3);
        c = to_paris(*parse_iso_utc("2026-11-20T09:30:00Z"));
        CHECK((c.year == 2026 && c.month == 11 && c.day == 20 && c.hour == 10 && c.minute == 30));
        CHECK(c.weekday == 4);  // Friday
    }
    SECTION("from Paris wall clock, gap and overlap") {
        CHECK(format_iso_utc(from_paris(2026, 7, 14, 12, 0)) == "2026-07-14T10:00:00Z");
        CHECK(format_iso_utc(from_paris(2026, 12, 25, 12, 0)) == "2026-12-25T11:00:00Z");
        // 02:30 does not exist on 29 March: the hour after the change is used.
        CHECK(format_iso_utc(from_paris(2026, 3, 29, 3, 30)) == "2026-03-29T01:30:00Z");
        // 02:30 happens twice on 25 October: the first (summer-time) one.
        CHECK(format_iso_utc(from_paris(2026, 10, 25, 2, 30)) == "2026-10-25T00:30:00Z");
    }
    SECTION("day and month starts") {
        const auto t = *parse_iso_utc("2026-11-20T23:30:00Z");  // 00:30 on the 21st in Paris
        CHECK(format_iso_utc(paris_day_start(t)) == "2026-11-20T23:00:00Z");
        CHECK(format_iso_utc(paris_month_start(t)) == "2026-10-31T23:00:00Z");
        CHECK(format_paris(t) == "21/11/2026 00:30");
    }
}

TEST_CASE("weekdays") {
    CHECK(weekday_of(2026, 11, 23) == 0);  // Monday
    CHECK(weekday_of(2026, 11, 22) == 6);  // Sunday
    CHECK(weekday_of(2000, 1, 1) == 5);    // Saturday
}
