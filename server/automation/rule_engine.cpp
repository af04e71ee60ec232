#include "automation/rule_engine.hpp"

#include "automation/jobs_repo.hpp"
#include "automation/rules_repo.hpp"
#include "crm/domain/calling_windows.hpp"
#include "crm/domain/outcomes.hpp"
#include "crm/domain/rules.hpp"
#include "leads/leads_repo.hpp"
#include "leads/tasks_repo.hpp"

namespace crm::automation {

nlohmann::json apply_trigger(db::Database& db, const std::string& trigger, domain::Lead& lead, const std::string& cause,
                             std::int64_t now, const domain::Settings& settings, nlohmann::json extra_payload) {
    auto jobs = nlohmann::json::array();
    for (const auto& [rule_id, action_text] : enabled_rules(db, trigger)) {
        const auto parsed = domain::parse_actions(action_text);
        if (!parsed.ok()) continue;  // rules are validated when saved; an old bad one is skipped
        int index = 0;
        for (const auto& action : parsed.actions) {
            NewJob job;
            job.rule_id = rule_id;
            job.lead_id = lead.id;
            job.kind = domain::job_kind_of(action.kind);
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
                leads::set_next_action(db, lead.id, job.due_at);
            }
            const auto id = enqueue(db, job, now);
            if (state_change) {
                // Applied now, in the same transaction as the cause.
                if (action.kind == domain::ActionKind::create_task) {
                    domain::apply_state_action(lead, action, now, settings);  // as the console does offline
                    leads::add_follow_up(db, lead.id, *lead.next_action_at, "Relance J+" + std::to_string(action.days),
                                         std::nullopt, now);
                } else if (action.kind == domain::ActionKind::set_status) {
                    domain::apply_state_action(lead, action, now, settings);
                    leads::set_status(db, lead.id, lead.status, now);
                } else if (action.kind == domain::ActionKind::set_stage) {
                    domain::apply_state_action(lead, action, now, settings);
                    leads::set_stage(db, lead.id, lead.stage, now);
                }
                mark_applied(db, id, now);
            }
            jobs.push_back(find_job_json(db, id));
        }
    }
    return jobs;
}

}  // namespace crm::automation
