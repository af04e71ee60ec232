// Follow-ups ("À rappeler"): the open list, done and snooze. A follow-up's time is also its
// lead's next_action_at (the queue raises a lead whose follow-up is due), so every change here
// moves the lead's date in the same transaction. Creating one is POST /api/leads/{id}/tasks
// (lead_actions_routes.cpp); recording an outcome completes them (queue_routes.cpp).
#include "api/body_reader.hpp"
#include "audit/audit_repo.hpp"
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

constexpr std::int64_t kMaxSnoozeSeconds = 366LL * 86400;

// Follow-up tasks not done yet: ?due=today (due before the end of today, Paris time: overdue
// ones included), ?due=overdue, or all open ones; ?leadId= narrows to one lead.
Response list_tasks(Services& app, RequestContext& ctx) {
    const auto due = ctx.query_param("due").value_or("");
    if (!due.empty() && due != "today" && due != "overdue") throw validation({{"due", "today ou overdue"}});
    const auto now = app.now();
    const std::int64_t limit_at = due == "today"     ? domain::paris_day_start(domain::paris_day_start(now) + 26 * 3600)
                                  : due == "overdue" ? now
                                                     : INT64_MAX;
    const int lead = ctx.query_int("leadId", 0, 0, INT32_MAX);
    auto db = app.pool().acquire();
    return json_response(ctx.req, 200, {{"items", open_follow_ups(*db, limit_at, lead, now)}});
}

FollowUpState require_task(db::Database& db, std::int64_t id) {
    auto task = follow_up_state(db, id);
    if (!task) throw not_found("Relance introuvable.");
    return *task;
}

// The task as GET /api/tasks shows it, with its lead as it now is (its date moved): the
// console ranks the lead from this answer.
Response task_answer(RequestContext& ctx, db::Database& db, std::int64_t task_id, std::int64_t lead_id,
                     std::int64_t now) {
    auto j = task_by_id(db, task_id);
    j["lead"] = nlohmann::json(require_lead(db, lead_id, now));
    return json_response(ctx.req, 200, j);
}

// Done: the follow-up happened (by phone elsewhere, by mail...). Doing it twice is not an
// error: the first time stays (an offline replay after an outcome already completed it).
Response mark_done(Services& app, RequestContext& ctx) {
    const auto id = ctx.id_param();
    const auto now = app.now();
    auto db = app.pool().acquire();
    db::Transaction tx(*db);
    const auto task = require_task(*db, id);
    if (!task.done) {
        mark_follow_up_done(*db, id, now);
        refresh_next_action(*db, task.lead_id, now);
        audit(*db, ctx.caller().id, "task.done", "lead", task.lead_id, nullptr, {{"taskId", id}}, now);
    }
    tx.commit();
    return task_answer(ctx, *db, id, task.lead_id, now);
}

// Snooze: the follow-up moves to `dueAt` (the console offers +1 h, tomorrow 10:00, J+2).
Response snooze(Services& app, RequestContext& ctx) {
    const auto body = ctx.json_body();
    api::BodyReader in(body);
    const auto text = in.text("dueAt", true, 40);
    const auto due = text ? domain::parse_iso_utc(*text) : std::nullopt;
    const auto now = app.now();
    if (text && !due) in.invalid("dueAt", "date ISO 8601 UTC attendue (2026-11-23T21:00:00Z)");
    if (due && *due <= now) in.invalid("dueAt", "doit être dans le futur");
    if (due && *due > now + kMaxSnoozeSeconds) in.invalid("dueAt", "un an au plus");
    in.finish();
    const auto id = ctx.id_param();
    auto db = app.pool().acquire();
    db::Transaction tx(*db);
    const auto task = require_task(*db, id);
    if (task.done) throw conflict("conflict", "Cette relance est déjà faite.");
    move_follow_up(*db, id, *due);
    refresh_next_action(*db, task.lead_id, now);
    audit(*db, ctx.caller().id, "task.snooze", "lead", task.lead_id, {{"dueAt", format_iso_utc(task.due_at)}},
          {{"taskId", id}, {"dueAt", format_iso_utc(*due)}}, now);
    tx.commit();
    return task_answer(ctx, *db, id, task.lead_id, now);
}

}  // namespace

void register_tasks_routes(Router& router, Services& app) {
    router.add(Verb::get, "/api/tasks", operator_only(), [&app](RequestContext& c) { return list_tasks(app, c); });
    router.add(Verb::post, "/api/tasks/{id}/done", operator_only(),
               [&app](RequestContext& c) { return mark_done(app, c); });
    router.add(Verb::post, "/api/tasks/{id}/snooze", operator_only(),
               [&app](RequestContext& c) { return snooze(app, c); });
}

}  // namespace crm::leads
