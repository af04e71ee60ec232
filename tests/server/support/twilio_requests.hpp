#pragma once
// What the SMS provider (Twilio) sends to the server's webhooks: a form, signed with the
// account's auth token over the full URL and the sorted parameters (X-Twilio-Signature).
#include <map>
#include <string>

#include "integrations/curl_util.hpp"
#include "integrations/twilio_signature.hpp"
#include "support/test_server.hpp"

namespace crm::testing {

inline HttpResult post_twilio(Client& provider, const std::string& public_url, const std::string& path,
                              const std::map<std::string, std::string>& params, const std::string& auth_token) {
    std::string form;
    for (const auto& [k, v] : params) form += (form.empty() ? "" : "&") + k + "=" + integrations::url_escape(v);
    return provider.request(
        "POST", path, form,
        {{"Content-Type", "application/x-www-form-urlencoded"},
         {"X-Twilio-Signature", integrations::twilio_signature(auth_token, public_url + path, params)}},
        /*csrf=*/false);
}

}  // namespace crm::testing
