#include "app/automations_model.hpp"

#include "app/json_read.hpp"

#include <algorithm>

#include "crm/domain/job_kinds.hpp"
#include "crm/domain/rules.hpp"
#include "crm/domain/templates.hpp"

namespace crm::console {

const char* const kJobStatuses[] = {"pending", "running", "done", "failed", "cancelled"};

const char* job_status_label_fr(const std::string& s) {
    if (s == "pending") return "en attente";
    if (s == "running") return "en cours";
    if (s == "done") return "fait";
    if (s == "failed") return "échec";
    if (s == "cancelled") return "annulé";
    return "?";
}

const char* job_kind_label_fr(const std::string& k) {
    const auto kind = domain::parse_job_kind(k);
    if (!kind) return "Autre";
    switch (*kind) {
        case domain::JobKind::send_sms:
            return "SMS";
        case domain::JobKind::send_email:
            return "E-mail";
        case domain::JobKind::create_task:
            return "Relance";
        case domain::JobKind::set_status:
            return "Statut";
        case domain::JobKind::set_stage:
            return "Étape";
        case domain::JobKind::send_ics:
            return "Invitation .ics";
        case domain::JobKind::notify_operator:
            return "Notification";
        case domain::JobKind::request_new_number:
            return "Demande de numéro";
        case domain::JobKind::schedule_ping:
            return "Ping nurturing";
        case domain::JobKind::send_whatsapp:
            return "WhatsApp";
        case domain::JobKind::send_package:
            return "Dossier à l'agent";
        case domain::JobKind::payment_link:
            return "Lien de paiement";
    }
    return "Autre";
}

namespace {

using json_read::opt_id;
using json_read::opt_time;
using json_read::parse_items;
using json_read::text;

template <typename Row, typename Key>
void upsert(std::vector<Row>& rows, const Row& row, Key key) {
    auto it = std::find_if(rows.begin(), rows.end(), [&](const Row& r) { return key(r) == key(row); });
    if (it == rows.end())
        rows.push_back(row);
    else
        *it = row;
}

}  // namespace

RuleRow rule_from_json(const nlohmann::json& j) {
    return {j.at("id").get<std::int64_t>(), text(j, "name"), text(j, "trigger"), text(j, "action"),
            j.value("enabled", true)};
}

JobRow job_from_json(const nlohmann::json& j) {
    JobRow r;
    r.id = j.at("id").get<std::int64_t>();
    r.lead_id = opt_id(j, "leadId");
    r.kind = text(j, "kind");
    r.status = text(j, "status");
    r.last_error = text(j, "lastError");
    r.attempts = j.value("attempts", 0);
    r.due_at = opt_time(j, "dueAt").value_or(0);
    r.sent_at = opt_time(j, "sentAt");
    r.completed_at = opt_time(j, "completedAt");
    return r;
}

TemplateRow template_from_json(const nlohmann::json& j) {
    return {text(j, "name"), text(j, "channel"), text(j, "body"), text(j, "subject"), j.value("transactional", false)};
}

void AutomationsModel::set_rules(const nlohmann::json& answer) {
    rules_ = parse_items<RuleRow>(answer, rule_from_json);
    loaded_ = true;
}

void AutomationsModel::set_jobs(const nlohmann::json& answer) {
    jobs_ = parse_items<JobRow>(answer, job_from_json);
}

void AutomationsModel::set_templates(const nlohmann::json& answer) {
    templates_ = parse_items<TemplateRow>(answer, template_from_json);
}

void AutomationsModel::set_notifications(const nlohmann::json& answer) {
    notifications_ = parse_items<NotificationRow>(answer, [](const nlohmann::json& j) {
        NotificationRow n;
        n.id = j.at("id").get<std::int64_t>();
        n.kind = text(j, "kind");
        n.message = text(j, "message");
        n.lead_id = opt_id(j, "leadId");
        n.delivery_id = opt_id(j, "deliveryId");
        if (j.contains("actions") && j["actions"].is_array())
            for (const auto& a : j["actions"])
                if (a.is_string()) n.actions.push_back(a.get<std::string>());
        n.created_at = opt_time(j, "createdAt").value_or(0);
        return n;
    });
}

void AutomationsModel::remove_rule(std::int64_t id) {
    rules_.erase(std::remove_if(rules_.begin(), rules_.end(), [id](const RuleRow& r) { return r.id == id; }),
                 rules_.end());
}

void AutomationsModel::upsert_rule(const RuleRow& r) {
    upsert(rules_, r, [](const RuleRow& x) { return x.id; });
}

void AutomationsModel::upsert_job(const JobRow& j) {
    // A job that left the filtered status leaves the filtered list.
    if (!job_filter.empty() && j.status != job_filter) {
        jobs_.erase(std::remove_if(jobs_.begin(), jobs_.end(), [&](const JobRow& x) { return x.id == j.id; }),
                    jobs_.end());
        return;
    }
    upsert(jobs_, j, [](const JobRow& x) { return x.id; });
}

void AutomationsModel::upsert_template(const TemplateRow& t) {
    upsert(templates_, t, [](const TemplateRow& x) { return x.name; });
}

void AutomationsModel::remove_notification(std::int64_t id) {
    notifications_.erase(std::remove_if(notifications_.begin(), notifications_.end(),
                                        [id](const NotificationRow& n) { return n.id == id; }),
                         notifications_.end());
}

const TemplateRow* AutomationsModel::find_template(const std::string& name) const {
    for (const auto& t : templates_)
        if (t.name == name) return &t;
    return nullptr;
}

nlohmann::json AutomationsModel::snapshot() const {
    auto rules = nlohmann::json::array();
    for (const auto& r : rules_)
        rules.push_back({{"id", r.id}, {"name", r.name}, {"action", r.action}, {"enabled", r.enabled}});
    auto jobs = nlohmann::json::array();
    for (const auto& j : jobs_) jobs.push_back({{"id", j.id}, {"kind", j.kind}, {"status", j.status}});
    auto templates = nlohmann::json::array();
    for (const auto& t : templates_) templates.push_back({{"name", t.name}, {"body", t.body}});
    auto notifications = nlohmann::json::array();
    for (const auto& n : notifications_)
        notifications.push_back({{"id", n.id}, {"kind", n.kind}, {"actions", n.actions}});
    return {{"loaded", loaded_},       {"rules", rules},         {"jobs", jobs},
            {"jobFilter", job_filter}, {"templates", templates}, {"notifications", notifications}};
}

std::string rule_error(const std::string& trigger, const std::string& action) {
    if (!domain::parse_trigger(trigger))
        return "Déclencheur inconnu : outcome:<issue> ou time:idle_7d | time:no_first_call_24h | "
               "time:appointment_reminder";
    const auto parsed = domain::parse_actions(action);
    return parsed.ok() ? "" : parsed.error;
}

std::string template_error(const TemplateRow& t, const std::string& body) {
    const auto check = domain::check_template(body);
    if (!check.ok()) return "Balise inconnue {" + check.unknown_tags.front() + "}";
    if (t.channel == "sms" && !t.transactional && !domain::mentions_stop(body))
        return "Un SMS marketing doit mentionner STOP (désinscription).";
    return "";
}

std::string template_preview(const std::string& body) {
    const auto merged = domain::merge_template(body, {{"firstName", "Camille"},
                                                      {"city", "Lyon"},
                                                      {"date", "27/11/2026"},
                                                      {"time", "14:30"},
                                                      {"agentName", "Alice Martin"}});
    return merged.ok() ? merged.text : merged.error;
}

}  // namespace crm::console
