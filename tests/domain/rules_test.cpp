#include <catch2/catch.hpp>

#include "crm/domain/outcomes.hpp"
#include "crm/domain/rules.hpp"
#include "test_support.hpp"

using namespace crm::domain;

TEST_CASE("rule action strings parse into actions") {
    const auto p = parse_actions("send_sms:templateA,create_task:2d,set_status:follow_up");
    REQUIRE(p.ok());
    REQUIRE(p.actions.size() == 3);
    CHECK(p.actions[0].kind == ActionKind::send_sms);
    CHECK(p.actions[0].arg == "templateA");
    CHECK(p.actions[1].kind == ActionKind::create_task);
    CHECK(p.actions[1].days == 2);
    CHECK(p.actions[2].kind == ActionKind::set_status);
    CHECK(p.actions[2].arg == "follow_up");
    CHECK(to_string(p.actions[1]) == "create_task:2d");
    CHECK(parse_actions(" send_sms : templateB , create_task:1d ").ok());
}

TEST_CASE("day counts are stored in their canonical form (found by the rules fuzzer)") {
    const auto p = parse_actions("send_sms:eA,create_task:04d");
    REQUIRE(p.ok());
    CHECK(p.actions[1].days == 4);
    CHECK(p.actions[1].arg == "4d");
    const auto again = parse_actions(to_string(p.actions[0]) + "," + to_string(p.actions[1]));
    REQUIRE(again.ok());
    CHECK(again.actions[1].arg == p.actions[1].arg);
}

TEST_CASE("bad rule strings get a clear error") {
    auto p = parse_actions("send_sms:templateA,send_fax:x");
    CHECK_FALSE(p.ok());
    CHECK(p.error == "action inconnue « send_fax »");
    CHECK(p.actions.empty());
    CHECK(parse_actions("create_task:two").error.find("jours") != std::string::npos);
    CHECK(parse_actions("set_status:sleeping").error.find("statut inconnu") != std::string::npos);
    CHECK(parse_actions("set_stage:moon").error.find("étape inconnue") != std::string::npos);
    CHECK_FALSE(parse_actions("send_ics:boss").ok());
    CHECK_FALSE(parse_actions("send_sms:").ok());
    CHECK_FALSE(parse_actions("").ok());
}

TEST_CASE("triggers") {
    CHECK(parse_trigger("outcome:no_answer"));
    CHECK(parse_trigger("time:idle_7d"));
    CHECK_FALSE(parse_trigger("outcome:maybe"));
    CHECK_FALSE(parse_trigger("cron"));
    for (const auto& r : default_rules()) {
        INFO(r.name);
        CHECK(parse_trigger(r.trigger));
        CHECK(parse_actions(r.action).ok());
    }
}

TEST_CASE("the rule form's lists: every trigger and action kind the parser accepts, and only those") {
    CHECK(trigger_choices().size() == 10);  // seven outcomes, three clock rules
    for (const auto& t : trigger_choices()) {
        CHECK(parse_trigger(t.trigger));
        CHECK_FALSE(t.label.empty());
    }
    CHECK(trigger_choices()[1].trigger == "outcome:no_answer");
    CHECK(action_choices().size() == 9);
    for (const auto& c : action_choices()) {
        // An action made from the form reads back as itself.
        Action a{c.kind, "", 0};
        switch (c.arg) {
            case ActionArg::days:
                a.days = 3;
                break;
            case ActionArg::status:
                a.arg = "follow_up";
                break;
            case ActionArg::stage:
                a.arg = "contacted";
                break;
            case ActionArg::recipient:
                a.arg = "agent";
                break;
            default:
                a.arg = "templateA";
        }
        const auto parsed = parse_actions(to_string(a));
        REQUIRE(parsed.ok());
        CHECK(parsed.actions[0].kind == c.kind);
        CHECK(to_string(parsed.actions[0]) == to_string(a));
    }
}

TEST_CASE("each of the seven outcomes plans the table of docs/DOMAIN.md") {
    Lead lead = crm::domain::testing::sample_lead();
    SECTION("1 answered: live touch, New → Contacted, first touch") {
        const auto p = plan_outcome(Outcome::answered, lead);
        CHECK(p.live_touch);
        CHECK(p.stage == Stage::contacted);
        CHECK(p.stamp_first_touch);
        CHECK(p.default_actions.empty());
        lead.stage = Stage::qualified;
        CHECK_FALSE(plan_outcome(Outcome::answered, lead).stage);
    }
    SECTION("2 no answer: SMS A, J+2, follow_up") {
        const auto p = plan_outcome(Outcome::no_answer, lead);
        CHECK(p.status == Status::follow_up);
        CHECK(p.unanswered);
        REQUIRE(p.default_actions.size() == 3);
        CHECK(p.default_actions[0].arg == "templateA");
        CHECK(p.default_actions[1].days == 2);
    }
    SECTION("3 voicemail: SMS B, J+1") {
        const auto p = plan_outcome(Outcome::voicemail, lead);
        CHECK(p.status == Status::follow_up);
        CHECK(p.default_actions[0].arg == "templateB");
        CHECK(p.default_actions[1].days == 1);
    }
    SECTION("4 bad number") {
        const auto p = plan_outcome(Outcome::bad_number, lead);
        CHECK(p.set_bad_number);
        CHECK(p.status == Status::bad_number);
        REQUIRE(p.default_actions.size() == 1);
        CHECK(p.default_actions[0].kind == ActionKind::request_new_number);
    }
    SECTION("5 not seller") {
        const auto p = plan_outcome(Outcome::not_seller, lead);
        CHECK(p.stage == Stage::refunded_bad);
        CHECK(p.status == Status::not_seller);
        CHECK(p.stamp_not_seller);
    }
    SECTION("6 booked needs a slot and sends a confirmation and the .ics") {
        const auto p = plan_outcome(Outcome::booked, lead);
        CHECK(p.requires_slot);
        CHECK(p.stage == Stage::booked);
        CHECK(p.status == Status::booked);
        int ics = 0;
        for (const auto& a : p.default_actions) ics += a.kind == ActionKind::send_ics;
        CHECK(ics == 2);
    }
    SECTION("7 do not contact cancels what is pending") {
        const auto p = plan_outcome(Outcome::dnc, lead);
        CHECK(p.set_dnc);
        CHECK(p.cancel_pending_jobs);
        CHECK(p.status == Status::dnc);
    }
    SECTION("keys") {
        CHECK(outcome_for_key(1) == Outcome::answered);
        CHECK(outcome_for_key(7) == Outcome::dnc);
        CHECK_FALSE(outcome_for_key(0));
        CHECK_FALSE(outcome_for_key(8));
    }
}
