#pragma once
// What the Automations tab shows: rules, jobs, templates and the operator's notifications, as
// the server sent them, and the checks the editors run before saving. The checks call the
// domain library's parsers, so the console refuses exactly what the server would (422).
#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "crm/domain/time.hpp"

namespace crm::console {

struct RuleRow {
    std::int64_t id = 0;
    std::string name, trigger, action;
    bool enabled = true;
};

struct JobRow {
    std::int64_t id = 0;
    std::optional<std::int64_t> lead_id;
    std::string kind, status, last_error;
    int attempts = 0;
    domain::UnixTime due_at = 0;
    std::optional<domain::UnixTime> sent_at, completed_at;
};

struct TemplateRow {
    std::string name, channel, body, subject;
    bool transactional = false;
};

struct NotificationRow {
    std::int64_t id = 0;
    std::string kind, message;
    std::optional<std::int64_t> lead_id, delivery_id;
    std::vector<std::string> actions;  // "reassign", "refund"
    domain::UnixTime created_at = 0;
};

// The job list's status filter: "" shows every job.
extern const char* const kJobStatuses[];  // pending, running, done, failed, cancelled
const char* job_status_label_fr(const std::string& status);
const char* job_kind_label_fr(const std::string& kind);

class AutomationsModel {
public:
    // Each setter takes the API's `{items: [...]}` answer; malformed items are skipped.
    void set_rules(const nlohmann::json& answer);
    void set_jobs(const nlohmann::json& answer);
    void set_templates(const nlohmann::json& answer);
    void set_notifications(const nlohmann::json& answer);
    void upsert_rule(const RuleRow& r);
    void remove_rule(std::int64_t id);
    void upsert_job(const JobRow& j);
    void upsert_template(const TemplateRow& t);
    void remove_notification(std::int64_t id);

    const std::vector<RuleRow>& rules() const { return rules_; }
    const std::vector<JobRow>& jobs() const { return jobs_; }
    const std::vector<TemplateRow>& templates() const { return templates_; }
    const std::vector<NotificationRow>& notifications() const { return notifications_; }
    const TemplateRow* find_template(const std::string& name) const;
    bool loaded() const { return loaded_; }

    std::string job_filter;  // a status, or "" for all (sent to the server as ?status=)

    nlohmann::json snapshot() const;  // for the test hook

private:
    std::vector<RuleRow> rules_;
    std::vector<JobRow> jobs_;
    std::vector<TemplateRow> templates_;
    std::vector<NotificationRow> notifications_;
    bool loaded_ = false;
};

RuleRow rule_from_json(const nlohmann::json& j);
JobRow job_from_json(const nlohmann::json& j);
TemplateRow template_from_json(const nlohmann::json& j);

// "" when the rule would be accepted, else the reason (the domain parser's message).
std::string rule_error(const std::string& trigger, const std::string& action);
// "" when the template would be accepted: no unknown merge tag, and a marketing SMS says STOP.
std::string template_error(const TemplateRow& t, const std::string& body);
// The body merged with sample values, as a lead would read it ("Bonjour Camille, …").
std::string template_preview(const std::string& body);

}  // namespace crm::console
