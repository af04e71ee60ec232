#pragma once
// The server itself: GET /healthz, and the settable clock of the test mode.
#include "http/router.hpp"

namespace crm {
class Services;
}

namespace crm::system {

void register_system_routes(http::Router& router, Services& app);  // /healthz, test clock

}  // namespace crm::system
