// The operator dashboard (GET /api/dashboard?days=7|30) and the manual cost entries per
// source that feed its ROI table (GET/POST /api/costs).
#include "api/body_reader.hpp"
#include "audit/audit_repo.hpp"
#include "core/services.hpp"
#include "crm/domain/json.hpp"
#include "dashboard/dashboard.hpp"
#include "dashboard/dashboard_cache.hpp"
#include "dashboard/dashboard_repo.hpp"
#include "dashboard/routes.hpp"
#include "db/database.hpp"
#include "http/errors.hpp"
#include "settings/settings_repo.hpp"

namespace crm::dashboard {

using namespace crm::http;
using api::BodyReader;

namespace {

Response show_dashboard(Services& app, RequestContext& ctx, DashboardCache& cache) {
    const auto days_text = ctx.query_param("days").value_or("7");
    if (days_text != "7" && days_text != "30") throw validation({{"days", "7 ou 30"}});
    const int days = std::stoi(days_text);
    const auto epoch = db::write_epoch();  // before reading: see DashboardCache
    const auto now = app.now();
    const auto compute = [&app, now, days] {
        auto db = app.pool().acquire();
        const auto settings = settings::load_settings(*db);
        return domain::json_text(dashboard_json(*db, now, days, settings));
    };
    // On PostgreSQL another instance may have written: every answer is computed.
    if (app.pool().dialect() != db::Dialect::sqlite) return json_text_response(ctx.req, 200, compute());
    return json_text_response(ctx.req, 200, cache.answer(days, now, epoch, compute));
}

Response list_costs(Services& app, RequestContext& ctx) {
    const auto source = ctx.query_param("source");
    const int limit = ctx.query_int("limit", 500, 1, 5000);
    auto db = app.pool().acquire();
    const auto costs = recent_costs(*db, source, limit);
    return json_response(ctx.req, 200, {{"items", costs.items}, {"totalCents", costs.total_cents}});
}

Response add_cost(Services& app, RequestContext& ctx) {
    const auto body = ctx.json_body();
    BodyReader in(body);
    auto source = in.text("source", true, 50);
    auto amount = in.integer("amountCents", true, 0, 1'000'000'000);
    auto spent_text = in.text("spentAt", false, 40);
    auto note = in.text("note", false, 500);
    if (source && source->empty()) in.invalid("source", "obligatoire");
    std::optional<std::int64_t> spent;
    if (spent_text) {
        spent = parse_iso_utc(*spent_text);
        if (!spent) in.invalid("spentAt", "date ISO 8601 UTC attendue (2026-11-23T21:00:00Z)");
    }
    in.finish();
    const auto now = app.now();
    auto db = app.pool().acquire();
    db::Transaction tx(*db);
    const auto id = insert_cost(*db, {*source, *amount, spent.value_or(now), note.value_or("")}, ctx.caller().id, now);
    const auto cost = *find_cost(*db, id);
    audit(*db, ctx.caller().id, "cost.create", "cost", id, nullptr, cost, now);
    tx.commit();
    return json_response(ctx.req, 201, cost);
}

}  // namespace

void register_dashboard_routes(Router& router, Services& app) {
    // The dashboard kept per second for this server (dashboard/dashboard_cache.hpp).
    auto cache = std::make_shared<DashboardCache>();
    router.add(Verb::get, "/api/dashboard", operator_only(),
               [&app, cache](RequestContext& c) { return show_dashboard(app, c, *cache); });
    router.add(Verb::get, "/api/costs", operator_only(), [&app](RequestContext& c) { return list_costs(app, c); });
    router.add(Verb::post, "/api/costs", operator_only(), [&app](RequestContext& c) { return add_cost(app, c); });
}

}  // namespace crm::dashboard
