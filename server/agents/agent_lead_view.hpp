#pragma once
// What an agent is shown of a lead assigned to them (GET /api/leads/assigned and
// /api/agent/leads/{id}): not its cost or owner, not what others did with it before it was
// delivered to them, and the seller's phone, e-mail and surname masked until they commit
// (accept, and pay when by card) unless the delivery is for a trusted agent (`fullContact`).
#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>

#include "crm/domain/lead.hpp"
#include "deliveries/deliveries_repo.hpp"

namespace crm::agents {

// `delivery` is the agent's live delivery of the lead (none: the contact stays masked).
nlohmann::json agent_lead_json(const domain::Lead& lead, const std::optional<deliveries::DeliveryRow>& delivery);

// The lead with its history and appointments, as the agent's detail view shows it.
nlohmann::json agent_lead_detail(db::Database& db, const domain::Lead& lead, std::int64_t agent_id);

}  // namespace crm::agents
