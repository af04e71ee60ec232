#include "sync/sync_repo.hpp"

#include <string>
#include <vector>

#include "crm/domain/json.hpp"
#include "leads/leads_repo.hpp"
#include "leads/tasks_repo.hpp"

namespace crm::sync {

namespace {

// The ids of one kind whose newest change is in (?1, ?2]. `entity || ''` keeps SQLite on the
// sequence range (the rowid) instead of the entity index, which holds every entity of a kind.
constexpr const char* kChangedIds =
    "(SELECT entity_id FROM change_log WHERE seq > ?1 AND seq <= ?2 AND entity || '' = ?3)";

// `select_from` reads one kind of rows under table alias `alias`; only the changed ones are kept.
db::Statement changed_rows(db::Database& db, const std::string& select_from, const std::string& alias,
                           const char* entity, std::int64_t since, std::int64_t cursor) {
    auto st = db.prepare(select_from + " WHERE " + alias + ".id IN " + kChangedIds + " ORDER BY " + alias + ".id");
    st.bind_all(since, cursor, entity);
    return st;
}

// Interactions and tasks: each row maps to its JSON on its own.
nlohmann::json changed_items(db::Database& db, const std::string& select_from, const std::string& alias,
                             const char* entity, std::int64_t since, std::int64_t cursor,
                             nlohmann::json (*to_json)(const db::Statement&)) {
    auto st = changed_rows(db, select_from, alias, entity, since, cursor);
    auto out = nlohmann::json::array();
    while (st.step()) out.push_back(to_json(st));
    return out;
}

}  // namespace

std::int64_t newest_change(db::Database& db) {
    auto st = db.prepare("SELECT COALESCE(MAX(seq), 0) FROM change_log");
    st.step();
    return st.get_int64(0);
}

std::int64_t lead_total(db::Database& db) {
    auto st = db.prepare("SELECT COUNT(*) FROM leads");
    st.step();
    return st.get_int64(0);
}

std::vector<Change> changes_after(db::Database& db, std::int64_t since, std::int64_t limit) {
    auto st = db.prepare("SELECT entity, entity_id FROM change_log WHERE seq > ?1 ORDER BY seq LIMIT ?2");
    st.bind_all(since, limit);
    std::vector<Change> out;
    while (st.step()) out.push_back({st.get_text(0), st.get_int64(1)});
    return out;
}

ChangePage change_page(db::Database& db, std::int64_t since, std::int64_t limit) {
    ChangePage page{since, false};
    auto st = db.prepare("SELECT seq FROM change_log WHERE seq > ?1 ORDER BY seq LIMIT ?2");
    st.bind_all(since, limit + 1);
    for (std::int64_t n = 0; st.step(); ++n) {
        if (n == limit) {
            page.more = true;
            break;
        }
        page.cursor = st.get_int64(0);
    }
    return page;
}

std::vector<domain::Lead> changed_leads(db::Database& db, std::int64_t since, std::int64_t cursor, std::int64_t now) {
    auto st =
        changed_rows(db, std::string("SELECT ") + leads::kLeadColumns + " FROM leads l", "l", "lead", since, cursor);
    std::vector<domain::Lead> leads;
    while (st.step()) leads.push_back(leads::lead_from_row(st));
    leads::load_lead_extras(db, leads, now);  // the same scoring inputs as GET /api/leads
    return leads;
}

nlohmann::json changed_interactions(db::Database& db, std::int64_t since, std::int64_t cursor) {
    return changed_items(db, std::string("SELECT ") + leads::kInteractionColumns, "i", "interaction", since, cursor,
                         leads::interaction_from_row);
}

nlohmann::json changed_tasks(db::Database& db, std::int64_t since, std::int64_t cursor) {
    return changed_items(db, std::string("SELECT ") + leads::kTaskColumns + " FROM tasks t", "t", "task", since, cursor,
                         leads::task_from_row);
}

nlohmann::json deleted_ids(db::Database& db, std::int64_t since, std::int64_t cursor) {
    nlohmann::json out = {{"leads", nlohmann::json::array()},
                          {"interactions", nlohmann::json::array()},
                          {"tasks", nlohmann::json::array()}};
    auto st = db.prepare(
        "SELECT c.entity, c.entity_id FROM change_log c WHERE c.seq > ?1 AND c.seq <= ?2 AND CASE c.entity "
        "WHEN 'lead' THEN NOT EXISTS (SELECT 1 FROM leads WHERE id = c.entity_id) "
        "WHEN 'interaction' THEN NOT EXISTS (SELECT 1 FROM interactions WHERE id = c.entity_id) "
        "WHEN 'task' THEN NOT EXISTS (SELECT 1 FROM tasks WHERE id = c.entity_id) ELSE FALSE END "
        "ORDER BY c.entity_id");
    st.bind_all(since, cursor);
    while (st.step()) out[st.get_text(0) + "s"].push_back(st.get_int64(1));  // lead -> leads
    return out;
}

}  // namespace crm::sync
