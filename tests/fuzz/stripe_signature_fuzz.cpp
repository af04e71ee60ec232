// The Stripe-Signature header: any header is judged without crashing, a forged one never
// passes, and the header Stripe would send for the same bytes always does.
#include <cstddef>
#include <cstdint>
#include <string>

#include "fuzz_check.hpp"
#include "integrations/stripe_signature.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using crm::integrations::SignatureCheck;
    const std::string input(reinterpret_cast<const char*>(data), size);
    const auto cut = input.find('\n');
    const std::string header = input.substr(0, cut);
    const std::string payload = cut == std::string::npos ? "" : input.substr(cut + 1);
    const std::string secret = "whsec_fuzz";
    const std::int64_t now = 1'800'000'000;
    if (crm::integrations::verify_stripe_signature(header, payload, secret, now) == SignatureCheck::ok) {
        // Only possible when the header carries the real HMAC of "<t>.<payload>" for one of its t=.
        bool carries = false;
        for (std::size_t at = header.find("t="); at != std::string::npos; at = header.find("t=", at + 2)) {
            const auto end = header.find(',', at);
            const auto t = header.substr(at + 2, end == std::string::npos ? std::string::npos : end - at - 2);
            if (header.find(crm::integrations::hmac_sha256_hex(secret, t + "." + payload)) != std::string::npos)
                carries = true;
        }
        FUZZ_CHECK(carries);
    }
    const auto genuine = crm::integrations::stripe_signature_header(payload, secret, now - 10);
    FUZZ_CHECK(crm::integrations::verify_stripe_signature(genuine, payload, secret, now) == SignatureCheck::ok);
    FUZZ_CHECK(crm::integrations::verify_stripe_signature(genuine, payload + "x", secret, now) != SignatureCheck::ok);
    return 0;
}
