#include "leads/lead_input.hpp"

#include "crm/domain/json.hpp"
#include "crm/domain/validation.hpp"
#include "http/errors.hpp"

namespace crm::leads {

namespace {
const char* const kEditable[] = {"firstName",      "lastName",    "phone",         "email",  "intention",
                                 "timelineMonths", "city",        "zip",           "area",   "priceEstimateCents",
                                 "consent",        "consentText", "consentSource", "source", "costCents"};
}

void apply_lead_input(const nlohmann::json& body, domain::Lead& lead, std::int64_t now) {
    nlohmann::json editable = nlohmann::json::object();
    for (const char* key : kEditable)
        if (body.contains(key)) editable[key] = body[key];
    if (editable.contains("intention") && editable["intention"].is_string() &&
        !domain::parse_intention(editable["intention"].get<std::string>()))
        throw http::validation({{"intention", "sell, estimate, buy ou unknown"}});
    const bool had_consent = lead.consent;
    const auto old_phone = lead.phone;
    domain::from_json(editable, lead);
    if (lead.email && lead.email->empty()) lead.email.reset();
    auto errors = domain::validate_lead(lead);
    for (const auto& [field, text] : {std::pair<const char*, const std::string*>{"firstName", &lead.first_name},
                                      {"lastName", &lead.last_name},
                                      {"city", &lead.city},
                                      {"area", &lead.area}})
        if (text->size() > 200) errors[field] = "200 caractères au plus";
    if (lead.source.empty() || lead.source.size() > 50) errors["source"] = "obligatoire, 50 caractères au plus";
    if (!errors.empty()) {
        nlohmann::json fields = nlohmann::json::object();
        for (const auto& [k, v] : errors) fields[k] = v;
        throw http::validation(fields);
    }
    lead.phone_e164 = lead.phone.empty() ? std::nullopt : domain::normalize_phone(lead.phone);
    // A new number may work: the bad-number flag clears when the phone changes.
    if (lead.phone != old_phone && lead.bad_number) {
        lead.bad_number = false;
        if (lead.status == domain::Status::bad_number) lead.status = domain::Status::active;
    }
    if (lead.consent && !had_consent) lead.consent_at = now;
    if (!lead.consent) lead.consent_at.reset();
}

}  // namespace crm::leads
