// GET /api/sync: what the offline console keeps (leads, interactions, tasks, settings) that
// changed after the client's cursor. change_log (migration 008, kept by triggers) holds each
// entity's newest sequence number; everything is read in one snapshot, so the cursor and the
// data agree.
#include "core/app.hpp"
#include "crm/domain/json.hpp"
#include "http/errors.hpp"
#include "leads/leads_repo.hpp"
#include "leads/tasks_repo.hpp"
#include "settings/settings_repo.hpp"
#include "sync/routes.hpp"

namespace crm::sync {

using namespace crm::http;

namespace {

constexpr std::int64_t kDefaultLimit = 2000;
constexpr std::int64_t kMaxLimit = 10000;

// The ids of one kind whose newest change is in (?1, ?2]. `+entity` keeps SQLite on the
// sequence range (the rowid) instead of the entity index, which holds every entity of a kind.
constexpr const char* kChangedIds = "(SELECT entity_id FROM change_log WHERE seq > ?1 AND seq <= ?2 AND +entity = ?3)";

// Absent or empty: the fallback; anything but digits: 400 (a cursor is never negative).
std::int64_t whole_number(const RequestContext& ctx, const char* name, std::int64_t fallback) {
    const auto v = ctx.query_param(name);
    if (!v || v->empty()) return fallback;
    if (v->size() > 18 || v->find_first_not_of("0123456789") != std::string::npos)
        throw bad_request("Le paramètre « " + std::string(name) + " » doit être un entier positif ou nul.");
    return std::stoll(*v);
}

// `select_from` reads one kind of rows under table alias `alias`; only the changed ones are kept.
db::Statement changed(db::Database& db, const std::string& select_from, const std::string& alias, const char* entity,
                      std::int64_t since, std::int64_t cursor) {
    auto st = db.prepare(select_from + " WHERE " + alias + ".id IN " + kChangedIds + " ORDER BY " + alias + ".id");
    st.bind_all(since, cursor, entity);
    return st;
}

nlohmann::json changed_leads(db::Database& db, std::int64_t since, std::int64_t cursor, std::int64_t now) {
    auto st = changed(db, std::string("SELECT ") + leads::kLeadColumns + " FROM leads l", "l", "lead", since, cursor);
    std::vector<domain::Lead> leads;
    while (st.step()) leads.push_back(leads::lead_from_row(st));
    leads::load_lead_extras(db, leads, now);  // the same scoring inputs as GET /api/leads
    return leads;
}

// Interactions and tasks: each row maps to its JSON on its own.
nlohmann::json changed_items(db::Database& db, const std::string& select_from, const std::string& alias,
                             const char* entity, std::int64_t since, std::int64_t cursor,
                             nlohmann::json (*to_json)(const db::Statement&)) {
    auto st = changed(db, select_from, alias, entity, since, cursor);
    auto out = nlohmann::json::array();
    while (st.step()) out.push_back(to_json(st));
    return out;
}

// Entities of the range whose row is gone (deleted, merged away, cascaded with their lead).
nlohmann::json deleted_ids(db::Database& db, std::int64_t since, std::int64_t cursor) {
    nlohmann::json out = {{"leads", nlohmann::json::array()},
                          {"interactions", nlohmann::json::array()},
                          {"tasks", nlohmann::json::array()}};
    auto st = db.prepare(
        "SELECT c.entity, c.entity_id FROM change_log c WHERE c.seq > ?1 AND c.seq <= ?2 AND CASE c.entity "
        "WHEN 'lead' THEN NOT EXISTS (SELECT 1 FROM leads WHERE id = c.entity_id) "
        "WHEN 'interaction' THEN NOT EXISTS (SELECT 1 FROM interactions WHERE id = c.entity_id) "
        "WHEN 'task' THEN NOT EXISTS (SELECT 1 FROM tasks WHERE id = c.entity_id) ELSE 0 END "
        "ORDER BY c.entity_id");
    st.bind_all(since, cursor);
    while (st.step()) out[st.get_text(0) + "s"].push_back(st.get_int64(1));  // lead -> leads
    return out;
}

Response sync(App& app, RequestContext& ctx) {
    std::int64_t since = whole_number(ctx, "since", 0);
    const auto limit = whole_number(ctx, "limit", kDefaultLimit);
    if (limit < 1 || limit > kMaxLimit)
        throw bad_request("Le paramètre « limit » doit être compris entre 1 et " + std::to_string(kMaxLimit) + ".");
    const auto now = app.now();
    auto db = app.pool().acquire();
    db::ReadTransaction snapshot(*db);

    std::int64_t newest = 0;
    {
        auto st = db->prepare("SELECT COALESCE(MAX(seq), 0) FROM change_log");
        st.step();
        newest = st.get_int64(0);
    }
    // A cursor from the future (a database restored from a backup) cannot be trusted: the
    // client starts again from scratch, as on its first sync.
    const bool full = since == 0 || since > newest;
    if (full) since = 0;

    // The page ends at the limit-th change; one more row says whether more remain.
    std::int64_t cursor = since;
    bool more = false;
    {
        auto st = db->prepare("SELECT seq FROM change_log WHERE seq > ?1 ORDER BY seq LIMIT ?2");
        st.bind_all(since, limit + 1);
        for (std::int64_t n = 0; st.step(); ++n) {
            if (n == limit) {
                more = true;
                break;
            }
            cursor = st.get_int64(0);
        }
    }

    const auto interactions = changed_items(*db, std::string("SELECT ") + leads::kInteractionColumns, "i", "interaction",
                                            since, cursor, leads::interaction_from_row);
    const auto tasks = changed_items(*db, std::string("SELECT ") + leads::kTaskColumns + " FROM tasks t", "t", "task",
                                     since, cursor, leads::task_from_row);
    nlohmann::json body = {{"cursor", cursor},
                           {"more", more},
                           {"full", full},
                           {"leads", changed_leads(*db, since, cursor, now)},
                           {"interactions", interactions},
                           {"tasks", tasks},
                           {"settings", nlohmann::json(settings::load_settings(*db))},
                           {"deleted", deleted_ids(*db, since, cursor)},
                           {"serverTime", format_iso_utc(now)}};
    return json_response(ctx.req, 200, body);
}

}  // namespace

void register_sync_routes(Router& router, App& app) {
    router.add(Verb::get, "/api/sync", operator_only(), [&app](RequestContext& c) { return sync(app, c); });
}

}  // namespace crm::sync
