// Automations for the operator: rules (validated by the domain library's parser), message
// templates (unknown merge tags refused; marketing SMS must mention STOP), and one scheduler
// pass on demand.
#include "api/body_reader.hpp"
#include "api/routes.hpp"
#include "automation/job_queue.hpp"
#include "core/app.hpp"
#include "audit/audit_repo.hpp"
#include "crm/domain/rules.hpp"
#include "crm/domain/templates.hpp"
#include "http/errors.hpp"

namespace crm::api {

using namespace crm::http;

namespace {

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
            {"createdAt", format_iso_utc(st.get_int64(5))}};
}

const char* const kRuleColumns = "id, name, trigger, action, enabled, created_at";

nlohmann::json find_rule(db::Database& db, std::int64_t id) {
    auto st = db.prepare(std::string("SELECT ") + kRuleColumns + " FROM rules WHERE id = ?");
    st.bind(1, id);
    if (!st.step()) throw not_found("Règle introuvable.");
    return rule_json(st);
}

// Reads name/trigger/action/enabled; `partial` lets PATCH omit any of them.
void read_rule(const nlohmann::json& body, bool partial, std::optional<std::string>& name,
               std::optional<std::string>& trigger, std::optional<std::string>& action, std::optional<bool>& enabled) {
    BodyReader in(body);
    name = in.text("name", !partial, 200);
    trigger = in.text("trigger", !partial, 64);
    action = in.text("action", !partial, 500);
    enabled = in.boolean("enabled", false);
    if (trigger && !domain::parse_trigger(*trigger))
        in.invalid("trigger", "outcome:<issue> ou time:idle_7d | time:no_first_call_24h | time:appointment_reminder");
    if (action) {
        const auto parsed = domain::parse_actions(*action);
        if (!parsed.ok()) in.invalid("action", parsed.error);
    }
    in.finish();
}

nlohmann::json template_json(db::Statement& st) {
    return {{"name", st.get_text(0)},
            {"channel", st.get_text(1)},
            {"body", st.get_text(2)},
            {"subject", st.is_null(3) ? nlohmann::json(nullptr) : nlohmann::json(st.get_text(3))},
            {"transactional", st.get_int(4) != 0},
            {"updatedAt", format_iso_utc(st.get_int64(5))}};
}

}  // namespace

