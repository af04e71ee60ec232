// GET /api/notifications (unresolved, or all with ?all=1) and POST /api/notifications/{id}/resolve.
#include "core/services.hpp"
#include "http/errors.hpp"
#include "notifications/notifications_repo.hpp"
#include "notifications/routes.hpp"

namespace crm::notifications {

using namespace crm::http;

namespace {

Response list(Services& app, RequestContext& ctx) {
    const bool all = ctx.query_param("all").value_or("") == "1";
    auto db = app.pool().acquire();
    return json_response(ctx.req, 200, {{"items", list_notifications(*db, all)}});
}

Response resolve(Services& app, RequestContext& ctx) {
    auto db = app.pool().acquire();
    if (!resolve_notification(*db, ctx.id_param(), app.now())) throw not_found("Notification introuvable.");
    return no_content(ctx.req);
}

}  // namespace

void register_notifications_routes(Router& router, Services& app) {
    router.add(Verb::get, "/api/notifications", operator_only(), [&app](RequestContext& c) { return list(app, c); });
    router.add(Verb::post, "/api/notifications/{id}/resolve", operator_only(),
               [&app](RequestContext& c) { return resolve(app, c); });
}

}  // namespace crm::notifications
