#pragma once
// A delivery: one lead's package sent to one agent, as the server stores it and as the API
// sends it (GET /api/deliveries, the agent's list). Its status moves one way; the lead is sold
// when the delivery is both accepted and paid, whichever of the two comes last.
#include <cstdint>
#include <optional>
#include <string>

#include "crm/domain/time.hpp"

namespace crm::domain {

enum class DeliveryStatus { sent, opened, accepted, refunded };

const char* to_string(DeliveryStatus s);  // "sent", "opened", "accepted", "refunded" (the stored text)
std::optional<DeliveryStatus> parse_delivery_status(const std::string& s);

// sent → opened (the share link was opened), sent | opened → accepted, any live status →
// refunded. Nothing leaves refunded, and staying in the same status is not a transition.
bool delivery_transition_allowed(DeliveryStatus from, DeliveryStatus to);

// The one rule for "sold": accepted and paid. Credits are charged on Accept; a card delivery
// may be paid before or after it is accepted, so both the accept and the payment ask this.
bool delivery_sells_lead(DeliveryStatus status, bool paid);

// The lead as a delivery shows it (the agent's list masks last_name until the contact is revealed).
struct DeliveryLead {
    std::int64_t id = 0;
    std::string first_name, last_name, city, zip, intention;
    std::optional<std::int64_t> timeline_months, price_estimate_cents;
};

struct Delivery {
    std::int64_t id = 0, lead_id = 0, agent_id = 0;
    DeliveryStatus status = DeliveryStatus::sent;
    std::string channel = "link";            // email | whatsapp | link
    std::string payment_method = "credits";  // credits | stripe
    std::int64_t price_cents = 0;
    std::string pricing_json = "{}";  // the price breakdown as stored, sent as an object
    bool exclusive = false;
    bool full_contact = false;  // a trusted agent: the contact is shown before acceptance
    std::optional<std::string> payment_url, refund_reason;
    std::optional<UnixTime> paid_at, sent_at, opened_at, accepted_at, refunded_at, refund_requested_at, first_call_at,
        revoked_at, share_expires_at;
    UnixTime created_at = 0;
    std::string agent_name;
    DeliveryLead lead;

    bool paid() const { return paid_at.has_value(); }
    bool sells_lead() const { return delivery_sells_lead(status, paid()); }
    // Whether the agent may see the seller's phone, e-mail and surname (domain::contact_revealed).
    bool contact_revealed() const;
    // Paid by card, unpaid and live, and the server's payment_link job has not made the link yet.
    bool awaiting_payment_link() const;
};

}  // namespace crm::domain
