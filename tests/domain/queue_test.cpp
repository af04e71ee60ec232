#include <catch2/catch.hpp>

#include "crm/domain/outcomes.hpp"
#include "crm/domain/queue.hpp"
#include "test_support.hpp"

using namespace crm::domain;
using crm::domain::testing::paris;
using crm::domain::testing::sample_lead;

namespace {
std::vector<std::int64_t> order(const QueueResult& r) {
    std::vector<std::int64_t> ids;
    for (const auto& i : r.items) ids.push_back(i.lead_id);
    return ids;
}
}  // namespace

TEST_CASE("speed to lead: a lead created minutes ago goes first") {
    const Settings s;
    const auto now = paris(2026, 11, 20, 10, 30);
    Lead old = sample_lead(1);
    old.timeline_months = 1;
    old.live_touches = 1;  // 100 points
    old.created_at = now - 3 * 86400;
    Lead fresh = sample_lead(2);
    fresh.intention = Intention::unknown;
    fresh.timeline_months.reset();
    fresh.created_at = now - 120;
    const auto r = rank_queue({old, fresh}, now, s);
    CHECK(order(r) == std::vector<std::int64_t>{2, 1});
    const auto reasons = describe_reasons(r.items[0], fresh);
    CHECK(std::find(reasons.begin(), reasons.end(), "créé il y a 2 min +100") != reasons.end());
}

TEST_CASE("freshness steps, source weight, follow-up due and the window bonus") {
    Settings s;
    const auto now = paris(2026, 11, 20, 10, 30);
    Lead l = sample_lead();
    l.source = "purchased";  // weight 0
    l.created_at = now - 299;
    CHECK(queue_item(l, now, s, true).priority == 80 + 100);
    l.created_at = now - 300;
    CHECK(queue_item(l, now, s, true).priority == 80 + 30);
    l.created_at = now - 3599;
    CHECK(queue_item(l, now, s, true).priority == 80 + 30);
    l.created_at = now - 3600;
    CHECK(queue_item(l, now, s, true).priority == 80 + 10);
    l.created_at = now - 86400;
    CHECK(queue_item(l, now, s, true).priority == 80);
    l.source = "website";
    CHECK(queue_item(l, now, s, true).priority == 80 + 15);
    l.next_action_at = now;
    CHECK(queue_item(l, now, s, true).priority == 80 + 15 + 20);
    s.connect_rate[4][10] = 0.6;  // Friday 10:00-10:59: 60 % connect rate → 9 points
    CHECK(queue_item(l, now, s, true).priority == 80 + 15 + 20 + 9);
}

TEST_CASE("ties: older first, then smaller id; the order is stable") {
    const Settings s;
    const auto now = paris(2026, 11, 20, 10, 30);
    std::vector<Lead> leads;
    for (int i = 5; i >= 1; --i) {
        Lead l = sample_lead(i);
        l.created_at = now - 10 * 86400 - (i % 2) * 60;  // odd ids one minute older
        leads.push_back(l);
    }
    const auto r = rank_queue(leads, now, s);
    CHECK(order(r) == std::vector<std::int64_t>{1, 3, 5, 2, 4});
    CHECK(order(rank_queue(leads, now, s)) == order(r));
}

TEST_CASE("leads left out of the queue, with the reason") {
    const Settings s;
    const auto now = paris(2026, 11, 20, 10, 30);
    auto excluded = [&](const Lead& l) { return queue_exclusion(l, now, s); };
    Lead l = sample_lead();
    l.created_at = now - 86400;
    CHECK_FALSE(excluded(l));
    Lead dnc = l;
    dnc.dnc = true;
    CHECK(excluded(dnc)->reason == "ne pas contacter");
    Lead bad = l;
    bad.bad_number = true;
    CHECK(excluded(bad)->reason == "numéro invalide");
    Lead sold = l;
    sold.stage = Stage::sold;
    CHECK(excluded(sold));
    Lead refunded = l;
    refunded.stage = Stage::refunded_bad;
    CHECK(excluded(refunded));
    Lead later = l;
    later.status = Status::follow_up;
    later.next_action_at = now + 3600;
    REQUIRE(excluded(later));
    CHECK(*excluded(later)->until == now + 3600);
    later.next_action_at = now;  // due now: back in the queue
    CHECK_FALSE(excluded(later));
    Lead nurture = l;
    nurture.status = Status::nurture;
    nurture.next_action_at = now + 30 * 86400;
    CHECK(excluded(nurture));

    const auto r = rank_queue({l, dnc, bad}, now, s);
    CHECK(r.items.size() == 1);
    CHECK(r.excluded.size() == 2);

    // Out for good (what the server does not even read) versus out for now.
    CHECK(queue_candidate(l));
    CHECK(queue_candidate(later));
    CHECK(queue_candidate(nurture));
    CHECK_FALSE(queue_candidate(dnc));
    CHECK_FALSE(queue_candidate(bad));
    CHECK_FALSE(queue_candidate(sold));
    CHECK_FALSE(queue_candidate(refunded));
}

