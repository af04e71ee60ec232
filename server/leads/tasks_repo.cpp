#include "leads/tasks_repo.hpp"

#include "core/config.hpp"
#include "db/iso_json.hpp"

namespace crm::leads {

const char* const kTaskColumns = "t.id, t.lead_id, t.due_at, t.note, t.done_at, t.created_at";

nlohmann::json task_from_row(const db::Statement& st) {
    return {{"id", st.get_int64(0)},
            {"leadId", st.get_int64(1)},
            {"dueAt", format_iso_utc(st.get_int64(2))},
            {"note", st.get_text(3)},
            {"doneAt", db::iso_or_null(st.get_opt_int64(4))},
            {"createdAt", format_iso_utc(st.get_int64(5))}};
}

nlohmann::json task_by_id(db::Database& db, std::int64_t id) {
    auto st = db.prepare(std::string("SELECT ") + kTaskColumns + " FROM tasks t WHERE t.id = ?");
    st.bind(1, id);
    if (!st.step()) return nullptr;
    return task_from_row(st);
}

int complete_open_tasks(db::Database& db, std::int64_t lead_id, std::int64_t now) {
    db.prepare("UPDATE tasks SET done_at = ?1 WHERE lead_id = ?2 AND done_at IS NULL").bind_all(now, lead_id).run();
    return db.changes();
}

void refresh_next_action(db::Database& db, std::int64_t lead_id, std::int64_t now) {
    db.prepare(
          "UPDATE leads SET next_action_at = (SELECT MIN(t) FROM (SELECT due_at AS t FROM tasks WHERE lead_id = ?1 "
          "AND done_at IS NULL UNION ALL SELECT due_at FROM jobs WHERE lead_id = ?1 AND kind = 'schedule_ping' AND "
          "status = 'pending')), updated_at = ?2 WHERE id = ?1")
        .bind_all(lead_id, now)
        .run();
}

}  // namespace crm::leads
