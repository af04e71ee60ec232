// GET /api/audit: who changed what, when, before/after.
#include "api/body_reader.hpp"
#include "audit/audit_repo.hpp"
#include "audit/routes.hpp"
#include "core/services.hpp"
#include "http/errors.hpp"

namespace crm::audit_log {

using namespace crm::http;

namespace {

Response list_audit(Services& app, RequestContext& ctx) {
    EntryFilter filter;
    filter.entity = ctx.query_param("entity");
    filter.limit = ctx.query_int("limit", 100, 1, 1000);
    if (ctx.query_param("entityId")) filter.entity_id = ctx.query_int("entityId", 0, 1, INT32_MAX);
    auto db = app.pool().acquire();
    return json_response(ctx.req, 200, {{"items", list_entries(*db, filter)}});
}

}  // namespace

void register_audit_routes(Router& router, Services& app) {
    router.add(Verb::get, "/api/audit", operator_only(), [&app](RequestContext& c) { return list_audit(app, c); });
}

}  // namespace crm::audit_log
