// The audit log (who changed what, when, before/after) and the operator's notifications.
#include "api/body_reader.hpp"
#include "audit/audit_repo.hpp"
#include "audit/routes.hpp"
#include "core/app.hpp"
#include "db/notifications_repo.hpp"
#include "http/errors.hpp"

namespace crm::audit_log {

using namespace crm::http;

namespace {

Response list_audit(App& app, RequestContext& ctx) {
    EntryFilter filter;
    filter.entity = ctx.query_param("entity");
    filter.limit = ctx.query_int("limit", 100, 1, 1000);
    if (ctx.query_param("entityId")) filter.entity_id = ctx.query_int("entityId", 0, 1, INT32_MAX);
    auto db = app.pool().acquire();
    return json_response(ctx.req, 200, {{"items", list_entries(*db, filter)}});
}

Response list_notifications(App& app, RequestContext& ctx) {
    const bool all = ctx.query_param("all").value_or("") == "1";
    auto db = app.pool().acquire();
    return json_response(ctx.req, 200, {{"items", db::list_notifications(*db, all)}});
}

Response resolve_notification(App& app, RequestContext& ctx) {
    auto db = app.pool().acquire();
    if (!db::resolve_notification(*db, ctx.id_param(), app.now())) throw not_found("Notification introuvable.");
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

}  // namespace crm::audit_log
