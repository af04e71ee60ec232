#include "automation/rule_engine.hpp"

#include "automation/job_queue.hpp"
#include "crm/domain/calling_windows.hpp"
#include "crm/domain/outcomes.hpp"
#include "crm/domain/rules.hpp"

namespace crm::automation {

nlohmann::json apply_trigger(db::Database& db, const std::string& trigger, domain::Lead& lead, const std::string& cause,
                             std::int64_t now, const domain::Settings& settings, nlohmann::json extra_payload) {
    auto jobs = nlohmann::json::array();
    auto rules = db.prepare("SELECT id, action FROM rules WHERE trigger = ? AND enabled = 1 ORDER BY id");
    rules.bind(1, trigger);
    std::vector<std::pair<std::int64_t, std::string>> matching;
    while (rules.step()) matching.emplace_back(rules.get_int64(0), rules.get_text(1));

    for (const auto& [rule_id, action_text] : matching) {
        const auto parsed = domain::parse_actions(action_text);
        if (!parsed.ok()) continue;  // rules are validated when saved; an old bad one is skipped
        int index = 0;
        for (const auto& action : parsed.actions) {
            NewJob job;
            job.rule_id = rule_id;
            job.lead_id = lead.id;
            job.kind = domain::action_name(action.kind);
            job.payload = extra_payload.is_object() ? extra_payload : nlohmann::json::object();
            job.payload["arg"] = action.arg;
            if (action.days) job.payload["days"] = action.days;
            job.due_at = now;
            job.idempotency_key = cause + ":rule" + std::to_string(rule_id) + ":" + std::to_string(index++);
            const bool state_change = !domain::is_outbound(action.kind);
            if (action.kind == domain::ActionKind::schedule_ping) {
                // The lead rests until its ping: out of the queue until then.
                domain::apply_state_action(lead, action, now, settings);
                job.due_at = *lead.next_action_at;
                db.prepare("UPDATE leads SET next_action_at = ? WHERE id = ?").bind_all(job.due_at, lead.id).run();
            }
            const auto id = enqueue(db, job, now);
            if (state_change) {
                // Applied now, in the same transaction as the cause.
                if (action.kind == domain::ActionKind::create_task) {
                    domain::apply_state_action(lead, action, now, settings);  // as the console does offline
                    const auto due = *lead.next_action_at;
                    db.prepare("INSERT INTO tasks(lead_id, due_at, note, created_at) VALUES (?,?,?,?)")
                        .bind_all(lead.id, due, "Relance J+" + std::to_string(action.days), now)
                        .run();
                    db.prepare("UPDATE leads SET next_action_at = ?, updated_at = ? WHERE id = ?")
                        .bind_all(due, now, lead.id)
                        .run();
                } else if (action.kind == domain::ActionKind::set_status) {
                    domain::apply_state_action(lead, action, now, settings);
                    db.prepare("UPDATE leads SET status = ?, updated_at = ? WHERE id = ?")
                        .bind_all(domain::to_string(lead.status), now, lead.id)
                        .run();
                } else if (action.kind == domain::ActionKind::set_stage) {
                    domain::apply_state_action(lead, action, now, settings);
                    db.prepare("UPDATE leads SET stage = ?, updated_at = ? WHERE id = ?")
                        .bind_all(domain::to_string(lead.stage), now, lead.id)
                        .run();
                }
                db.prepare(
                      "UPDATE jobs SET status = 'done', attempts = 1, completed_at = ? WHERE id = ? AND status = "
                      "'pending'")
                    .bind_all(now, id)
                    .run();
            }
            jobs.push_back(find_job_json(db, id));
        }
    }
    return jobs;
}

}  // namespace crm::automation
