#pragma once
// What a verified Stripe event does to the books. A delivery is paid only by a Checkout Session
// that Stripe reports `paid`, in EUR, for at least its price; a credit top-up credits what was
// actually paid. Anything else changes nothing and tells the operator (a `payment_mismatch`
// notification, with Reassign / Refund on a delivery). Async payment methods (SEPA) complete
// unpaid first and report later (async_payment_succeeded / _failed); a refund made in Stripe's
// dashboard (charge.refunded) is recorded as cash out and, when whole, refunds the delivery.
#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>

#include "db/database.hpp"

namespace crm::deliveries {

// Applies one event inside the caller's transaction (the caller has already recorded its id,
// so it applies once). Returns what it did, for the webhook's answer; null when the event is
// not one of ours. Never throws for a well-formed event that does not add up: money questions
// are the operator's, and Stripe must not retry them forever.
nlohmann::json apply_stripe_event(db::Database& db, const std::string& event_id, const std::string& type,
                                  const nlohmann::json& object, std::int64_t now);

}  // namespace crm::deliveries