TEST_CASE("frequency caps: 4 attempts in 30 days without consent; 60 days after a refusal") {
    const Settings s;
    const auto now = paris(2026, 11, 20, 10, 30);
    Lead l = sample_lead();
    l.consent = false;
    l.created_at = now - 40 * 86400;
    for (int i = 0; i < 3; ++i) l.call_attempt_times.push_back(now - (25 - i) * 86400);
    CHECK_FALSE(queue_exclusion(l, now, s));  // 3 attempts: a 4th is allowed
    l.call_attempt_times.push_back(now - 86400);
    auto ex = queue_exclusion(l, now, s);  // 4 attempts: the 5th must wait
    REQUIRE(ex);
    CHECK(*ex->until == now - 25 * 86400 + 30 * 86400);  // when the oldest leaves the window
    CHECK_FALSE(queue_exclusion(l, *ex->until, s));
    l.consent = true;  // consent lifts the cap
    CHECK_FALSE(queue_exclusion(l, now, s));

    Lead refused = sample_lead();
    refused.created_at = now - 100 * 86400;
    refused.not_seller_at = now - 59 * 86400;
    ex = queue_exclusion(refused, now, s);
    REQUIRE(ex);
    CHECK(*ex->until == now + 86400);
    refused.not_seller_at = now - 60 * 86400;
    CHECK_FALSE(queue_exclusion(refused, now, s));

    // The caps alone (what POST /api/leads/{id}/calls checks): a follow-up date is not a cap.
    Lead later = sample_lead();
    later.status = Status::follow_up;
    later.next_action_at = now + 86400;
    CHECK(queue_exclusion(later, now, s));
    CHECK_FALSE(contact_cap(later, now, s));
    refused.not_seller_at = now - 10 * 86400;
    CHECK(contact_cap(refused, now, s));
}

TEST_CASE("outside the window a lead without consent is shown but cannot be called") {
    const Settings s;
    const auto saturday = paris(2026, 11, 21, 11, 0);
    Lead with = sample_lead(1);
    Lead without = sample_lead(2);
    without.consent = false;
    const auto r = rank_queue({with, without}, saturday, s);
    REQUIRE(r.items.size() == 2);
    CHECK_FALSE(r.window.open);
    for (const auto& item : r.items) {
        if (item.lead_id == 1) CHECK((item.call_allowed && item.consent_exempt));
        if (item.lead_id == 2) CHECK_FALSE(item.call_allowed);
    }
}

TEST_CASE("a lead who answered an SMS jumps up the queue, even while waiting for its follow-up, until called") {
    const Settings s;
    const auto now = paris(2026, 11, 20, 10, 30);
    Lead quiet = sample_lead(1);
    quiet.timeline_months = 1;  // a hotter lead
    quiet.created_at = now - 3 * 86400;
    Lead replied = sample_lead(2);
    replied.created_at = now - 5 * 86400;
    replied.status = Status::follow_up;
    replied.next_action_at = now + 86400;  // its J+2 follow-up is tomorrow: out of the queue
    REQUIRE(order(rank_queue({quiet, replied}, now, s)) == std::vector<std::int64_t>{1});

    replied.replied_at = now - 25 * 60;
    const auto r = rank_queue({quiet, replied}, now, s);
    REQUIRE(order(r) == std::vector<std::int64_t>{2, 1});
    const auto reasons = describe_reasons(r.items[0], replied);
    CHECK(std::find(reasons.begin(), reasons.end(), "a répondu par SMS il y a 25 min +60") != reasons.end());

    // Still never a do-not-contact lead, whatever it writes.
    Lead stopped = replied;
    stopped.dnc = true;
    CHECK(queue_exclusion(stopped, now, s).has_value());

    // Called back: the reply is answered, and the follow-up schedule applies again.
    apply_outcome(replied, plan_outcome(Outcome::no_answer, replied), now);
    CHECK_FALSE(replied.replied_at.has_value());
}

TEST_CASE("a due follow-up raises the lead and says when it was planned") {
    const Settings s;
    const auto now = paris(2026, 11, 20, 14, 5);
    Lead l = sample_lead();
    l.created_at = now - 10 * 86400;
    const int base = queue_item(l, now, s, true).priority;
    l.next_action_at = paris(2026, 11, 20, 14, 0);
    auto item = queue_item(l, now, s, true);
    CHECK(item.priority == base + s.follow_up_due);
    auto reasons = describe_reasons(item, l);
    CHECK(std::find(reasons.begin(), reasons.end(), "relance prévue 14:00 +20") != reasons.end());
    // Planned on an earlier day: still raised, and said to be late.
    l.next_action_at = paris(2026, 11, 18, 9, 30);
    reasons = describe_reasons(queue_item(l, now, s, true), l);
    CHECK(std::find(reasons.begin(), reasons.end(), "relance en retard (prévue le 18/11 à 09:30) +20") !=
          reasons.end());
    // Planned later today: not due yet, no raise.
    l.next_action_at = paris(2026, 11, 20, 16, 0);
    CHECK(queue_item(l, now, s, true).priority == base);
}

TEST_CASE("the call-window bonus goes to leads nobody has reached yet, with the slot in the why") {
    Settings s;
    const auto now = paris(2026, 11, 17, 11, 20);  // a Tuesday
    s.connect_rate[1][11] = 0.62;
    Lead never = sample_lead(1);
    never.created_at = now - 10 * 86400;
    const auto item = queue_item(never, now, s, true);
    const auto reasons = describe_reasons(item, never);
    CHECK(std::find(reasons.begin(), reasons.end(), "bon créneau : 62 % joints le mardi à 11 h +9") != reasons.end());
    Lead reached = never;
    reached.live_touches = 1;
    const auto reached_item = queue_item(reached, now, s, true);
    CHECK(reached_item.priority == item.priority + s.live_touch - 9);
    for (const auto& r : reached_item.reasons) CHECK(r.code != ReasonCode::call_window);
}