void register_automation_routes(Router& router, App& app) {
    router.add(Verb::get, "/api/rules", operator_only(), [&app](RequestContext& c) {
        auto db = app.pool().acquire();
        auto st = db->prepare(std::string("SELECT ") + kRuleColumns + " FROM rules ORDER BY id");
        auto items = nlohmann::json::array();
        while (st.step()) items.push_back(rule_json(st));
        return json_response(c.req, 200, {{"items", items}});
    });
    router.add(Verb::get, "/api/rules/{id}", operator_only(), [&app](RequestContext& c) {
        auto db = app.pool().acquire();
        return json_response(c.req, 200, find_rule(*db, c.id_param()));
    });
    router.add(Verb::post, "/api/rules", operator_only(), [&app](RequestContext& c) {
        std::optional<std::string> name, trigger, action;
        std::optional<bool> enabled;
        read_rule(c.json_body(), false, name, trigger, action, enabled);
        auto db = app.pool().acquire();
        db::Transaction tx(*db);
        db->prepare("INSERT INTO rules(name, trigger, action, enabled, created_at) VALUES (?,?,?,?,?)")
            .bind_all(*name, *trigger, *action, enabled.value_or(true), app.now())
            .run();
        const auto id = db->last_insert_id();
        audit(*db, c.caller().id, "rule.create", "rule", id, nullptr, {{"trigger", *trigger}, {"action", *action}},
              app.now());
        tx.commit();
        return json_response(c.req, 201, find_rule(*db, id));
    });
    router.add(Verb::patch, "/api/rules/{id}", operator_only(), [&app](RequestContext& c) {
        std::optional<std::string> name, trigger, action;
        std::optional<bool> enabled;
        read_rule(c.json_body(), true, name, trigger, action, enabled);
        auto db = app.pool().acquire();
        db::Transaction tx(*db);
        const auto before = find_rule(*db, c.id_param());
        db->prepare(
              "UPDATE rules SET name = COALESCE(?, name), trigger = COALESCE(?, trigger), "
              "action = COALESCE(?, action), enabled = COALESCE(?, enabled) WHERE id = ?")
            .bind_all(name, trigger, action, enabled ? std::optional<std::int64_t>(*enabled ? 1 : 0) : std::nullopt,
                      c.id_param())
            .run();
        const auto after = find_rule(*db, c.id_param());
        audit(*db, c.caller().id, "rule.update", "rule", c.id_param(), before, after, app.now());
        tx.commit();
        return json_response(c.req, 200, after);
    });
    router.add(Verb::delete_, "/api/rules/{id}", operator_only(), [&app](RequestContext& c) {
        auto db = app.pool().acquire();
        db::Transaction tx(*db);
        const auto before = find_rule(*db, c.id_param());
        db->prepare("DELETE FROM rules WHERE id = ?").bind(1, c.id_param()).run();
        audit(*db, c.caller().id, "rule.delete", "rule", c.id_param(), before, nullptr, app.now());
        tx.commit();
        return no_content(c.req);
    });

    router.add(Verb::get, "/api/templates", operator_only(), [&app](RequestContext& c) {
        auto db = app.pool().acquire();
        auto st =
            db->prepare("SELECT name, channel, body, subject, transactional, updated_at FROM templates ORDER BY name");
        auto items = nlohmann::json::array();
        while (st.step()) items.push_back(template_json(st));
        return json_response(c.req, 200, {{"items", items}, {"mergeTags", domain::known_merge_tags()}});
    });
    router.add(Verb::put, "/api/templates/{token}", operator_only(), [&app](RequestContext& c) {
        const auto name = c.params.at("token");
        const auto body = c.json_body();
        BodyReader in(body);
        auto text = in.text("body", true, 2000);
        auto channel = in.text("channel", false, 20);
        auto subject = in.text("subject", false, 200);
        auto transactional = in.boolean("transactional", false);
        if (channel && *channel != "sms" && *channel != "email" && *channel != "whatsapp")
            in.invalid("channel", "sms, email ou whatsapp");
        if (text) {
            const auto check = domain::check_template(*text);
            if (!check.ok()) in.invalid("body", "balise inconnue {" + check.unknown_tags.front() + "}");
        }
        if (subject && !domain::check_template(*subject).ok()) in.invalid("subject", "balise inconnue");
        in.finish();
        auto db = app.pool().acquire();
        db::Transaction tx(*db);
        auto existing = db->prepare("SELECT channel, transactional FROM templates WHERE name = ?");
        existing.bind(1, name);
        const bool exists = existing.step();
        const std::string ch = channel.value_or(exists ? existing.get_text(0) : "sms");
        const bool tr = transactional.value_or(exists ? existing.get_int(1) != 0 : false);
        // Marketing SMS must tell people how to opt out.
        if (ch == "sms" && !tr && !domain::mentions_stop(*text))
            throw validation({{"body", "un SMS marketing doit mentionner STOP (désinscription)"}});
        db->prepare(
              "INSERT INTO templates(name, channel, body, subject, transactional, updated_at) VALUES (?,?,?,?,?,?) "
              "ON CONFLICT(name) DO UPDATE SET channel = excluded.channel, body = excluded.body, "
              "subject = COALESCE(excluded.subject, subject), transactional = excluded.transactional, "
              "updated_at = excluded.updated_at")
            .bind_all(name, ch, *text, subject, tr, app.now())
            .run();
        audit(*db, c.caller().id, "template.save", "template", std::nullopt, nullptr, {{"name", name}, {"body", *text}},
              app.now());
        tx.commit();
        auto st =
            db->prepare("SELECT name, channel, body, subject, transactional, updated_at FROM templates WHERE name = ?");
        st.bind(1, name);
        st.step();
        return json_response(c.req, exists ? 200 : 201, template_json(st));
    });

    router.add(Verb::post, "/api/jobs/run-due", operator_only(), [&app](RequestContext& c) {
        return json_response(c.req, 200, {{"processed", app.run_due_jobs()}});
    });
    // The operator's Retry on a failed job: due now, attempts start again; the runner re-checks
    // DNC / bad number when it runs, as for any job.
    router.add(Verb::post, "/api/jobs/{id}/retry", operator_only(), [&app](RequestContext& c) {
        auto db = app.pool().acquire();
        db::Transaction tx(*db);
        const auto before = automation::find_job_json(*db, c.id_param());
        if (before.is_null()) throw not_found("Job introuvable.");
        if (!automation::retry_failed(*db, c.id_param(), app.now()))
            throw conflict("conflict", "Seul un job en échec peut être relancé (statut actuel : " +
                                           before["status"].get<std::string>() + ").");
        const auto after = automation::find_job_json(*db, c.id_param());
        audit(*db, c.caller().id, "job.retry", "job", c.id_param(), {{"status", before["status"]}},
              {{"status", after["status"]}, {"dueAt", after["dueAt"]}}, app.now());
        tx.commit();
        return json_response(c.req, 200, after);
    });
}

}  // namespace crm::api
