#include <catch2/catch.hpp>

#include "crm/domain/follow_ups.hpp"
#include "test_support.hpp"

using namespace crm::domain;
using crm::domain::testing::paris;

TEST_CASE("the À rappeler list: overdue, today, later (Paris days)") {
    const auto now = paris(2026, 11, 20, 10, 30);
    CHECK(follow_up_bucket(paris(2026, 11, 19, 18, 0), now) == FollowUpBucket::overdue);
    CHECK(follow_up_bucket(paris(2026, 11, 20, 9, 0), now) == FollowUpBucket::overdue);
    CHECK(follow_up_bucket(now, now) == FollowUpBucket::today);
    CHECK(follow_up_bucket(paris(2026, 11, 20, 23, 59), now) == FollowUpBucket::today);
    CHECK(follow_up_bucket(paris(2026, 11, 21, 0, 0), now) == FollowUpBucket::later);
    // The day clocks go back is 25 hours long.
    CHECK(follow_up_bucket(paris(2026, 10, 25, 23, 30), paris(2026, 10, 25, 1, 0)) == FollowUpBucket::today);
    CHECK(std::string(follow_up_bucket_fr(FollowUpBucket::overdue)) == "en retard");
}

TEST_CASE("snooze: +1 h, tomorrow 10:00 Paris, J+2 in the next call window") {
    const Settings s;
    const auto friday = paris(2026, 11, 20, 10, 30);
    CHECK(snooze_until(SnoozeChoice::one_hour, friday, s) == friday + 3600);
    CHECK(snooze_until(SnoozeChoice::tomorrow_10h, friday, s) == paris(2026, 11, 21, 10, 0));
    // J+2 of a Friday is a Sunday: moved to the opening of Monday's first window.
    CHECK(snooze_until(SnoozeChoice::in_two_days, friday, s) == paris(2026, 11, 23, 10, 0));
    // Across the autumn change (25 October 2026): still 10:00 on the Paris clock.
    CHECK(snooze_until(SnoozeChoice::tomorrow_10h, paris(2026, 10, 24, 22, 0), s) == paris(2026, 10, 25, 10, 0));
    CHECK(std::string(snooze_label_fr(SnoozeChoice::tomorrow_10h)) == "demain 10 h");
}
