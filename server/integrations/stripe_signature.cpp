#include "integrations/stripe_signature.hpp"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <vector>

namespace crm::integrations {

std::string hmac_sha256_hex(std::string_view key, std::string_view data) {
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int len = 0;
    HMAC(EVP_sha256(), key.data(), static_cast<int>(key.size()), reinterpret_cast<const unsigned char*>(data.data()),
         data.size(), digest, &len);
    static const char* hex = "0123456789abcdef";
    std::string out;
    out.reserve(len * 2);
    for (unsigned int i = 0; i < len; ++i) {
        out += hex[digest[i] >> 4];
        out += hex[digest[i] & 0xf];
    }
    return out;
}

std::string stripe_signature_header(std::string_view payload, std::string_view secret, std::int64_t timestamp) {
    const std::string t = std::to_string(timestamp);
    return "t=" + t + ",v1=" + hmac_sha256_hex(secret, t + "." + std::string(payload));
}

SignatureCheck verify_stripe_signature(std::string_view header, std::string_view payload, std::string_view secret,
                                       std::int64_t now, std::int64_t tolerance_s) {
    if (secret.empty() || header.size() > 2048) return SignatureCheck::malformed;
    std::string timestamp;
    std::vector<std::string> signatures;
    std::size_t pos = 0;
    while (pos <= header.size()) {
        auto comma = header.find(',', pos);
        if (comma == std::string_view::npos) comma = header.size();
        const auto item = header.substr(pos, comma - pos);
        const auto eq = item.find('=');
        if (eq != std::string_view::npos) {
            const auto key = item.substr(0, eq);
            const auto value = item.substr(eq + 1);
            if (key == "t") timestamp = std::string(value);
            if (key == "v1") signatures.emplace_back(value);
        }
        pos = comma + 1;
    }
    if (timestamp.empty() || signatures.empty() || timestamp.size() > 12) return SignatureCheck::malformed;
    for (char c : timestamp)
        if (c < '0' || c > '9') return SignatureCheck::malformed;
    const std::int64_t t = std::stoll(timestamp);
    if (t < now - tolerance_s || t > now + tolerance_s) return SignatureCheck::stale;
    const std::string expected = hmac_sha256_hex(secret, timestamp + "." + std::string(payload));
    for (const auto& s : signatures)
        if (s.size() == expected.size() && CRYPTO_memcmp(s.data(), expected.data(), s.size()) == 0)
            return SignatureCheck::ok;
    return SignatureCheck::mismatch;
}

}  // namespace crm::integrations
