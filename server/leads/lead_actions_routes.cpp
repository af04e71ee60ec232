// Operator actions on one lead besides calling: stage moves (the pipeline's drag and drop),
// follow-up tasks and appointments. Every change is audited.
#include "api/body_reader.hpp"
#include "auth/passwords.hpp"
#include "automation/job_queue.hpp"
#include "core/app.hpp"
#include "core/audit.hpp"
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

Response move_stage(App& app, RequestContext& ctx) {
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
        db->prepare("UPDATE leads SET stage = ?, updated_at = ? WHERE id = ?").bind_all(*stage, now, id).run();
        audit(*db, ctx.caller().id, "lead.stage", "lead", id, {{"stage", domain::to_string(before.stage)}},
              {{"stage", *stage}}, now);
    }
    tx.commit();
    return json_response(ctx.req, 200, nlohmann::json(require_lead(*db, id, now)));
}

Response add_task(App& app, RequestContext& ctx) {
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
    db->prepare("INSERT INTO tasks(lead_id, due_at, note, created_by, created_at) VALUES (?,?,?,?,?)")
        .bind_all(id, *due, note.value_or(""), ctx.caller().id, now)
        .run();
    const auto task_id = db->last_insert_id();
    db->prepare("UPDATE leads SET next_action_at = ?, updated_at = ? WHERE id = ?").bind_all(*due, now, id).run();
    audit(*db, ctx.caller().id, "task.create", "lead", id, nullptr,
          {{"taskId", task_id}, {"dueAt", format_iso_utc(*due)}}, now);
    tx.commit();
    return json_response(ctx.req, 201, task_by_id(*db, task_id));
}

Response add_appointment(App& app, RequestContext& ctx) {
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
    if (agent) {
        auto st = db->prepare("SELECT COUNT(*) FROM users WHERE id = ? AND role = 'agent'");
        st.bind(1, *agent);
        st.step();
        if (st.get_int(0) == 0) throw validation({{"withAgentId", "agent inconnu"}});
    }
    const std::string uid = auth::random_token(16) + "@lead-crm";
    db->prepare(
          "INSERT INTO appointments(lead_id, start_at, end_at, location, with_agent_id, ics_uid, created_at) "
          "VALUES (?,?,?,?,?,?,?)")
        .bind_all(id, *start, *end, location.value_or(""), agent, uid, now)
        .run();
    const auto appt_id = db->last_insert_id();
    audit(*db, ctx.caller().id, "appointment.create", "lead", id, nullptr, {{"appointmentId", appt_id}}, now);
    tx.commit();
    for (auto& a : lead_appointments(*db, id))
        if (a["id"] == appt_id) return json_response(ctx.req, 201, a);
    throw not_found();
}

Response list_jobs(App& app, RequestContext& ctx) {
    const auto status = ctx.query_param("status").value_or("");
    const auto lead = ctx.query_param("leadId").value_or("");
    const int limit = ctx.query_int("limit", 200, 1, 1000);
    if (!status.empty() && status != "pending" && status != "running" && status != "done" && status != "failed" &&
        status != "cancelled")
        throw validation({{"status", "pending, running, done, failed ou cancelled"}});
    std::string sql = std::string("SELECT ") + automation::kJobColumns + " FROM jobs WHERE 1=1";
    if (!status.empty()) sql += " AND status = ?1";
    if (!lead.empty()) sql += " AND lead_id = ?2";
    sql += " ORDER BY due_at DESC, id DESC LIMIT ?3";
    auto db = app.pool().acquire();
    auto st = db->prepare(sql);
    if (!status.empty()) st.bind(1, status);
    if (!lead.empty()) st.bind(2, ctx.query_int("leadId", 0, 1, INT32_MAX));
    st.bind(3, limit);
    auto items = nlohmann::json::array();
    while (st.step()) items.push_back(automation::job_to_json(st));
    return json_response(ctx.req, 200, {{"items", items}});
}

}  // namespace

void register_lead_actions_routes(Router& router, App& app) {
    router.add(Verb::post, "/api/leads/{id}/stage", operator_only(),
               [&app](RequestContext& c) { return move_stage(app, c); });
    router.add(Verb::post, "/api/leads/{id}/tasks", operator_only(),
               [&app](RequestContext& c) { return add_task(app, c); });
    router.add(Verb::post, "/api/leads/{id}/appointments", operator_only(),
               [&app](RequestContext& c) { return add_appointment(app, c); });
    router.add(Verb::get, "/api/jobs", operator_only(), [&app](RequestContext& c) { return list_jobs(app, c); });
}

}  // namespace crm::leads
