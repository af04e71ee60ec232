#pragma once
// Turns a trigger (an outcome, a clock rule) into jobs, inside the caller's transaction.
// State changes (set_status, set_stage, create_task) are applied at once and their jobs
// recorded as done, so the queue moves on immediately; messages and notifications are left
// pending for the scheduler, each with an idempotency key derived from its cause.
#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "crm/domain/lead.hpp"
#include "crm/domain/settings.hpp"
#include "db/database.hpp"

namespace crm::automation {

// Runs every enabled rule with this trigger for the lead. `cause` makes the idempotency keys
// ("interaction:42", "idle:7:1790000000"): the same cause never creates a job twice.
// Returns the jobs as API JSON.
nlohmann::json apply_trigger(db::Database& db, const std::string& trigger, domain::Lead& lead, const std::string& cause,
                             std::int64_t now, const domain::Settings& settings, nlohmann::json extra_payload = {});

}  // namespace crm::automation
