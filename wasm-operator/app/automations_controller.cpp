#include "app/automations_controller.hpp"

namespace crm::console {

void AutomationsController::load() {
    messages_.load_integrations();
    api_.get("/api/rules", [this](const ApiResult& r) {
        if (r.ok())
            model_.set_rules(r.json());
        else
            message = "Règles : " + r.error_message();
    });
    api_.get("/api/templates", [this](const ApiResult& r) {
        if (r.ok()) model_.set_templates(r.json());
    });
    load_notifications();
    load_jobs();
    hooks_.load_agents();
}

void AutomationsController::load_notifications() {
    api_.get("/api/notifications", [this](const ApiResult& r) {
        if (r.ok()) model_.set_notifications(r.json());
    });
}

void AutomationsController::load_jobs() {
    const auto& filter = model_.job_filter;
    api_.get("/api/jobs?limit=500" + (filter.empty() ? std::string() : "&status=" + filter),
             [this, filter](const ApiResult& r) {
                 if (filter != model_.job_filter) return;  // the filter changed meanwhile
                 if (r.ok())
                     model_.set_jobs(r.json());
                 else
                     message = "Jobs : " + r.error_message();
             });
}

void AutomationsController::set_rule_enabled(std::int64_t id, bool enabled) {
    api_.patch("/api/rules/" + std::to_string(id), {{"enabled", enabled}}, [this, enabled](const ApiResult& r) {
        if (!r.ok()) {
            message = "Règle : échec — " + r.error_message();
            return;
        }
        const auto rule = rule_from_json(r.json());
        model_.upsert_rule(rule);
        hooks_.rules_changed();
        message = "« " + rule.name + " » " + (enabled ? "activée." : "désactivée.");
    });
}

void AutomationsController::save_rule(std::int64_t id, const std::string& name, const std::string& trigger,
                                      const std::string& action) {
    api_.patch("/api/rules/" + std::to_string(id), {{"name", name}, {"trigger", trigger}, {"action", action}},
               [this](const ApiResult& r) { after_rule_answer(r, "enregistrée"); });
}

void AutomationsController::create_rule(const std::string& name, const std::string& trigger,
                                        const std::string& action) {
    api_.post("/api/rules", {{"name", name}, {"trigger", trigger}, {"action", action}},
              [this](const ApiResult& r) { after_rule_answer(r, "créée"); });
}

// A rule saved or created: shown as the server has it, and kept for outcomes recorded offline.
void AutomationsController::after_rule_answer(const ApiResult& r, const std::string& done) {
    if (!r.ok()) {
        message = "Règle refusée : " + r.error_with_fields();
        return;
    }
    const auto rule = rule_from_json(r.json());
    model_.upsert_rule(rule);
    hooks_.rules_changed();
    message = "Règle « " + rule.name + " » " + done + ".";
}

void AutomationsController::delete_rule(std::int64_t id) {
    api_.del("/api/rules/" + std::to_string(id), [this, id](const ApiResult& r) {
        if (!r.ok()) {
            message = "Suppression : échec — " + r.error_message();
            return;
        }
        model_.remove_rule(id);
        hooks_.rules_changed();
        message = "Règle supprimée.";
    });
}

void AutomationsController::retry_job(std::int64_t id) {
    api_.post("/api/jobs/" + std::to_string(id) + "/retry", nlohmann::json::object(), [this, id](const ApiResult& r) {
        if (!r.ok()) {
            message = "Relance du job : échec — " + r.error_message();
            return;
        }
        model_.upsert_job(job_from_json(r.json()));
        message = "Job " + std::to_string(id) + " relancé : il part au prochain passage.";
    });
}

void AutomationsController::run_due_now() {
    api_.post("/api/jobs/run-due", nlohmann::json::object(), [this](const ApiResult& r) {
        message = r.ok() ? std::to_string(r.json().value("processed", 0)) + " job(s) traité(s)."
                         : "Passage : échec — " + r.error_message();
        load_jobs();
        load_notifications();
    });
}

void AutomationsController::save_template(const std::string& name, const std::string& body) {
    api_.put("/api/templates/" + name, {{"body", body}}, [this, name](const ApiResult& r) {
        if (!r.ok()) {
            message = "Modèle refusé : " + r.error_with_fields();
            return;
        }
        const auto t = template_from_json(r.json());
        model_.upsert_template(t);
        hooks_.template_saved(t.name, t.body);  // the SMS dialog of the queue uses the new text at once
        message = "Modèle « " + name + " » enregistré.";
    });
}

void AutomationsController::resolve_notification(std::int64_t id) {
    api_.post("/api/notifications/" + std::to_string(id) + "/resolve", nlohmann::json::object(),
              [this, id](const ApiResult& r) {
                  if (!r.ok()) {
                      message = "Notification : échec — " + r.error_message();
                      return;
                  }
                  model_.remove_notification(id);
                  message = "Notification traitée.";
              });
}

}  // namespace crm::console
