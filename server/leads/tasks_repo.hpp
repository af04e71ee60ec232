#pragma once
// Follow-up tasks as API JSON: {id, leadId, dueAt, note, doneAt, createdAt}, the one shape of
// POST /api/leads/{id}/tasks, GET /api/tasks and GET /api/sync.
#include <cstdint>
#include <nlohmann/json.hpp>

#include "db/database.hpp"

namespace crm::leads {

// SELECT list for a task aliased `t`; task_from_row reads it starting at column 0.
extern const char* const kTaskColumns;
nlohmann::json task_from_row(const db::Statement& st);
nlohmann::json task_by_id(db::Database& db, std::int64_t id);  // null when there is none

// A call is the follow-up the lead was waiting for: every open follow-up of the lead is marked
// done at `now` (before the outcome's rule plans the next one). Returns how many.
int complete_open_tasks(db::Database& db, std::int64_t lead_id, std::int64_t now);
// The lead's next_action_at after its follow-ups changed (done, snoozed): the earliest open
// follow-up or pending nurture ping, none without either.
void refresh_next_action(db::Database& db, std::int64_t lead_id, std::int64_t now);

}  // namespace crm::leads
