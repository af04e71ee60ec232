#pragma once
// Every SQL statement about appointments that follow a lead to its agent: the lead's next
// appointment, who was last invited to it (and with which .ics SEQUENCE), and the agent's own
// upcoming appointments.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "db/database.hpp"

namespace crm::appointments {

struct Appointment {
    std::int64_t id = 0, lead_id = 0;
    std::int64_t start = 0, end = 0;
    std::string location, uid;
    std::optional<std::int64_t> with_agent_id, invited_agent_id;
    int sequence = 0;  // of the last invitation or cancellation sent
};

std::optional<Appointment> find(db::Database& db, std::int64_t id);
// The lead's next appointment that has not ended yet.
std::optional<Appointment> upcoming_for_lead(db::Database& db, std::int64_t lead_id, std::int64_t now);
std::optional<Appointment> find_for_agent(db::Database& db, std::int64_t id, std::int64_t agent_id);
// Not ended yet, soonest first.
std::vector<Appointment> upcoming_for_agent(db::Database& db, std::int64_t agent_id, std::int64_t now);

// Appointments starting within the next 24 h that have not had both reminders, with how many
// went (0, 1 for the 24 h one, 2 once the 2 h one went too).
struct AppointmentToRemind {
    std::int64_t id = 0, lead_id = 0, start = 0;
    int reminders_sent = 0;
    std::optional<std::int64_t> with_agent_id;
};
std::vector<AppointmentToRemind> appointments_to_remind(db::Database& db, std::int64_t now);

// Booked by the operator, from the lead or a call's outcome; returns its id.
struct NewAppointment {
    std::int64_t lead_id = 0, start = 0, end = 0;
    std::string location;
    std::optional<std::int64_t> with_agent_id, invited_agent_id;
    std::string uid;
};
std::int64_t add(db::Database& db, const NewAppointment& a, std::int64_t now);

// The lead's appointment `id`, or its latest (by start) when none is given, with its agent's
// name and e-mail when it has one: what the operator's .ics download shows.
struct AppointmentWithAgent {
    std::int64_t start = 0, end = 0;
    std::string location, uid;
    std::string agent_name;
    std::optional<std::string> agent_email;
};
std::optional<AppointmentWithAgent> latest_for_lead(db::Database& db, std::int64_t lead_id,
                                                    std::optional<std::int64_t> id);

// The 24 h (then the 2 h) reminder went: the scheduler does not make it again.
void mark_reminded(db::Database& db, std::int64_t id, int hours_before);
// The appointment now belongs to `agent` (or nobody), and `sequence` is the last one sent.
void set_agent(db::Database& db, std::int64_t id, std::optional<std::int64_t> agent, int sequence);

}  // namespace crm::appointments
