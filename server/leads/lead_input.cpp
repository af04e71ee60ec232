#include "leads/lead_input.hpp"

#include "crm/domain/json.hpp"
#include "crm/domain/validation.hpp"
#include "http/errors.hpp"
#include "leads/leads_repo.hpp"

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

nlohmann::json duplicate_candidates(db::Database& db, const domain::Lead& lead) {
    const auto keys = domain::duplicate_keys(lead);
    auto out = nlohmann::json::array();
    if (!keys.phone_e164 && !keys.email_lower) return out;
    auto st = db.prepare(std::string("SELECT ") + kLeadColumns +
                         " FROM leads l WHERE l.id <> ?1 AND ((?2 IS NOT NULL AND l.phone_e164 = ?2) OR "
                         "(?3 IS NOT NULL AND lower(l.email) = ?3)) ORDER BY l.created_at LIMIT 20");
    st.bind(1, lead.id).bind(2, keys.phone_e164).bind(3, keys.email_lower);
    while (st.step()) {
        auto candidate = lead_from_row(st);
        nlohmann::json j = candidate;
        j["matchedOn"] = keys.phone_e164 && candidate.phone_e164 == keys.phone_e164 ? "phone" : "email";
        out.push_back(j);
    }
    return out;
}

void write_lead(db::Database& db, const domain::Lead& l, bool insert) {
    auto st = db.prepare(
        insert
            ? "INSERT INTO leads(first_name, last_name, phone, phone_e164, email, intention, timeline_months, city, "
              "zip, "
              "area, price_estimate_cents, consent, consent_at, consent_text, consent_source, source, cost_cents, "
              "bad_number, status, owner_user_id, created_at, updated_at) "
              "VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12,?13,?14,?15,?16,?17,?18,?19,?20,?21,?22)"
            : "UPDATE leads SET first_name=?1, last_name=?2, phone=?3, phone_e164=?4, email=?5, intention=?6, "
              "timeline_months=?7, city=?8, zip=?9, area=?10, price_estimate_cents=?11, consent=?12, consent_at=?13, "
              "consent_text=?14, consent_source=?15, source=?16, cost_cents=?17, bad_number=?18, status=?19, "
              "updated_at=?22 WHERE id=?23");
    st.bind_all(l.first_name, l.last_name, l.phone, l.phone_e164, l.email, domain::to_string(l.intention),
                l.timeline_months ? std::optional<std::int64_t>(*l.timeline_months) : std::nullopt, l.city, l.zip,
                l.area, l.price_estimate_cents, l.consent, l.consent_at, l.consent_text, l.consent_source, l.source,
                l.cost_cents, l.bad_number, domain::to_string(l.status), l.owner_user_id, l.created_at, l.updated_at);
    if (!insert) st.bind(23, l.id);
    st.run();
}

}  // namespace crm::leads
