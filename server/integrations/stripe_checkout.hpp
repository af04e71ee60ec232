#pragma once
// A card-payment link for a delivery or a credit top-up. With STRIPE_SECRET_KEY, a Checkout
// Session is created over Stripe's API (libcurl, form-encoded, Idempotency-Key) and its `url`
// is the link; with only STRIPE_PAYMENT_LINK_URL, that fixed Payment Link gets
// `client_reference_id` appended. Either way the webhook's checkout.session.completed carries
// the reference back ("delivery:<id>" or "topup:<agentId>").
#include <cstdint>
#include <string>

namespace crm::integrations {

struct StripeSettings {
    std::string secret_key;
    std::string api_base = "https://api.stripe.com";
    std::string payment_link_url;
    std::string success_url;  // where Stripe sends the payer afterwards
    long timeout_ms = 10000;
    bool configured() const { return !secret_key.empty() || !payment_link_url.empty(); }
};

struct PaymentLinkRequest {
    std::string client_reference_id;  // delivery:<id> or topup:<agentId>
    std::int64_t amount_cents = 0;
    std::string description;  // shown on Stripe's page; no personal data
    std::string idempotency_key;
};

struct PaymentLinkResult {
    bool ok = false;
    std::string url;
    std::string error;  // short, safe to show and log
};

PaymentLinkResult create_payment_link(const StripeSettings& s, const PaymentLinkRequest& r);

// What a delivery's card payment asks of Stripe: its reference, price and a description
// without personal data; the delivery's id is Stripe's Idempotency-Key.
PaymentLinkRequest delivery_payment_request(std::int64_t delivery_id, std::int64_t lead_id, std::int64_t price_cents);

}  // namespace crm::integrations
