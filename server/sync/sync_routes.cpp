// GET /api/sync: what the offline console keeps (leads, interactions, tasks, settings) that
// changed after the client's cursor. change_log (migration 008, kept by triggers) holds each
// entity's newest sequence number; everything is read in one snapshot, so the cursor and the
// data agree.
#include "core/services.hpp"
#include "crm/domain/json.hpp"
#include "http/errors.hpp"
#include "settings/settings_repo.hpp"
#include "sync/routes.hpp"
#include "sync/sync_repo.hpp"

namespace crm::sync {

using namespace crm::http;

namespace {

constexpr std::int64_t kDefaultLimit = 2000;
constexpr std::int64_t kMaxLimit = 10000;

// Absent or empty: the fallback; anything but digits: 400 (a cursor is never negative).
std::int64_t whole_number(const RequestContext& ctx, const char* name, std::int64_t fallback) {
    const auto v = ctx.query_param(name);
    if (!v || v->empty()) return fallback;
    if (v->size() > 18 || v->find_first_not_of("0123456789") != std::string::npos)
        throw bad_request("Le paramètre « " + std::string(name) + " » doit être un entier positif ou nul.");
    return std::stoll(*v);
}

Response sync(Services& app, RequestContext& ctx) {
    std::int64_t since = whole_number(ctx, "since", 0);
    const auto limit = whole_number(ctx, "limit", kDefaultLimit);
    if (limit < 1 || limit > kMaxLimit)
        throw bad_request("Le paramètre « limit » doit être compris entre 1 et " + std::to_string(kMaxLimit) + ".");
    const auto now = app.now();
    auto db = app.pool().acquire();
    db::ReadTransaction snapshot(*db);

    const auto newest = newest_change(*db);
    // A cursor from the future (a database restored from a backup) cannot be trusted: the
    // client starts again from scratch, as on its first sync.
    const bool full = since == 0 || since > newest;
    if (full) since = 0;

    const auto [cursor, more] = change_page(*db, since, limit);
    nlohmann::json body = {{"cursor", cursor},
                           {"more", more},
                           {"full", full},
                           {"leads", changed_leads(*db, since, cursor, now)},
                           {"interactions", changed_interactions(*db, since, cursor)},
                           {"tasks", changed_tasks(*db, since, cursor)},
                           {"settings", nlohmann::json(settings::load_settings(*db))},
                           {"deleted", deleted_ids(*db, since, cursor)},
                           {"serverTime", format_iso_utc(now)}};
    return json_response(ctx.req, 200, body);
}

}  // namespace

void register_sync_routes(Router& router, Services& app) {
    router.add(Verb::get, "/api/sync", operator_only(), [&app](RequestContext& c) { return sync(app, c); });
}

}  // namespace crm::sync
