#pragma once
// One registration function per business object; register_all_routes wires them up.
#include "http/router.hpp"

namespace crm {
class App;
}

namespace crm::api {

void register_all_routes(http::Router& router, App& app);
void register_system_routes(http::Router& router, App& app);  // /healthz, test clock
void register_auth_routes(http::Router& router, App& app);
void register_agent_routes(http::Router& router, App& app);
void register_audit_routes(http::Router& router, App& app);
void register_automation_routes(http::Router& router, App& app);
void register_compliance_routes(http::Router& router, App& app);
void register_dashboard_routes(http::Router& router, App& app);  // dashboard, costs
void register_hygiene_routes(http::Router& router, App& app);    // duplicates, merge, CSV import
void register_agents_routes(http::Router& router, App& app);     // agents, credits

}  // namespace crm::api
