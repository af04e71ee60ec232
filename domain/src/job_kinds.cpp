#include "crm/domain/job_kinds.hpp"

#include <iterator>

namespace crm::domain {

namespace {
// In JobKind's order.
const char* const kNames[] = {"send_sms",           "send_email",    "send_whatsapp", "create_task",
                              "set_status",         "set_stage",     "send_ics",      "notify_operator",
                              "request_new_number", "schedule_ping", "send_package",  "payment_link"};
}  // namespace

const char* to_string(JobKind k) {
    return kNames[static_cast<int>(k)];
}

std::optional<JobKind> parse_job_kind(const std::string& s) {
    for (std::size_t i = 0; i < std::size(kNames); ++i)
        if (s == kNames[i]) return static_cast<JobKind>(i);
    return std::nullopt;
}

JobKind job_kind_of(ActionKind a) {
    return *parse_job_kind(action_name(a));
}

}  // namespace crm::domain
