#pragma once
// The operator's notifications: what needs a decision (a missed first call, a payment that does
// not match), listed in the Automations tab and resolved there.
#include "http/router.hpp"

namespace crm {
class Services;
}

namespace crm::notifications {

void register_notifications_routes(http::Router& router, Services& app);  // GET, POST …/resolve

}  // namespace crm::notifications
