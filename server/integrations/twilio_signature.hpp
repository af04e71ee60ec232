#pragma once
// Twilio webhook signatures: base64(HMAC-SHA1(auth token, full URL + each POST parameter name
// and value, sorted by name)), in the X-Twilio-Signature header.
#include <map>
#include <string>

namespace crm::integrations {

std::string twilio_signature(const std::string& auth_token, const std::string& url,
                             const std::map<std::string, std::string>& params);
bool verify_twilio_signature(const std::string& auth_token, const std::string& url,
                             const std::map<std::string, std::string>& params, const std::string& header);

}  // namespace crm::integrations
