#pragma once
// Stripe webhook signatures: header "t=<unix>,v1=<hex hmac>[,v1=...]", HMAC-SHA256 of
// "<t>.<raw body>" with the endpoint secret, compared in constant time, 5-minute tolerance.
#include <cstdint>
#include <string>
#include <string_view>

namespace crm::integrations {

enum class SignatureCheck { ok, malformed, stale, mismatch };

SignatureCheck verify_stripe_signature(std::string_view header, std::string_view payload, std::string_view secret,
                                       std::int64_t now, std::int64_t tolerance_s = 300);
// What Stripe would send (used by tests and by the local Stripe stand-in).
std::string stripe_signature_header(std::string_view payload, std::string_view secret, std::int64_t timestamp);
std::string hmac_sha256_hex(std::string_view key, std::string_view data);

}  // namespace crm::integrations
