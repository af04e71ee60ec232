#pragma once
// Reading leads and their history as API JSON (camelCase, ISO times, cents).
#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "db/database.hpp"

namespace crm::db {

// SELECT list for a lead aliased `l`; lead_from_row reads it starting at column 0.
extern const char* const kLeadColumns;
nlohmann::json lead_from_row(const Statement& st);
std::optional<nlohmann::json> find_lead(Database& db, std::int64_t id);
// The lead only when it is assigned to this agent (agents never see other leads).
std::optional<nlohmann::json> find_assigned_lead(Database& db, std::int64_t id, std::int64_t agent_id);

nlohmann::json lead_interactions(Database& db, std::int64_t lead_id);  // newest first
nlohmann::json lead_appointments(Database& db, std::int64_t lead_id);
nlohmann::json interaction_by_id(Database& db, std::int64_t id);

// Optional Unix time -> ISO string or null.
nlohmann::json iso_or_null(const std::optional<std::int64_t>& t);

}  // namespace crm::db
