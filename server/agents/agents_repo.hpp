#pragma once
// Every SQL statement about agents: their delivery figures (the one definition the dashboard
// and the agents list share), the operator's list, and what an agent reads and writes of the
// leads assigned to them.
#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "crm/domain/agent_metrics.hpp"
#include "crm/domain/lead.hpp"
#include "db/database.hpp"

namespace crm::agents {

// An agent's figures, all time: domain::AgentMetrics (docs/DASHBOARD.md, "agents") and the
// money of their paid deliveries, refunded ones excluded: ltv, and the part paid since
// `month_start`.
struct AgentFigures {
    std::int64_t id = 0;
    std::string username, display_name;
    domain::AgentMetrics metrics;
    std::int64_t ltv_cents = 0, month_cents = 0;
};
// Every agent, by display name then id. `month_start` is the first instant of the current month
// (Europe/Paris) as Unix time.
std::vector<AgentFigures> agent_figures(db::Database& db, std::int64_t month_start);

// GET /api/agents: every agent with cities, zips, creditsCents, load (deliveries sent or opened,
// not yet accepted) and AgentFigures: domain::AgentMetrics' keys (deliveries, accepted,
// refunded, acceptanceRate, refundRate, firstCalls, medianFirstCallSeconds), ltvCents,
// monthCents, and under their older names `delivered` (= deliveries) and
// `medianFirstCallMinutes` (= medianFirstCallSeconds / 60, the unit the routing scores in).
nlohmann::json list_agents_with_metrics(db::Database& db, std::int64_t month_start);
std::optional<nlohmann::json> find_agent(db::Database& db, std::int64_t id);

// The leads assigned to the agent, newest first.
std::vector<domain::Lead> leads_assigned_to(db::Database& db, std::int64_t agent_id);

// A call, note or meeting the agent logs on a lead assigned to them; the lead's updated_at
// moves to now. Returns the interaction's id.
struct AgentInteraction {
    std::int64_t lead_id = 0, agent_id = 0;
    std::string kind;  // call (logged as outgoing), note, meeting
    std::string summary;
    std::optional<std::string> outcome;
    std::optional<std::int64_t> duration_s;
};
std::int64_t log_agent_interaction(db::Database& db, const AgentInteraction& i, std::int64_t now);

}  // namespace crm::agents
