// The operator dashboard (GET /api/dashboard?days=7|30) and the manual cost entries per
// source that feed its ROI table (GET/POST /api/costs).
#include "api/body_reader.hpp"
#include "api/dashboard.hpp"
#include "api/routes.hpp"
#include "core/app.hpp"
#include "core/audit.hpp"
#include "settings/settings_repo.hpp"
#include "http/errors.hpp"

namespace crm::api {

using namespace crm::http;

namespace {

Response dashboard(App& app, RequestContext& ctx) {
    const auto days_text = ctx.query_param("days").value_or("7");
    if (days_text != "7" && days_text != "30") throw validation({{"days", "7 ou 30"}});
    auto db = app.pool().acquire();
    const auto settings = settings::load_settings(*db);
    return json_response(ctx.req, 200, dashboard_json(*db, app.now(), std::stoi(days_text), settings));
}

constexpr const char* kCostColumns = "id, source, amount_cents, spent_at, note, created_by, created_at";

nlohmann::json cost_json(const db::Statement& st) {
    return {{"id", st.get_int64(0)},
            {"source", st.get_text(1)},
            {"amountCents", st.get_int64(2)},
            {"spentAt", format_iso_utc(st.get_int64(3))},
            {"note", st.get_text(4)},
            {"createdBy", st.is_null(5) ? nlohmann::json(nullptr) : nlohmann::json(st.get_int64(5))},
            {"createdAt", format_iso_utc(st.get_int64(6))}};
}

Response list_costs(App& app, RequestContext& ctx) {
    const auto source = ctx.query_param("source");
    const int limit = ctx.query_int("limit", 500, 1, 5000);
    std::string sql = std::string("SELECT ") + kCostColumns + " FROM costs";
    if (source) sql += " WHERE source = ?1";
    sql += " ORDER BY spent_at DESC, id DESC LIMIT ?2";
    auto db = app.pool().acquire();
    auto st = db->prepare(sql);
    if (source) st.bind(1, *source);
    st.bind(2, limit);
    auto items = nlohmann::json::array();
    std::int64_t total = 0;
    while (st.step()) {
        items.push_back(cost_json(st));
        total += st.get_int64(2);
    }
    return json_response(ctx.req, 200, {{"items", items}, {"totalCents", total}});
}

Response add_cost(App& app, RequestContext& ctx) {
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
    db->prepare("INSERT INTO costs(source, amount_cents, spent_at, note, created_by, created_at) VALUES (?,?,?,?,?,?)")
        .bind_all(*source, *amount, spent.value_or(now), note.value_or(""), ctx.caller().id, now)
        .run();
    const auto id = db->last_insert_id();
    auto st = db->prepare(std::string("SELECT ") + kCostColumns + " FROM costs WHERE id = ?");
    st.bind(1, id);
    st.step();
    auto cost = cost_json(st);
    audit(*db, ctx.caller().id, "cost.create", "cost", id, nullptr, cost, now);
    tx.commit();
    return json_response(ctx.req, 201, cost);
}

}  // namespace

void register_dashboard_routes(Router& router, App& app) {
    router.add(Verb::get, "/api/dashboard", operator_only(), [&app](RequestContext& c) { return dashboard(app, c); });
    router.add(Verb::get, "/api/costs", operator_only(), [&app](RequestContext& c) { return list_costs(app, c); });
    router.add(Verb::post, "/api/costs", operator_only(), [&app](RequestContext& c) { return add_cost(app, c); });
}

}  // namespace crm::api
