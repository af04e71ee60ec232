#include <catch2/catch.hpp>

#include "crm/domain/lead_merge.hpp"
#include "test_support.hpp"

using namespace crm::domain;
using crm::domain::testing::sample_lead;

TEST_CASE("A merge keeps the oldest lead, then the smaller id") {
    Lead a = sample_lead(5), b = sample_lead(3), c = sample_lead(9);
    a.created_at = 100;
    b.created_at = 200;
    c.created_at = 100;
    CHECK(merge_keeper({a, b, c}).id == 5);
    c.id = 4;
    CHECK(merge_keeper({a, b, c}).id == 4);
}

TEST_CASE("The merged lead fills gaps, sums counters and keeps DNC") {
    Lead keep = sample_lead(1), from = sample_lead(2);
    keep.email.reset();
    keep.city = "";
    from.city = "Villeurbanne";
    keep.cost_cents = 500;
    from.cost_cents = 300;
    keep.live_touches = 1;
    from.live_touches = 2;
    keep.stage = Stage::contacted;
    from.stage = Stage::booked;
    from.dnc = true;
    keep.first_touch_at = 50;
    from.first_touch_at = 40;
    const auto m = merged_lead(keep, from);
    CHECK(m.id == 1);
    CHECK(m.email == from.email);
    CHECK(m.city == "Villeurbanne");
    CHECK(m.cost_cents == 800);
    CHECK(m.live_touches == 3);
    CHECK(m.stage == Stage::booked);
    CHECK(m.dnc);
    CHECK(m.status == Status::dnc);
    CHECK(m.first_touch_at == 40);
    from.stage = Stage::refunded_bad;  // a Refunded/Bad record only replaces a New one
    CHECK(merged_lead(keep, from).stage == Stage::contacted);
    keep.stage = Stage::new_lead;
    CHECK(merged_lead(keep, from).stage == Stage::refunded_bad);
}
