#pragma once
// Follow-up tasks as API JSON: {id, leadId, dueAt, note, doneAt, createdAt}, the one shape of
// POST /api/leads/{id}/tasks, GET /api/tasks and GET /api/sync.
#include <cstdint>
#include <nlohmann/json.hpp>

#include "db/database.hpp"

namespace crm::db {

// SELECT list for a task aliased `t`; task_from_row reads it starting at column 0.
extern const char* const kTaskColumns;
nlohmann::json task_from_row(const Statement& st);
nlohmann::json task_by_id(Database& db, std::int64_t id);  // null when there is none

}  // namespace crm::db
