// What an outcome and the rules' state actions do to a lead: one function on the server and in
// the offline console, so a lead changed offline looks the same once the server has it.
#include <catch2/catch.hpp>

#include "crm/domain/calling_windows.hpp"
#include "crm/domain/outcomes.hpp"
#include "test_support.hpp"

using namespace crm::domain;
using crm::domain::testing::paris;

TEST_CASE("applying an outcome changes the lead's fields as its plan says") {
    Lead lead = crm::domain::testing::sample_lead();
    const auto now = paris(2026, 11, 20, 10, 30);
    SECTION("no answer: follow_up, one more unanswered attempt, first and last touch stamped") {
        apply_outcome(lead, plan_outcome(Outcome::no_answer, lead), now);
        CHECK(lead.status == Status::follow_up);
        CHECK(lead.unanswered_attempts == 1);
        CHECK(lead.live_touches == 0);
        CHECK(lead.first_touch_at == now);
        CHECK(lead.last_touch_at == now);
        CHECK(lead.call_attempt_times == std::vector<UnixTime>{now});  // towards the frequency cap
    }
    SECTION("answered clears a pending next action, keeps the first touch and stamps the first connect") {
        lead.first_touch_at = now - 3600;
        lead.next_action_at = now + 86400;
        apply_outcome(lead, plan_outcome(Outcome::answered, lead), now);
        CHECK(lead.stage == Stage::contacted);
        CHECK(lead.live_touches == 1);
        CHECK_FALSE(lead.next_action_at);
        CHECK(lead.first_touch_at == now - 3600);
        CHECK(lead.first_connect_at == now);
        apply_outcome(lead, plan_outcome(Outcome::answered, lead), now + 60);
        CHECK(lead.first_connect_at == now);  // the first one stays
    }
    SECTION("a call is a touch, not a contact: no answer leaves the first connect empty") {
        apply_outcome(lead, plan_outcome(Outcome::voicemail, lead), now);
        CHECK(lead.first_touch_at == now);
        CHECK_FALSE(lead.first_connect_at);
        Lead booked = crm::domain::testing::sample_lead(), refused = booked;
        apply_outcome(booked, plan_outcome(Outcome::booked, booked), now);
        apply_outcome(refused, plan_outcome(Outcome::not_seller, refused), now);
        CHECK(booked.first_connect_at == now);  // somebody was on the line
        CHECK(refused.first_connect_at == now);
    }
    SECTION("any outcome ends the follow-up the lead was waiting for") {
        lead.status = Status::follow_up;
        lead.next_action_at = now - 600;
        apply_outcome(lead, plan_outcome(Outcome::no_answer, lead), now);
        CHECK_FALSE(lead.next_action_at);  // the no-answer rule plans the next one
    }
    SECTION("dnc and bad number set their flags; not seller starts the 60-day rest") {
        Lead a = lead, b = lead, c = lead;
        apply_outcome(a, plan_outcome(Outcome::dnc, a), now);
        apply_outcome(b, plan_outcome(Outcome::bad_number, b), now);
        apply_outcome(c, plan_outcome(Outcome::not_seller, c), now);
        CHECK(a.dnc);
        CHECK(b.bad_number);
        CHECK(c.not_seller_at == now);
        CHECK(c.stage == Stage::refunded_bad);
    }
}

TEST_CASE("state actions: follow-up date in the next window, rest, status and stage") {
    Lead lead = crm::domain::testing::sample_lead();
    Settings s;
    const auto friday_evening = paris(2026, 11, 20, 19, 0);
    apply_state_action(lead, {ActionKind::create_task, "", 2}, friday_evening, s);
    CHECK(lead.next_action_at == follow_up_due(friday_evening, 2, s));
    apply_state_action(lead, {ActionKind::schedule_ping, "", 30}, friday_evening, s);
    CHECK(lead.next_action_at == friday_evening + 30 * 86400LL);
    apply_state_action(lead, {ActionKind::set_status, "nurture", 0}, friday_evening, s);
    CHECK(lead.status == Status::nurture);
    apply_state_action(lead, {ActionKind::set_stage, "qualified", 0}, friday_evening, s);
    CHECK(lead.stage == Stage::qualified);
    const Lead before = lead;
    apply_state_action(lead, {ActionKind::send_sms, "templateA", 0}, friday_evening, s);  // outbound: no field
    apply_state_action(lead, {ActionKind::set_status, "no-such-status", 0}, friday_evening, s);
    CHECK(lead.status == before.status);
    CHECK(lead.next_action_at == before.next_action_at);
}
