#pragma once
// Appointments as the agent sees them.
#include "http/router.hpp"

namespace crm {
class Services;
}

namespace crm::appointments {

// GET /api/agent/appointments and the agent's .ics of each (role agent).
void register_agent_appointments_routes(http::Router& router, Services& app);

}  // namespace crm::appointments
