#include <catch2/catch.hpp>

#include "crm/domain/scoring.hpp"
#include "test_support.hpp"

using namespace crm::domain;
using crm::domain::testing::sample_lead;

TEST_CASE("hot score adds up the lead's signals") {
    const Settings s;
    Lead l = sample_lead();
    // timeline 2 (30) + sell (20) + estimate (10) + consent (10) + valid phone (10) = 80
    CHECK(hot_score(l, s).score == 80);
    l.live_touches = 1;
    CHECK(hot_score(l, s).score == 90);
    l.timeline_months = 1;
    CHECK(hot_score(l, s).score == 100);
    l.timeline_months = 0;
    CHECK(hot_score(l, s).score == 100);
    CHECK(hot_score_value(l, s) == 100);

    SECTION("unanswered attempts cost 5 each, at most 20") {
        l.unanswered_attempts = 2;
        CHECK(hot_score(l, s).score == 90);
        l.unanswered_attempts = 10;
        CHECK(hot_score(l, s).score == 80);
    }
    SECTION("never below zero") {
        Lead empty;
        empty.unanswered_attempts = 4;
        CHECK(hot_score(empty, s).score == 0);
    }
    SECTION("a bad number is not a valid phone") {
        l.bad_number = true;
        CHECK(hot_score(l, s).score == 90);
    }
    SECTION("each point has a reason") {
        const auto h = hot_score(sample_lead(), s);
        int sum = 0;
        for (const auto& r : h.reasons) sum += r.points;
        CHECK(sum == h.score);
        CHECK(h.reasons.front().describe() == "vend sous 2 mois +30");
    }
}

TEST_CASE("Hot-Lead badge: score > 80 and timeline < 3, both strict") {
    const Settings s;
    Lead l = sample_lead();
    CHECK_FALSE(is_hot_lead(l, 80, s));  // exactly 80
    CHECK(is_hot_lead(l, 81, s));
    l.timeline_months = 3;  // exactly 3 months
    CHECK_FALSE(is_hot_lead(l, 95, s));
    l.timeline_months.reset();
    CHECK_FALSE(is_hot_lead(l, 95, s));
}

TEST_CASE("Ready to Sell reports each criterion") {
    Lead l = sample_lead();
    auto r = ready_to_sell(l);
    CHECK_FALSE(r.ready);
    int unmet = 0;
    for (const auto& c : r.criteria)
        if (!c.met && c.required) {
            ++unmet;
            CHECK(c.key == "live_touch");
        }
    CHECK(unmet == 1);
    l.live_touches = 1;
    CHECK(ready_to_sell(l).ready);
    CHECK(is_ready_to_sell(l));
    l.has_booked_slot = false;  // optional
    CHECK(ready_to_sell(l).ready);
    l.consent = false;
    CHECK_FALSE(ready_to_sell(l).ready);
    CHECK_FALSE(is_ready_to_sell(l));
}

TEST_CASE("expected value = estimate × fees × stage probability × exclusivity") {
    const Settings s;
    Lead l = sample_lead();  // 420 000 €
    l.stage = Stage::qualified;
    CHECK(expected_value_cents(l, s) == 315000);  // 420000 × 0.05 × 0.15 = 3 150 €
    CHECK(expected_value_cents(l, s, true) == 393750);
    l.stage = Stage::refunded_bad;
    CHECK(expected_value_cents(l, s) == 0);
    l.price_estimate_cents.reset();
    CHECK(expected_value_cents(l, s) == 0);
}
