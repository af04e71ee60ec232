#pragma once
// Deliveries as API JSON, and the agent's credit balance and ledger.
#include <cstdint>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "crm/domain/delivery.hpp"
#include "db/database.hpp"

namespace crm::db {

// All deliveries of one agent (newest first), with a short summary of each lead whose surname
// is an initial until the contact is revealed to the agent.
nlohmann::json agent_deliveries(Database& db, std::int64_t agent_id);
std::optional<nlohmann::json> find_delivery(Database& db, std::int64_t id);

struct DeliveryFilter {
    std::optional<std::string> status;
    std::optional<std::int64_t> agent_id, lead_id;
    int limit = 500;
};
// The operator's list, newest first.
nlohmann::json list_deliveries(Database& db, const DeliveryFilter& f);

// The columns rules are decided on.
struct DeliveryRow {
    std::int64_t id, lead_id, agent_id, price_cents;
    std::string status, payment_method;
    std::optional<std::int64_t> paid_at;
    std::string channel;
    bool exclusive;
    std::optional<std::int64_t> revoked_at, share_expires_at;
    std::optional<std::string> payment_url;  // the Stripe link once made
    bool full_contact = false;               // a trusted agent: the contact is shown before acceptance
    std::int64_t created_at = 0;
    // Whether the agent may see the seller's phone, e-mail and surname (domain::contact_revealed).
    bool contact_revealed() const;
    domain::DeliveryStatus delivery_status() const;  // `status` as the domain's enum
};
std::optional<DeliveryRow> delivery_row(Database& db, std::int64_t id);
// The delivery a share link points to (by the SHA-256 of its token), whatever its state.
std::optional<DeliveryRow> delivery_by_token_hash(Database& db, const std::string& token_hash);

// The agent's live delivery (the newest not refunded) of each lead they hold, by lead id; only
// `lead_id`'s when given.
std::map<std::int64_t, DeliveryRow> live_deliveries_of_agent(Database& db, std::int64_t agent_id,
                                                             std::optional<std::int64_t> lead_id = std::nullopt);
// The same for one lead: none when the lead was never delivered to the agent (or all refunded).
std::optional<DeliveryRow> live_delivery_of_agent(Database& db, std::int64_t agent_id, std::int64_t lead_id);

// What has been given back on a delivery so far (refund payments, as a positive amount).
std::int64_t refunded_cents(Database& db, std::int64_t delivery_id);

std::int64_t credit_balance(Database& db, std::int64_t agent_id);
nlohmann::json credit_ledger(Database& db, std::int64_t agent_id);
// Adds a ledger line and moves the balance by the same amount (negative = debit).
void add_credit_movement(Database& db, std::int64_t agent_id, std::int64_t amount_cents, const std::string& kind,
                         const std::string& note, std::optional<std::int64_t> delivery_id, std::int64_t now);

}  // namespace crm::db
