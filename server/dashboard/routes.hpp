#pragma once
// The operator dashboard and the manual cost entries per source that feed its ROI table.
#include "http/router.hpp"

namespace crm {
class Services;
}

namespace crm::dashboard {

void register_dashboard_routes(http::Router& router, Services& app);  // dashboard, costs

}  // namespace crm::dashboard
