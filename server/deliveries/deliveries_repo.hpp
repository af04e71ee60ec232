#pragma once
// Every SQL statement about deliveries: the rows and their API JSON, share links, payments
// (card and credits) and the agent's credit balance and ledger.
#include <cstdint>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "crm/domain/delivery.hpp"
#include "db/database.hpp"

namespace crm::deliveries {

// All deliveries of one agent (newest first), with a short summary of each lead whose surname
// is an initial until the contact is revealed to the agent.
nlohmann::json agent_deliveries(db::Database& db, std::int64_t agent_id);
std::optional<nlohmann::json> find_delivery(db::Database& db, std::int64_t id);

struct DeliveryFilter {
    std::optional<std::string> status;
    std::optional<std::int64_t> agent_id, lead_id;
    int limit = 500;
};
// The operator's list, newest first.
nlohmann::json list_deliveries(db::Database& db, const DeliveryFilter& f);

// A refunded delivery as the figures count it (the delivery aliased `d`): its refund stamped,
// or its status refunded.
constexpr const char* kRefundedDeliverySql = "(d.refunded_at IS NOT NULL OR d.status = 'refunded')";

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
std::optional<DeliveryRow> delivery_row(db::Database& db, std::int64_t id);
// The delivery a share link points to (by the SHA-256 of its token), whatever its state.
std::optional<DeliveryRow> delivery_by_token_hash(db::Database& db, const std::string& token_hash);

// The agent's live delivery (the newest not refunded) of each lead they hold, by lead id; only
// `lead_id`'s when given.
std::map<std::int64_t, DeliveryRow> live_deliveries_of_agent(db::Database& db, std::int64_t agent_id,
                                                             std::optional<std::int64_t> lead_id = std::nullopt);
// The same for one lead: none when the lead was never delivered to the agent (or all refunded).
std::optional<DeliveryRow> live_delivery_of_agent(db::Database& db, std::int64_t agent_id, std::int64_t lead_id);

// Deliveries sent, opened or accepted at or before `sent_before` whose agent has not called yet.
struct DeliveryOfLead {
    std::int64_t delivery_id = 0, lead_id = 0;
};
std::vector<DeliveryOfLead> awaiting_first_call(db::Database& db, std::int64_t sent_before);

// What has been given back on a delivery so far (refund payments, as a positive amount).
std::int64_t refunded_cents(db::Database& db, std::int64_t delivery_id);

std::int64_t credit_balance(db::Database& db, std::int64_t agent_id);
nlohmann::json credit_ledger(db::Database& db, std::int64_t agent_id);
// Adds a ledger line and moves the balance by the same amount (negative = debit).
void add_credit_movement(db::Database& db, std::int64_t agent_id, std::int64_t amount_cents, const std::string& kind,
                         const std::string& note, std::optional<std::int64_t> delivery_id, std::int64_t now);

// --- Writing a delivery's life: sent, opened, accepted, paid, refunded.

struct NewDeliveryRow {
    std::int64_t lead_id = 0, agent_id = 0, price_cents = 0;
    std::string channel, pricing_json, payment_method;
    bool exclusive = false, full_contact = false;
};
// Inserts it as sent now; returns its id.
std::int64_t insert_delivery_row(db::Database& db, const NewDeliveryRow& n, std::int64_t now);

// The lead's deliveries that still count (not refunded): how many, whether one is exclusive,
// whether one is this agent's.
struct OpenDeliveries {
    std::int64_t count = 0;
    bool exclusive = false, to_agent = false;
};
OpenDeliveries open_deliveries_of_lead(db::Database& db, std::int64_t lead_id, std::int64_t agent_id);

void mark_resent(db::Database& db, std::int64_t id, const std::string& channel, std::int64_t now);
// The first time the package page is seen: `sent` becomes `opened` (other states keep theirs).
// False when it had been seen before (nothing changed).
bool mark_opened(db::Database& db, std::int64_t id, std::int64_t now);
// `charged`: the credits were taken now, so paid_at is stamped too.
void mark_accepted(db::Database& db, std::int64_t id, bool charged, std::int64_t now);
void mark_paid(db::Database& db, std::int64_t id, std::int64_t now);
// Refunded and its link revoked.
void mark_refunded(db::Database& db, std::int64_t id, const std::string& reason, std::int64_t now);
// The agent asks for a refund, with why; the operator decides.
void mark_refund_requested(db::Database& db, std::int64_t id, const std::string& reason, std::int64_t now);
// The agent's first call on a lead delivered to them (stops the 24 h "no first call" rule);
// later calls leave the stamp as it is.
void mark_first_call(db::Database& db, std::int64_t lead_id, std::int64_t agent_id, std::int64_t now);
// The Stripe link, once made; `only_if_missing` keeps the first one when two tries race.
void set_payment_url(db::Database& db, std::int64_t id, const std::string& url, bool only_if_missing = false);

// --- Share links: only the token's SHA-256 (and the nonce it was derived from) is stored.

void store_share_link(db::Database& db, std::int64_t id, const std::string& token_hash, std::int64_t expires_at,
                      const std::optional<std::string>& nonce);
// The hash of the link issued last, whatever its state (a job checks its link is still that one).
std::optional<std::string> share_token_hash(db::Database& db, std::int64_t id);
struct StoredShareLink {
    std::string token_hash;
    std::optional<std::string> nonce;
};
// The link while it still works (not revoked, refunded or expired).
std::optional<StoredShareLink> live_share_link(db::Database& db, std::int64_t id, std::int64_t now);

// --- Payments: cash in (delivery, credit_topup) and out (refund, negative).

struct NewPayment {
    std::int64_t agent_id = 0;
    std::optional<std::int64_t> delivery_id;
    std::int64_t amount_cents = 0;
    std::string kind;  // delivery | credit_topup | refund
    std::optional<std::string> stripe_id, stripe_payment_intent;
};
void record_payment(db::Database& db, const NewPayment& p, std::int64_t now);
// Whether a Stripe object (session, or refund) is already in the books.
bool payment_recorded(db::Database& db, const std::string& stripe_id);
// The payment a Stripe payment intent paid (a delivery or a top-up).
struct StripePayment {
    std::int64_t agent_id = 0;
    std::optional<std::int64_t> delivery_id;
    std::int64_t amount_cents = 0;
};
std::optional<StripePayment> payment_by_intent(db::Database& db, const std::string& intent);
// What has been given back on a payment intent so far (positive).
std::int64_t refunded_cents_by_intent(db::Database& db, const std::string& intent);
// Records a Stripe event id; false when it was already there (the event applies once).
bool record_stripe_event(db::Database& db, const std::string& id, const std::string& type, std::int64_t now);

}  // namespace crm::deliveries
