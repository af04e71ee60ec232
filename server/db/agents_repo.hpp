#pragma once
// Agents and their performance figures, computed from deliveries and payments.
#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>

#include "db/database.hpp"

namespace crm::db {

// Every agent with: cities, zips, creditsCents, delivered, accepted, refunded, acceptanceRate,
// refundRate, medianFirstCallMinutes, load (open deliveries), ltvCents, monthCents.
// `month_start` is the first instant of the current month (Europe/Paris) as Unix time.
nlohmann::json list_agents_with_metrics(Database& db, std::int64_t month_start);
std::optional<nlohmann::json> find_agent(Database& db, std::int64_t id);

}  // namespace crm::db
