#include "integrations/twilio_signature.hpp"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <sodium.h>

namespace crm::integrations {

std::string twilio_signature(const std::string& auth_token, const std::string& url,
                             const std::map<std::string, std::string>& params) {
    std::string data = url;
    for (const auto& [k, v] : params) data += k + v;  // std::map: sorted by name
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int len = 0;
    HMAC(EVP_sha1(), auth_token.data(), static_cast<int>(auth_token.size()),
         reinterpret_cast<const unsigned char*>(data.data()), data.size(), digest, &len);
    std::string out(sodium_base64_ENCODED_LEN(len, sodium_base64_VARIANT_ORIGINAL), '\0');
    sodium_bin2base64(out.data(), out.size(), digest, len, sodium_base64_VARIANT_ORIGINAL);
    out.resize(std::char_traits<char>::length(out.c_str()));
    return out;
}

bool verify_twilio_signature(const std::string& auth_token, const std::string& url,
                             const std::map<std::string, std::string>& params, const std::string& header) {
    if (auth_token.empty() || header.empty()) return false;
    const auto expected = twilio_signature(auth_token, url, params);
    return expected.size() == header.size() && CRYPTO_memcmp(expected.data(), header.data(), header.size()) == 0;
}

}  // namespace crm::integrations
