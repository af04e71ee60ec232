#pragma once
// Deliveries as API JSON, and the agent's credit balance and ledger.
#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>

#include "db/database.hpp"

namespace crm::db {

// All deliveries of one agent (newest first), with a short summary of each lead.
nlohmann::json agent_deliveries(Database& db, std::int64_t agent_id);
std::optional<nlohmann::json> find_delivery(Database& db, std::int64_t id);

struct DeliveryRow {
    std::int64_t id, lead_id, agent_id, price_cents;
    std::string status, payment_method;
    std::optional<std::int64_t> paid_at;
};
std::optional<DeliveryRow> delivery_row(Database& db, std::int64_t id);

std::int64_t credit_balance(Database& db, std::int64_t agent_id);
nlohmann::json credit_ledger(Database& db, std::int64_t agent_id);
// Adds a ledger line and moves the balance by the same amount (negative = debit).
void add_credit_movement(Database& db, std::int64_t agent_id, std::int64_t amount_cents, const std::string& kind,
                         const std::string& note, std::optional<std::int64_t> delivery_id, std::int64_t now);

}  // namespace crm::db
