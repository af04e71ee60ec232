#pragma once
// Every SQL statement about follow-up tasks. Their API JSON is {id, leadId, dueAt, note, doneAt,
// createdAt}, the one shape of POST /api/leads/{id}/tasks, GET /api/tasks and GET /api/sync.
#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "db/database.hpp"

namespace crm::leads {

// SELECT list for a task aliased `t`; task_from_row reads it starting at column 0.
extern const char* const kTaskColumns;
nlohmann::json task_from_row(const db::Statement& st);
nlohmann::json task_by_id(db::Database& db, std::int64_t id);  // null when there is none

// A call is the follow-up the lead was waiting for: every open follow-up of the lead is marked
// done at `now` (before the outcome's rule plans the next one). Returns how many.
int complete_open_tasks(db::Database& db, std::int64_t lead_id, std::int64_t now);

// A new open follow-up (`created_by` none: made by a rule); its time becomes the lead's next
// action. Returns its id.
std::int64_t add_follow_up(db::Database& db, std::int64_t lead_id, std::int64_t due_at, const std::string& note,
                           std::optional<std::int64_t> created_by, std::int64_t now);
// The open follow-ups due before `due_before` (of every lead, or of `lead_id` when not 0),
// soonest first, 1,000 at most, each with its lead's name and phone and whether it is overdue.
nlohmann::json open_follow_ups(db::Database& db, std::int64_t due_before, std::int64_t lead_id, std::int64_t now);

struct FollowUpState {
    std::int64_t lead_id = 0, due_at = 0;
    bool done = false;
};
std::optional<FollowUpState> follow_up_state(db::Database& db, std::int64_t id);
void mark_follow_up_done(db::Database& db, std::int64_t id, std::int64_t now);
void move_follow_up(db::Database& db, std::int64_t id, std::int64_t due_at);  // snoozed

}  // namespace crm::leads
