#pragma once
// Agents: the operator's list of the agents sold to (with their figures), creating one and
// their credits; and the agents' own app (their leads, notes, deliveries, refund requests).
#include "http/router.hpp"

namespace crm {
class Services;
}

namespace crm::agents {

void register_agents_routes(http::Router& router, Services& app);  // the operator's: agents, credits
void register_agent_routes(http::Router& router, Services& app);   // the agent's own app

}  // namespace crm::agents
