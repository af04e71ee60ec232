// GET /api/sync: what the offline console keeps (leads, interactions, tasks, settings) that
// changed after the client's cursor. change_log (migration 008, kept by triggers) holds each
// entity's newest sequence number; everything is read in one snapshot, so the cursor and the
// data agree.
#include "core/services.hpp"
#include "crm/domain/json.hpp"
#include "crm/domain/lead_json_writer.hpp"
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

// The page's text, keys in the sorted order nlohmann wrote before. Each lead is written
// straight to text: a full sync of 100,000 leads spent most of its time building and freeing a
// JSON tree per lead (docs/PERFORMANCE.md).
struct SyncPage {
    std::int64_t cursor = 0, lead_total = 0;
    bool more = false, full = false;
    nlohmann::json deleted, interactions, settings, tasks;
    std::vector<domain::Lead> leads;
    std::string server_time;
};

std::string page_text(const SyncPage& p) {
    using domain::json_text;
    std::string out;
    out.reserve(p.leads.size() * 800 + 4096);
    out += "{\"cursor\":" + std::to_string(p.cursor) + ",\"deleted\":" + json_text(p.deleted) +
           ",\"full\":" + (p.full ? "true" : "false") + ",\"interactions\":" + json_text(p.interactions) +
           ",\"leadTotal\":" + std::to_string(p.lead_total) + ",\"leads\":[";
    for (std::size_t i = 0; i < p.leads.size(); ++i) {
        if (i) out += ',';
        domain::append_lead_json(out, p.leads[i]);
    }
    out += "],\"more\":" + std::string(p.more ? "true" : "false") + ",\"serverTime\":" + json_text(p.server_time) +
           ",\"settings\":" + json_text(p.settings) + ",\"tasks\":" + json_text(p.tasks) + "}";
    return out;
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
    SyncPage page;
    page.cursor = cursor;
    page.more = more;
    page.full = full;
    page.lead_total = lead_total(*db);
    page.leads = changed_leads(*db, since, cursor, now);
    page.interactions = changed_interactions(*db, since, cursor);
    page.tasks = changed_tasks(*db, since, cursor);
    page.settings = settings::load_settings(*db);
    page.deleted = deleted_ids(*db, since, cursor);
    page.server_time = format_iso_utc(now);
    return json_text_response(ctx.req, 200, page_text(page));
}

}  // namespace

void register_sync_routes(Router& router, Services& app) {
    router.add(Verb::get, "/api/sync", operator_only(), [&app](RequestContext& c) { return sync(app, c); });
}

}  // namespace crm::sync
