#include "app/lead_form.hpp"

#include "crm/domain/json.hpp"
#include "crm/domain/validation.hpp"

namespace crm::console {

LeadDraft LeadDraft::from_lead(const domain::Lead& l) {
    LeadDraft d;
    d.id = l.id;
    d.first_name = l.first_name;
    d.last_name = l.last_name;
    d.phone = l.phone;
    d.email = l.email.value_or("");
    d.city = l.city;
    d.zip = l.zip;
    d.area = l.area;
    d.source = l.source;
    d.intention = l.intention;
    d.timeline_months = l.timeline_months.value_or(0);
    d.estimate_euros = l.price_estimate_cents.value_or(0) / 100;
    d.cost_euros = l.cost_cents / 100;
    return d;
}

// The domain library's own check: the form refuses exactly what the server would (422).
std::map<std::string, std::string> LeadDraft::problems() const {
    domain::Lead l;
    l.first_name = first_name;
    l.last_name = last_name;
    l.phone = phone;
    if (!email.empty()) l.email = email;
    l.city = city;
    l.zip = zip;
    l.intention = intention;
    if (timeline_months != 0) l.timeline_months = timeline_months;
    if (estimate_euros != 0) l.price_estimate_cents = estimate_euros * 100;
    l.cost_cents = cost_euros * 100;
    auto out = domain::validate_lead(l);
    if (cost_euros < 0) out["costCents"] = "positif";
    return out;
}

nlohmann::json LeadDraft::body(bool allow_duplicate) const {
    nlohmann::json b = {{"firstName", first_name},
                        {"lastName", last_name},
                        {"phone", phone},
                        {"city", city},
                        {"zip", zip},
                        {"area", area},
                        {"source", source.empty() ? "manual" : source},
                        {"intention", domain::to_string(intention)},
                        {"costCents", cost_euros * 100}};
    b["email"] = email.empty() ? nlohmann::json(nullptr) : nlohmann::json(email);
    b["timelineMonths"] = timeline_months > 0 ? nlohmann::json(timeline_months) : nlohmann::json(nullptr);
    b["priceEstimateCents"] = estimate_euros > 0 ? nlohmann::json(estimate_euros * 100) : nlohmann::json(nullptr);
    if (allow_duplicate) b["allowDuplicate"] = true;
    return b;
}

std::optional<DuplicateOffer> duplicate_offer(const nlohmann::json& conflict_body) {
    if (!conflict_body.is_object() || !conflict_body.contains("candidates") || !conflict_body["candidates"].is_array())
        return std::nullopt;
    DuplicateOffer offer;
    for (const auto& c : conflict_body["candidates"]) {
        try {
            offer.candidates.push_back(c.get<domain::Lead>());
            offer.matched_on.push_back(c.value("matchedOn", std::string("phone")));
        } catch (const std::exception&) {
        }
    }
    if (offer.candidates.empty()) return std::nullopt;
    return offer;
}

}  // namespace crm::console
