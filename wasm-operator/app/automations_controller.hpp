#pragma once
// The Automations tab's actions: rules (toggle, edit, create, delete), jobs (filter, retry, run
// the due ones now), templates and notifications. Turns them into API requests and the answers
// into AutomationsModel; never draws. What other tabs keep in step (the device's copy of the
// rules, the SMS dialog's templates, the agents list) is reached through its hooks.
#include <functional>
#include <string>

#include "api/api_client.hpp"
#include "app/automations_model.hpp"
#include "app/messages_controller.hpp"

namespace crm::console {

struct AutomationsHooks {
    std::function<void()> rules_changed;  // outcomes recorded offline follow the stored rules
    std::function<void(const std::string& name, const std::string& body)> template_saved;
    std::function<void()> load_agents;  // the notifications' reassign list
};

class AutomationsController {
public:
    AutomationsController(AutomationsModel& model, MessagesController& messages, ApiClient& api, AutomationsHooks hooks)
        : model_(model), messages_(messages), api_(api), hooks_(std::move(hooks)) {}

    void load();  // rules, templates, notifications, jobs, agents and the providers
    void load_jobs();
    void load_notifications();
    void set_rule_enabled(std::int64_t id, bool enabled);
    void save_rule(std::int64_t id, const std::string& name, const std::string& trigger, const std::string& action);
    void create_rule(const std::string& name, const std::string& trigger, const std::string& action);
    void delete_rule(std::int64_t id);
    void retry_job(std::int64_t id);
    void run_due_now();
    void save_template(const std::string& name, const std::string& body);
    void resolve_notification(std::int64_t id);
    std::string message;  // the result of the last save / retry, shown in the tab

private:
    void after_rule_answer(const ApiResult& r, const std::string& done);
    AutomationsModel& model_;
    MessagesController& messages_;
    ApiClient& api_;
    AutomationsHooks hooks_;
};

}  // namespace crm::console
