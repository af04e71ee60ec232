#pragma once
// The operator dashboard and the manual cost entries per source that feed its ROI table.
#include "http/router.hpp"

namespace crm {
class App;
}

namespace crm::dashboard {

void register_dashboard_routes(http::Router& router, App& app);  // dashboard, costs

}  // namespace crm::dashboard
