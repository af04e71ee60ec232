#include "api/body_reader.hpp"
#include "core/services.hpp"
#include "http/errors.hpp"
#include "system/routes.hpp"
#include "system/system_repo.hpp"

namespace crm::system {

using namespace crm::http;
using api::BodyReader;

void register_system_routes(Router& router, Services& app) {
    router.add(Verb::get, "/healthz", Access::public_route(), [&app](RequestContext& ctx) {
        auto db = app.pool().acquire();
        check_database_answers(*db);
        // readOnly: the handle takes no writes (CRM_DB_READ_ONLY maintenance); reads still answer.
        return json_response(ctx.req, 200,
                             {{"status", "ok"}, {"now", format_iso_utc(app.now())}, {"readOnly", db->read_only()}});
    });

    // Only in test mode: every time rule reads this clock.
    if (app.config().test_clock) {
        router.add(Verb::post, "/api/test/clock", operator_only(), [&app](RequestContext& ctx) {
            auto body = ctx.json_body();
            BodyReader in(body);
            auto now = in.text("now", true, 40);
            in.finish();
            auto t = parse_iso_utc(*now);
            if (!t) throw validation({{"now", "date ISO 8601 UTC attendue (2026-11-23T21:00:00Z)"}});
            app.clock().set(*t);
            return json_response(ctx.req, 200, {{"now", format_iso_utc(app.now())}});
        });
    }
}

}  // namespace crm::system
