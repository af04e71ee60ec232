#include <catch2/catch.hpp>

#include "crm/domain/job_kinds.hpp"
#include "crm/domain/rules.hpp"

using namespace crm::domain;

TEST_CASE("Job kinds convert to and from the stored text") {
    const char* const names[] = {"send_sms",           "send_email",    "send_whatsapp", "create_task",
                                 "set_status",         "set_stage",     "send_ics",      "notify_operator",
                                 "request_new_number", "schedule_ping", "send_package",  "payment_link"};
    for (const char* n : names) {
        const auto k = parse_job_kind(n);
        REQUIRE(k);
        CHECK(std::string(to_string(*k)) == n);
    }
    CHECK_FALSE(parse_job_kind("send_fax"));
    CHECK(job_kind_of(ActionKind::send_ics) == JobKind::send_ics);
    CHECK(job_kind_of(ActionKind::schedule_ping) == JobKind::schedule_ping);
    CHECK(job_kind_of(ActionKind::request_new_number) == JobKind::request_new_number);
}

TEST_CASE("Every rule action has the job kind of the same name") {
    // The rule engine enqueues job_kind_of(action): an action with no job would not run.
    for (int a = 0; a <= static_cast<int>(ActionKind::schedule_ping); ++a) {
        const auto kind = static_cast<ActionKind>(a);
        const auto job = parse_job_kind(action_name(kind));
        REQUIRE(job);
        CHECK(std::string(to_string(*job)) == action_name(kind));
    }
}
