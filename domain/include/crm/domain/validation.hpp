#pragma once
// Input validation shared by the server and the console: phone numbers to E.164 (French
// numbers by default), e-mail addresses, required lead fields, and duplicate keys.
#include <map>
#include <optional>
#include <string>

#include "crm/domain/lead.hpp"

namespace crm::domain {

// "06 12 34 56 78", "+33 6 12 34 56 78", "0033 6…", "+33 (0)6…" → "+33612345678".
// International numbers need a + or 00 prefix. Nothing when the number is not plausible.
std::optional<std::string> normalize_phone(const std::string& input);
bool is_valid_email(const std::string& email);

// Field name (camelCase, as on the wire) → French message; empty when the lead is valid.
// Required: a name (first or last), and a phone or an e-mail.
std::map<std::string, std::string> validate_lead(const Lead& lead);

struct DuplicateKeys {
    std::optional<std::string> phone_e164;
    std::optional<std::string> email_lower;
};
DuplicateKeys duplicate_keys(const Lead& lead);
std::string lower_email(const std::string& email);

}  // namespace crm::domain
