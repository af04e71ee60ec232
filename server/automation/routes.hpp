#pragma once
// Automation: the operator's rules and message templates, and the durable jobs they make.
#include "http/router.hpp"

namespace crm {
class Services;
}

namespace crm::automation {

void register_automation_routes(http::Router& router, Services& app);  // rules, templates, run-due, retry

}  // namespace crm::automation
