#include "automation/rules_repo.hpp"

#include "crm/domain/rules.hpp"
#include "crm/domain/time.hpp"

namespace crm::automation {

namespace {

const char* const kRuleColumns = "id, name, trigger, action, enabled, created_at";

nlohmann::json rule_json(db::Statement& st) {
    const auto parsed = domain::parse_actions(st.get_text(3));
    auto actions = nlohmann::json::array();
    for (const auto& a : parsed.actions) actions.push_back(domain::to_string(a));
    return {{"id", st.get_int64(0)},
            {"name", st.get_text(1)},
            {"trigger", st.get_text(2)},
            {"action", st.get_text(3)},
            {"actions", actions},
            {"enabled", st.get_int(4) != 0},
            {"createdAt", domain::format_iso_utc(st.get_int64(5))}};
}

const char* const kTemplateColumns = "name, channel, body, subject, transactional, updated_at";

nlohmann::json template_json(db::Statement& st) {
    return {{"name", st.get_text(0)},
            {"channel", st.get_text(1)},
            {"body", st.get_text(2)},
            {"subject", st.is_null(3) ? nlohmann::json(nullptr) : nlohmann::json(st.get_text(3))},
            {"transactional", st.get_int(4) != 0},
            {"updatedAt", domain::format_iso_utc(st.get_int64(5))}};
}

}  // namespace

nlohmann::json list_rules(db::Database& db) {
    auto st = db.prepare(std::string("SELECT ") + kRuleColumns + " FROM rules ORDER BY id");
    auto items = nlohmann::json::array();
    while (st.step()) items.push_back(rule_json(st));
    return items;
}

std::optional<nlohmann::json> find_rule(db::Database& db, std::int64_t id) {
    auto st = db.prepare(std::string("SELECT ") + kRuleColumns + " FROM rules WHERE id = ?");
    st.bind(1, id);
    if (!st.step()) return std::nullopt;
    return rule_json(st);
}

std::int64_t insert_rule(db::Database& db, const RuleFields& r, std::int64_t now) {
    return db.prepare("INSERT INTO rules(name, trigger, action, enabled, created_at) VALUES (?,?,?,?,?) RETURNING id")
        .bind_all(*r.name, *r.trigger, *r.action, r.enabled.value_or(true), now)
        .run_returning_id();
}

void update_rule(db::Database& db, std::int64_t id, const RuleFields& r) {
    db.prepare(
          "UPDATE rules SET name = COALESCE(?, name), trigger = COALESCE(?, trigger), "
          "action = COALESCE(?, action), enabled = COALESCE(?, enabled) WHERE id = ?")
        .bind_all(r.name, r.trigger, r.action,
                  r.enabled ? std::optional<std::int64_t>(*r.enabled ? 1 : 0) : std::nullopt, id)
        .run();
}

void delete_rule(db::Database& db, std::int64_t id) {
    db.prepare("DELETE FROM rules WHERE id = ?").bind(1, id).run();
}

nlohmann::json list_templates(db::Database& db) {
    auto st = db.prepare(std::string("SELECT ") + kTemplateColumns + " FROM templates ORDER BY name");
    auto items = nlohmann::json::array();
    while (st.step()) items.push_back(template_json(st));
    return items;
}

std::optional<nlohmann::json> find_template_json(db::Database& db, const std::string& name) {
    auto st = db.prepare(std::string("SELECT ") + kTemplateColumns + " FROM templates WHERE name = ?");
    st.bind(1, name);
    if (!st.step()) return std::nullopt;
    return template_json(st);
}

std::optional<Template> find_template(db::Database& db, const std::string& name) {
    auto st = db.prepare("SELECT channel, body, COALESCE(subject, ''), transactional FROM templates WHERE name = ?");
    st.bind(1, name);
    if (!st.step()) return std::nullopt;
    return Template{st.get_text(0), st.get_text(1), st.get_text(2), st.get_int(3) != 0};
}

void save_template(db::Database& db, const std::string& name, const std::string& channel, const std::string& body,
                   const std::optional<std::string>& subject, bool transactional, std::int64_t now) {
    db.prepare(
          "INSERT INTO templates(name, channel, body, subject, transactional, updated_at) VALUES (?,?,?,?,?,?) "
          "ON CONFLICT(name) DO UPDATE SET channel = excluded.channel, body = excluded.body, "
          "subject = COALESCE(excluded.subject, templates.subject), transactional = excluded.transactional, "
          "updated_at = excluded.updated_at")
        .bind_all(name, channel, body, subject, transactional, now)
        .run();
}

std::vector<EnabledRule> enabled_rules(db::Database& db, const std::string& trigger) {
    auto st = db.prepare("SELECT id, action FROM rules WHERE trigger = ? AND enabled = 1 ORDER BY id");
    st.bind(1, trigger);
    std::vector<EnabledRule> out;
    while (st.step()) out.push_back({st.get_int64(0), st.get_text(1)});
    return out;
}

}  // namespace crm::automation
