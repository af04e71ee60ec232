// Operator actions on one lead besides calling: stage moves (the pipeline's drag and drop),
// follow-up tasks and appointments. Every change is audited.
#include "agents/agents_repo.hpp"
#include "api/body_reader.hpp"
#include "appointments/appointments_repo.hpp"
#include "audit/audit_repo.hpp"
#include "auth/passwords.hpp"
#include "automation/jobs_repo.hpp"
#include "core/services.hpp"
#include "crm/domain/json.hpp"
#include "crm/domain/time.hpp"
#include "http/errors.hpp"
#include "leads/lead_lookup.hpp"
#include "leads/leads_repo.hpp"
#include "leads/routes.hpp"
#include "leads/tasks_repo.hpp"

namespace crm::leads {

using namespace crm::http;

namespace {

std::optional<std::int64_t> read_time(api::BodyReader& in, const nlohmann::json& body, const char* key, bool required) {
    auto text = in.text(key, required, 40);
    if (!text) return std::nullopt;
    auto t = parse_iso_utc(*text);
    if (!t) in.invalid(key, "date ISO 8601 UTC attendue (2026-11-23T21:00:00Z)");
    (void)body;
    return t;
}

Response move_stage(Services& app, RequestContext& ctx) {
    auto body = ctx.json_body();
    api::BodyReader in(body);
    auto stage = in.text("stage", true, 20);
    if (stage && !domain::parse_stage(*stage)) in.invalid("stage", "étape inconnue");
    in.finish();
    auto db = app.pool().acquire();
    const auto now = app.now();
    db::Transaction tx(*db);
    const auto id = ctx.id_param();
    const auto before = require_lead(*db, id, now);
    if (domain::to_string(before.stage) != *stage) {
        set_stage(*db, id, *domain::parse_stage(*stage), now);
        audit(*db, ctx.caller().id, "lead.stage", "lead", id, {{"stage", domain::to_string(before.stage)}},
              {{"stage", *stage}}, now);
    }
    tx.commit();
    return json_response(ctx.req, 200, nlohmann::json(require_lead(*db, id, now)));
}

Response add_task(Services& app, RequestContext& ctx) {
    auto body = ctx.json_body();
    api::BodyReader in(body);
    auto due = read_time(in, body, "dueAt", true);
    auto note = in.text("note", false, 2000);
    in.finish();
    auto db = app.pool().acquire();
    const auto now = app.now();
    db::Transaction tx(*db);
    const auto id = ctx.id_param();
    require_lead(*db, id, now);
    const auto task_id = add_follow_up(*db, id, *due, note.value_or(""), ctx.caller().id, now);
    audit(*db, ctx.caller().id, "task.create", "lead", id, nullptr,
          {{"taskId", task_id}, {"dueAt", format_iso_utc(*due)}}, now);
    tx.commit();
    return json_response(ctx.req, 201, task_by_id(*db, task_id));
}

Response add_appointment(Services& app, RequestContext& ctx) {
    auto body = ctx.json_body();
    api::BodyReader in(body);
    auto start = read_time(in, body, "start", true);
    auto end = read_time(in, body, "end", true);
    auto location = in.text("location", false, 300);
    auto agent = in.integer("withAgentId", false, 1, INT64_MAX);
    if (start && end && *end <= *start) in.invalid("end", "doit être après le début");
    in.finish();
    auto db = app.pool().acquire();
    const auto now = app.now();
    db::Transaction tx(*db);
    const auto id = ctx.id_param();
    require_lead(*db, id, now);
    if (agent && !agents::find_agent(*db, *agent)) throw validation({{"withAgentId", "agent inconnu"}});
    const auto appt_id = appointments::add(
        *db, {id, *start, *end, location.value_or(""), agent, std::nullopt, auth::random_token(16) + "@lead-crm"}, now);
    audit(*db, ctx.caller().id, "appointment.create", "lead", id, nullptr, {{"appointmentId", appt_id}}, now);
    tx.commit();
    for (auto& a : lead_appointments(*db, id))
        if (a["id"] == appt_id) return json_response(ctx.req, 201, a);
    throw not_found();
}

Response list_jobs(Services& app, RequestContext& ctx) {
    const auto status = ctx.query_param("status").value_or("");
    const auto lead = ctx.query_param("leadId").value_or("");
    const int limit = ctx.query_int("limit", 200, 1, 1000);
    if (!status.empty() && status != "pending" && status != "running" && status != "done" && status != "failed" &&
        status != "cancelled")
        throw validation({{"status", "pending, running, done, failed ou cancelled"}});
    const auto lead_id =
        lead.empty() ? std::nullopt : std::optional<std::int64_t>(ctx.query_int("leadId", 0, 1, INT32_MAX));
    auto db = app.pool().acquire();
    const auto items = automation::list_jobs(*db, status, lead_id, limit);
    return json_response(ctx.req, 200, {{"items", items}});
}

}  // namespace

void register_lead_actions_routes(Router& router, Services& app) {
    router.add(Verb::post, "/api/leads/{id}/stage", operator_only(),
               [&app](RequestContext& c) { return move_stage(app, c); });
    router.add(Verb::post, "/api/leads/{id}/tasks", operator_only(),
               [&app](RequestContext& c) { return add_task(app, c); });
    router.add(Verb::post, "/api/leads/{id}/appointments", operator_only(),
               [&app](RequestContext& c) { return add_appointment(app, c); });
    router.add(Verb::get, "/api/jobs", operator_only(), [&app](RequestContext& c) { return list_jobs(app, c); });
}

}  // namespace crm::leads
