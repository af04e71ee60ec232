#pragma once
// One registration function per business object; register_all_routes wires them up.
#include "http/router.hpp"

namespace crm {
class App;
}

namespace crm::api {

void register_all_routes(http::Router& router, App& app);
void register_leads_routes(http::Router& router, App& app);
void register_lead_actions_routes(http::Router& router, App& app);
void register_tasks_routes(http::Router& router, App& app);  // follow-ups: list, done, snooze
void register_settings_routes(http::Router& router, App& app);
void register_queue_routes(http::Router& router, App& app);
void register_sync_routes(http::Router& router, App& app);       // GET /api/sync for the offline console

}  // namespace crm::api
