#include "agents/agent_lead_view.hpp"

#include "crm/domain/json.hpp"
#include "crm/domain/personal_data.hpp"
#include "leads/leads_repo.hpp"

namespace crm::agents {

namespace {

bool revealed(const std::optional<deliveries::DeliveryRow>& delivery) {
    return delivery && delivery->contact_revealed();
}

}  // namespace

nlohmann::json agent_lead_json(const domain::Lead& lead, const std::optional<deliveries::DeliveryRow>& delivery) {
    nlohmann::json j = lead;
    j.erase("costCents");  // what the owner paid for the lead is the owner's business
    j.erase("ownerUserId");
    j["contactRevealed"] = revealed(delivery);
    if (!revealed(delivery)) {
        const auto email = lead.email.value_or("");
        j["lastName"] = domain::surname_initial(lead.last_name);
        j["phone"] = domain::mask_phone(lead.phone);
        j["phoneE164"] = nullptr;
        j["email"] = lead.email ? nlohmann::json(domain::mask_email(email)) : nlohmann::json(nullptr);
        if (lead.consent_text)
            j["consentText"] = domain::mask_contact_in(*lead.consent_text, lead.phone, email, lead.last_name);
    }
    return j;
}

nlohmann::json agent_lead_detail(db::Database& db, const domain::Lead& lead, std::int64_t agent_id) {
    const auto delivery = deliveries::live_delivery_of_agent(db, agent_id, lead.id);
    // Without a delivery nothing was handed over: only the agent's own history is theirs.
    auto interactions =
        leads::lead_interactions_for_agent(db, lead.id, agent_id, delivery ? delivery->created_at : INT64_MAX);
    if (!revealed(delivery))
        for (auto& i : interactions)
            i["summary"] = domain::mask_contact_in(i["summary"].get<std::string>(), lead.phone, lead.email.value_or(""),
                                                   lead.last_name);
    return {{"lead", agent_lead_json(lead, delivery)},
            {"interactions", interactions},
            {"appointments", leads::lead_appointments(db, lead.id)}};
}

}  // namespace crm::agents
