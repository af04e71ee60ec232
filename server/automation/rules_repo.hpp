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
