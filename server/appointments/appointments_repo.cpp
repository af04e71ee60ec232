#include "appointments/appointments_repo.hpp"

namespace crm::appointments {

namespace {

constexpr const char* kColumns =
    "id, lead_id, start_at, end_at, location, ics_uid, with_agent_id, invited_agent_id, ics_sequence FROM "
    "appointments ";

Appointment from_row(db::Statement& st) {
    return {st.get_int64(0), st.get_int64(1),     st.get_int64(2),     st.get_int64(3), st.get_text(4),
            st.get_text(5),  st.get_opt_int64(6), st.get_opt_int64(7), st.get_int(8)};
}

}  // namespace

std::optional<Appointment> find(db::Database& db, std::int64_t id) {
    auto st = db.prepare(std::string("SELECT ") + kColumns + "WHERE id = ?");
    st.bind(1, id);
    if (!st.step()) return std::nullopt;
    return from_row(st);
}

std::optional<Appointment> upcoming_for_lead(db::Database& db, std::int64_t lead_id, std::int64_t now) {
    auto st =
        db.prepare(std::string("SELECT ") + kColumns + "WHERE lead_id = ? AND end_at > ? ORDER BY start_at LIMIT 1");
    st.bind_all(lead_id, now);
    if (!st.step()) return std::nullopt;
    return from_row(st);
}

std::optional<Appointment> find_for_agent(db::Database& db, std::int64_t id, std::int64_t agent_id) {
    auto st = db.prepare(std::string("SELECT ") + kColumns + "WHERE id = ? AND with_agent_id = ?");
    st.bind_all(id, agent_id);
    if (!st.step()) return std::nullopt;
    return from_row(st);
}

std::vector<Appointment> upcoming_for_agent(db::Database& db, std::int64_t agent_id, std::int64_t now) {
    auto st =
        db.prepare(std::string("SELECT ") + kColumns + "WHERE with_agent_id = ? AND end_at > ? ORDER BY start_at, id");
    st.bind_all(agent_id, now);
    std::vector<Appointment> out;
    while (st.step()) out.push_back(from_row(st));
    return out;
}

std::vector<AppointmentToRemind> appointments_to_remind(db::Database& db, std::int64_t now) {
    auto st = db.prepare(
        "SELECT id, lead_id, start_at, reminders_sent, with_agent_id FROM appointments WHERE start_at > ?1 "
        "AND start_at - 86400 <= ?1 AND reminders_sent < 2");
    st.bind(1, now);
    std::vector<AppointmentToRemind> out;
    while (st.step())
        out.push_back({st.get_int64(0), st.get_int64(1), st.get_int64(2), st.get_int(3), st.get_opt_int64(4)});
    return out;
}

std::int64_t add(db::Database& db, const NewAppointment& a, std::int64_t now) {
    return db
        .prepare(
            "INSERT INTO appointments(lead_id, start_at, end_at, location, with_agent_id, invited_agent_id, ics_uid, "
            "created_at) VALUES (?,?,?,?,?,?,?,?) RETURNING id")
        .bind_all(a.lead_id, a.start, a.end, a.location, a.with_agent_id, a.invited_agent_id, a.uid, now)
        .run_returning_id();
}

std::optional<AppointmentWithAgent> latest_for_lead(db::Database& db, std::int64_t lead_id,
                                                    std::optional<std::int64_t> id) {
    std::string sql =
        "SELECT a.start_at, a.end_at, a.location, a.ics_uid, u.display_name, u.email FROM appointments a "
        "LEFT JOIN users u ON u.id = a.with_agent_id WHERE a.lead_id = ?1";
    if (id) sql += " AND a.id = ?2";
    sql += " ORDER BY a.start_at DESC LIMIT 1";
    auto st = db.prepare(sql);
    st.bind(1, lead_id);
    if (id) st.bind(2, *id);
    if (!st.step()) return std::nullopt;
    AppointmentWithAgent out{st.get_int64(0), st.get_int64(1), st.get_text(2), st.get_text(3), "", std::nullopt};
    if (!st.is_null(5)) {
        out.agent_name = st.get_text(4);
        out.agent_email = st.get_text(5);
    }
    return out;
}

void mark_reminded(db::Database& db, std::int64_t id, int hours_before) {
    db.prepare(
          "UPDATE appointments SET reminders_sent = CASE WHEN reminders_sent > ?1 THEN reminders_sent ELSE ?1 END "
          "WHERE id = ?2")
        .bind_all(hours_before == 2 ? 2 : 1, id)
        .run();
}

void set_agent(db::Database& db, std::int64_t id, std::optional<std::int64_t> agent, int sequence) {
    db.prepare("UPDATE appointments SET with_agent_id = ?1, invited_agent_id = ?1, ics_sequence = ?2 WHERE id = ?3")
        .bind_all(agent, sequence, id)
        .run();
}

}  // namespace crm::appointments
