#pragma once
// The .ics of an appointment as one person receives it: the seller (their own name and
// e-mail), or an agent (the seller's surname and e-mail only once the agent has committed to
// the lead, as in the lead package).
#include <cstdint>
#include <optional>
#include <string>

#include "appointments/appointments_repo.hpp"
#include "crm/domain/ics.hpp"
#include "crm/domain/lead.hpp"

namespace crm::appointments {

struct AgentContact {
    std::int64_t id = 0;
    std::string name, email;
};
std::optional<AgentContact> agent_contact(db::Database& db, std::optional<std::int64_t> agent_id);

// `agent`: the appointment's agent (an attendee); `for_agent`: the file is theirs (masked until
// they commit), else the seller's.
std::string invitation_ics(db::Database& db, const Appointment& a, const domain::Lead& lead,
                           const std::optional<AgentContact>& agent, bool for_agent, domain::IcsMethod method,
                           int sequence, std::int64_t now);

}  // namespace crm::appointments
