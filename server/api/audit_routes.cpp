// The audit log (who changed what, when, before/after) and the operator's notifications.
#include "api/body_reader.hpp"
#include "api/routes.hpp"
#include "core/app.hpp"
#include "db/iso_json.hpp"
#include "http/errors.hpp"

namespace crm::api {

using namespace crm::http;

namespace {

nlohmann::json parse_or_null(const std::optional<std::string>& s) {
    if (!s) return nullptr;
    auto j = nlohmann::json::parse(*s, nullptr, false);
    return j.is_discarded() ? nlohmann::json(nullptr) : j;
}

Response list_audit(App& app, RequestContext& ctx) {
    const auto entity = ctx.query_param("entity");
    const int limit = ctx.query_int("limit", 100, 1, 1000);
    std::string sql =
        "SELECT a.id, a.user_id, COALESCE(u.display_name, 'système'), a.action, a.entity, a.entity_id, a.before_json, "
        "a.after_json, a.at FROM audit_log a LEFT JOIN users u ON u.id = a.user_id WHERE 1=1";
    if (entity) sql += " AND a.entity = ?1";
    if (ctx.query_param("entityId")) sql += " AND a.entity_id = ?2";
    sql += " ORDER BY a.at DESC, a.id DESC LIMIT ?3";
    auto db = app.pool().acquire();
    auto st = db->prepare(sql);
    if (entity) st.bind(1, *entity);
    if (ctx.query_param("entityId")) st.bind(2, ctx.query_int("entityId", 0, 1, INT32_MAX));
    st.bind(3, limit);
    auto items = nlohmann::json::array();
    while (st.step())
        items.push_back({{"id", st.get_int64(0)},
                         {"userId", st.is_null(1) ? nlohmann::json(nullptr) : nlohmann::json(st.get_int64(1))},
                         {"userName", st.get_text(2)},
                         {"action", st.get_text(3)},
                         {"entity", st.get_text(4)},
                         {"entityId", st.is_null(5) ? nlohmann::json(nullptr) : nlohmann::json(st.get_int64(5))},
                         {"before", parse_or_null(st.get_opt_text(6))},
                         {"after", parse_or_null(st.get_opt_text(7))},
                         {"at", format_iso_utc(st.get_int64(8))}});
    return json_response(ctx.req, 200, {{"items", items}});
}

Response list_notifications(App& app, RequestContext& ctx) {
    const bool all = ctx.query_param("all").value_or("") == "1";
    auto db = app.pool().acquire();
    auto st = db->prepare(std::string("SELECT id, kind, lead_id, delivery_id, message, actions, created_at, read_at, "
                                      "resolved_at FROM notifications") +
                          (all ? "" : " WHERE resolved_at IS NULL") + " ORDER BY created_at DESC, id DESC LIMIT 200");
    auto items = nlohmann::json::array();
    while (st.step())
        items.push_back({{"id", st.get_int64(0)},
                         {"kind", st.get_text(1)},
                         {"leadId", st.is_null(2) ? nlohmann::json(nullptr) : nlohmann::json(st.get_int64(2))},
                         {"deliveryId", st.is_null(3) ? nlohmann::json(nullptr) : nlohmann::json(st.get_int64(3))},
                         {"message", st.get_text(4)},
                         {"actions", parse_or_null(st.get_text(5))},
                         {"createdAt", format_iso_utc(st.get_int64(6))},
                         {"readAt", db::iso_or_null(st.get_opt_int64(7))},
                         {"resolvedAt", db::iso_or_null(st.get_opt_int64(8))}});
    return json_response(ctx.req, 200, {{"items", items}});
}

Response resolve_notification(App& app, RequestContext& ctx) {
    auto db = app.pool().acquire();
    db->prepare(
          "UPDATE notifications SET resolved_at = COALESCE(resolved_at, ?), read_at = COALESCE(read_at, ?) WHERE id = "
          "?")
        .bind_all(app.now(), app.now(), ctx.id_param())
        .run();
    if (db->changes() == 0) throw not_found("Notification introuvable.");
    return no_content(ctx.req);
}

}  // namespace

void register_audit_routes(Router& router, App& app) {
    router.add(Verb::get, "/api/audit", operator_only(), [&app](RequestContext& c) { return list_audit(app, c); });
    router.add(Verb::get, "/api/notifications", operator_only(),
               [&app](RequestContext& c) { return list_notifications(app, c); });
    router.add(Verb::post, "/api/notifications/{id}/resolve", operator_only(),
               [&app](RequestContext& c) { return resolve_notification(app, c); });
}

}  // namespace crm::api
