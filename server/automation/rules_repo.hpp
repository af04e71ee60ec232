#pragma once
// Every SQL statement about automation rules and message templates: the operator's lists and
// edits, and the template a message job merges.
#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "db/database.hpp"

namespace crm::automation {

// --- Rules: a trigger and the actions it runs (text checked by domain::parse_actions).

// GET /api/rules' items, by id: id, name, trigger, action, actions, enabled, createdAt.
nlohmann::json list_rules(db::Database& db);
std::optional<nlohmann::json> find_rule(db::Database& db, std::int64_t id);

struct RuleFields {
    std::optional<std::string> name, trigger, action;
    std::optional<bool> enabled;
};
// All of name, trigger and action given; enabled by default. Returns its id.
std::int64_t insert_rule(db::Database& db, const RuleFields& r, std::int64_t now);
// The fields given replace the stored ones; the others keep theirs.
void update_rule(db::Database& db, std::int64_t id, const RuleFields& r);
void delete_rule(db::Database& db, std::int64_t id);

// The leads `time:idle_7d` fires on: active or follow_up, at stage new, contacted or qualified,
// neither DNC nor a bad number, untouched since `untouched_since` and nothing planned after it.
// Their ids and last touch (their creation when never touched). A leads statement: it moves to
// the leads' repository with them (server/leads/).
struct IdleLead {
    std::int64_t lead_id = 0, last_touch_at = 0;
};
std::vector<IdleLead> idle_leads(db::Database& db, std::int64_t untouched_since);

// --- Templates, by name.

// GET /api/templates' items, by name: name, channel, body, subject, transactional, updatedAt.
nlohmann::json list_templates(db::Database& db);
std::optional<nlohmann::json> find_template_json(db::Database& db, const std::string& name);

struct Template {
    std::string channel, body, subject;  // subject: empty when none
    bool transactional = false;
};
std::optional<Template> find_template(db::Database& db, const std::string& name);
// Creates or replaces it; a missing subject keeps the stored one.
void save_template(db::Database& db, const std::string& name, const std::string& channel, const std::string& body,
                   const std::optional<std::string>& subject, bool transactional, std::int64_t now);

// --- The rule engine.

struct EnabledRule {
    std::int64_t id = 0;
    std::string action;  // the rule's action text (domain::parse_actions)
};
// The enabled rules of this trigger, oldest first.
std::vector<EnabledRule> enabled_rules(db::Database& db, const std::string& trigger);

}  // namespace crm::automation
