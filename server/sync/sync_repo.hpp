#pragma once
// Every SQL statement of the console's offline copy: change_log (migration 008, kept by
// triggers) holds each entity's newest sequence number; a page is the changes in
// (since, cursor], read inside the caller's snapshot so the cursor and the data agree.
#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "crm/domain/lead.hpp"
#include "db/database.hpp"

namespace crm::sync {

// The newest sequence number, 0 before any change.
std::int64_t newest_change(db::Database& db);
// How many leads the book holds (a first sync's progress, and the room the console sets aside).
std::int64_t lead_total(db::Database& db);

// What changed after `since`, oldest first, at most `limit` (each entity once: the log keeps
// an entity's newest change only).
struct Change {
    std::string entity;  // lead, interaction, task, settings
    std::int64_t id = 0;
};
std::vector<Change> changes_after(db::Database& db, std::int64_t since, std::int64_t limit);

// The page after `since`: it ends at the limit-th change (`cursor`, `since` when none), and
// `more` says whether changes remain past it.
struct ChangePage {
    std::int64_t cursor = 0;
    bool more = false;
};
ChangePage change_page(db::Database& db, std::int64_t since, std::int64_t limit);

// The rows changed in (since, cursor] that still exist, by id, as the API shows them (leads
// with the same scoring inputs as GET /api/leads).
std::vector<domain::Lead> changed_leads(db::Database& db, std::int64_t since, std::int64_t cursor, std::int64_t now);
nlohmann::json changed_interactions(db::Database& db, std::int64_t since, std::int64_t cursor);
nlohmann::json changed_tasks(db::Database& db, std::int64_t since, std::int64_t cursor);
// {leads, interactions, tasks}: the ids changed in the range whose row is gone (deleted,
// merged away, cascaded with their lead).
nlohmann::json deleted_ids(db::Database& db, std::int64_t since, std::int64_t cursor);

}  // namespace crm::sync
