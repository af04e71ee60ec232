#include "db/tasks_repo.hpp"

#include "core/config.hpp"
#include "db/leads_repo.hpp"

namespace crm::db {

const char* const kTaskColumns = "t.id, t.lead_id, t.due_at, t.note, t.done_at, t.created_at";

nlohmann::json task_from_row(const Statement& st) {
    return {{"id", st.get_int64(0)},
            {"leadId", st.get_int64(1)},
            {"dueAt", format_iso_utc(st.get_int64(2))},
            {"note", st.get_text(3)},
            {"doneAt", iso_or_null(st.get_opt_int64(4))},
            {"createdAt", format_iso_utc(st.get_int64(5))}};
}

nlohmann::json task_by_id(Database& db, std::int64_t id) {
    auto st = db.prepare(std::string("SELECT ") + kTaskColumns + " FROM tasks t WHERE t.id = ?");
    st.bind(1, id);
    if (!st.step()) return nullptr;
    return task_from_row(st);
}

}  // namespace crm::db
