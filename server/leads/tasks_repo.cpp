#include "leads/tasks_repo.hpp"

#include "core/config.hpp"
#include "db/iso_json.hpp"
#include "leads/leads_repo.hpp"

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

std::int64_t add_follow_up(db::Database& db, std::int64_t lead_id, std::int64_t due_at, const std::string& note,
                           std::optional<std::int64_t> created_by, std::int64_t now) {
    const auto id =
        db.prepare("INSERT INTO tasks(lead_id, due_at, note, created_by, created_at) VALUES (?,?,?,?,?) RETURNING id")
            .bind_all(lead_id, due_at, note, created_by, now)
            .run_returning_id();
    set_next_action(db, lead_id, due_at, now);
    return id;
}

nlohmann::json open_follow_ups(db::Database& db, std::int64_t due_before, std::int64_t lead_id, std::int64_t now) {
    auto st = db.prepare(std::string("SELECT ") + kTaskColumns +
                         ", l.first_name, l.last_name, l.phone FROM tasks t JOIN leads l ON l.id = t.lead_id "
                         "WHERE t.done_at IS NULL AND t.due_at < ?1 AND (?2 = 0 OR t.lead_id = ?2) "
                         "ORDER BY t.due_at, t.id LIMIT 1000");
    st.bind_all(due_before, lead_id);
    auto items = nlohmann::json::array();
    while (st.step()) {
        auto task = task_from_row(st);
        task["overdue"] = st.get_int64(2) < now;
        task["lead"] = {{"firstName", st.get_text(6)}, {"lastName", st.get_text(7)}, {"phone", st.get_text(8)}};
        items.push_back(std::move(task));
    }
    return items;
}

std::optional<FollowUpState> follow_up_state(db::Database& db, std::int64_t id) {
    auto st = db.prepare("SELECT lead_id, due_at, done_at IS NOT NULL FROM tasks WHERE id = ?");
    st.bind(1, id);
    if (!st.step()) return std::nullopt;
    return FollowUpState{st.get_int64(0), st.get_int64(1), st.get_int(2) != 0};
}

void mark_follow_up_done(db::Database& db, std::int64_t id, std::int64_t now) {
    db.prepare("UPDATE tasks SET done_at = ? WHERE id = ?").bind_all(now, id).run();
}

void move_follow_up(db::Database& db, std::int64_t id, std::int64_t due_at) {
    db.prepare("UPDATE tasks SET due_at = ? WHERE id = ?").bind_all(due_at, id).run();
}

}  // namespace crm::leads
