#include "appointments/agent_invitations.hpp"

#include "appointments/appointments_repo.hpp"
#include "automation/jobs_repo.hpp"

namespace crm::appointments {

namespace {

void queue_ics(db::Database& db, const Appointment& a, std::int64_t agent_id, bool cancel, int sequence,
               std::int64_t now) {
    automation::NewJob job;
    job.lead_id = a.lead_id;
    job.kind = domain::JobKind::send_ics;
    job.payload = {{"arg", "agent"},
                   {"appointmentId", a.id},
                   {"agentId", agent_id},
                   {"method", cancel ? "cancel" : "request"},
                   {"sequence", sequence}};
    job.due_at = now;
    job.idempotency_key = std::string(cancel ? "ics-cancel:" : "ics-invite:") + std::to_string(a.id) + ":" +
                          std::to_string(sequence) + ":" + std::to_string(agent_id);
    automation::enqueue(db, job, now);
}

}  // namespace

void invite_delivery_agent(db::Database& db, std::int64_t lead_id, std::int64_t agent_id, std::int64_t now) {
    const auto a = upcoming_for_lead(db, lead_id, now);
    if (!a || a->invited_agent_id == agent_id) return;
    const int sequence = a->sequence + 1;
    if (a->invited_agent_id) queue_ics(db, *a, *a->invited_agent_id, /*cancel=*/true, sequence, now);
    set_agent(db, a->id, agent_id, sequence);
    queue_ics(db, *a, agent_id, /*cancel=*/false, sequence, now);
}

void withdraw_agent_invitation(db::Database& db, std::int64_t lead_id, std::int64_t agent_id, std::int64_t now) {
    const auto a = upcoming_for_lead(db, lead_id, now);
    if (!a || a->invited_agent_id != agent_id) return;
    const int sequence = a->sequence + 1;
    set_agent(db, a->id, std::nullopt, sequence);
    queue_ics(db, *a, agent_id, /*cancel=*/true, sequence, now);
}

}  // namespace crm::appointments
