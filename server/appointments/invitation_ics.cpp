#include "appointments/invitation_ics.hpp"

#include "accounts/users_repo.hpp"
#include "crm/domain/personal_data.hpp"
#include "deliveries/deliveries_repo.hpp"

namespace crm::appointments {

std::optional<AgentContact> agent_contact(db::Database& db, std::optional<std::int64_t> agent_id) {
    if (!agent_id) return std::nullopt;
    const auto account = accounts::find_by_id(db, *agent_id);
    if (!account || account->role != http::Role::agent) return std::nullopt;
    return AgentContact{*agent_id, account->display_name, account->email.value_or("")};
}

std::string invitation_ics(db::Database& db, const Appointment& a, const domain::Lead& lead,
                           const std::optional<AgentContact>& agent, bool for_agent, domain::IcsMethod method,
                           int sequence, std::int64_t now) {
    bool masked = false;
    if (for_agent && agent) {
        const auto delivery = deliveries::live_delivery_of_agent(db, agent->id, lead.id);
        masked = !(delivery && delivery->contact_revealed());
    }
    domain::IcsEvent e;
    e.method = method;
    e.sequence = sequence;
    e.uid = a.uid;
    e.stamp = now;
    e.start = a.start;
    e.end = a.end;
    e.location = a.location;
    const auto seller = lead.first_name + " " + (masked ? domain::surname_initial(lead.last_name) : lead.last_name);
    e.summary = "Estimation immobilière — " + seller;
    e.organizer = {"Lead CRM", "operateur@lead-crm.local"};
    if (!masked) e.attendees.push_back({seller, lead.email.value_or("")});
    if (agent && !agent->email.empty()) e.attendees.push_back({agent->name, agent->email});
    return domain::build_ics(e);
}

}  // namespace crm::appointments
