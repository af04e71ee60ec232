// Automations for the operator: rules (validated by the domain library's parser), message
// templates (unknown merge tags refused; marketing SMS must mention STOP), and one scheduler
// pass on demand.
#include "api/body_reader.hpp"
#include "audit/audit_repo.hpp"
#include "automation/jobs_repo.hpp"
#include "automation/routes.hpp"
#include "automation/rules_repo.hpp"
#include "core/services.hpp"
#include "crm/domain/rules.hpp"
#include "crm/domain/templates.hpp"
#include "http/errors.hpp"

namespace crm::automation {

using namespace crm::http;
using api::BodyReader;

namespace {

nlohmann::json rule_or_404(db::Database& db, std::int64_t id) {
    auto rule = find_rule(db, id);
    if (!rule) throw not_found("Règle introuvable.");
    return std::move(*rule);
}

// Reads name/trigger/action/enabled; `partial` lets PATCH omit any of them.
RuleFields read_rule(const nlohmann::json& body, bool partial) {
    BodyReader in(body);
    RuleFields r;
    r.name = in.text("name", !partial, 200);
    r.trigger = in.text("trigger", !partial, 64);
    r.action = in.text("action", !partial, 500);
    r.enabled = in.boolean("enabled", false);
    if (r.trigger && !domain::parse_trigger(*r.trigger))
        in.invalid("trigger", "outcome:<issue> ou time:idle_7d | time:no_first_call_24h | time:appointment_reminder");
    if (r.action) {
        const auto parsed = domain::parse_actions(*r.action);
        if (!parsed.ok()) in.invalid("action", parsed.error);
    }
    in.finish();
    return r;
}

}  // namespace

void register_automation_routes(Router& router, Services& app) {
    router.add(Verb::get, "/api/rules", operator_only(), [&app](RequestContext& c) {
        auto db = app.pool().acquire();
        return json_response(c.req, 200, {{"items", list_rules(*db)}});
    });
    router.add(Verb::get, "/api/rules/{id}", operator_only(), [&app](RequestContext& c) {
        auto db = app.pool().acquire();
        return json_response(c.req, 200, rule_or_404(*db, c.id_param()));
    });
    router.add(Verb::post, "/api/rules", operator_only(), [&app](RequestContext& c) {
        const auto rule = read_rule(c.json_body(), false);
        auto db = app.pool().acquire();
        db::Transaction tx(*db);
        const auto id = insert_rule(*db, rule, app.now());
        audit(*db, c.caller().id, "rule.create", "rule", id, nullptr,
              {{"trigger", *rule.trigger}, {"action", *rule.action}}, app.now());
        tx.commit();
        return json_response(c.req, 201, rule_or_404(*db, id));
    });
    router.add(Verb::patch, "/api/rules/{id}", operator_only(), [&app](RequestContext& c) {
        const auto rule = read_rule(c.json_body(), true);
        auto db = app.pool().acquire();
        db::Transaction tx(*db);
        const auto before = rule_or_404(*db, c.id_param());
        update_rule(*db, c.id_param(), rule);
        const auto after = rule_or_404(*db, c.id_param());
        audit(*db, c.caller().id, "rule.update", "rule", c.id_param(), before, after, app.now());
        tx.commit();
        return json_response(c.req, 200, after);
    });
    router.add(Verb::delete_, "/api/rules/{id}", operator_only(), [&app](RequestContext& c) {
        auto db = app.pool().acquire();
        db::Transaction tx(*db);
        const auto before = rule_or_404(*db, c.id_param());
        delete_rule(*db, c.id_param());
        audit(*db, c.caller().id, "rule.delete", "rule", c.id_param(), before, nullptr, app.now());
        tx.commit();
        return no_content(c.req);
    });

    router.add(Verb::get, "/api/templates", operator_only(), [&app](RequestContext& c) {
        auto db = app.pool().acquire();
        return json_response(c.req, 200, {{"items", list_templates(*db)}, {"mergeTags", domain::known_merge_tags()}});
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
        const auto existing = find_template(*db, name);
        const bool exists = existing.has_value();
        const std::string ch = channel.value_or(exists ? existing->channel : "sms");
        const bool tr = transactional.value_or(exists ? existing->transactional : false);
        // Marketing SMS must tell people how to opt out.
        if (ch == "sms" && !tr && !domain::mentions_stop(*text))
            throw validation({{"body", "un SMS marketing doit mentionner STOP (désinscription)"}});
        save_template(*db, name, ch, *text, subject, tr, app.now());
        audit(*db, c.caller().id, "template.save", "template", std::nullopt, nullptr, {{"name", name}, {"body", *text}},
              app.now());
        tx.commit();
        return json_response(c.req, exists ? 200 : 201, *find_template_json(*db, name));
    });

    router.add(Verb::post, "/api/jobs/run-due", operator_only(), [&app](RequestContext& c) {
        return json_response(c.req, 200, {{"processed", app.run_due_jobs()}});
    });
    // The operator's Retry on a failed job: due now, attempts start again; the runner re-checks
    // DNC / bad number when it runs, as for any job.
    router.add(Verb::post, "/api/jobs/{id}/retry", operator_only(), [&app](RequestContext& c) {
        auto db = app.pool().acquire();
        db::Transaction tx(*db);
        const auto before = find_job_json(*db, c.id_param());
        if (before.is_null()) throw not_found("Job introuvable.");
        if (!retry_failed(*db, c.id_param(), app.now()))
            throw conflict("conflict", "Seul un job en échec peut être relancé (statut actuel : " +
                                           before["status"].get<std::string>() + ").");
        const auto after = find_job_json(*db, c.id_param());
        audit(*db, c.caller().id, "job.retry", "job", c.id_param(), {{"status", before["status"]}},
              {{"status", after["status"]}, {"dueAt", after["dueAt"]}}, app.now());
        tx.commit();
        return json_response(c.req, 200, after);
    });
}

}  // namespace crm::automation
