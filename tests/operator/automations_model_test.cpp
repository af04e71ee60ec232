// The Automations tab's data and checks, without GL: the API's answers become rows (bad items
// skipped), saved rows replace their old copy, and the editors refuse what the server refuses.
#include <catch2/catch.hpp>

#include "app/automations_model.hpp"
#include "app/rule_draft.hpp"
#include "app/shortcuts.hpp"

using namespace crm;
using namespace crm::console;

TEST_CASE("the model reads the API's lists and skips malformed items") {
    AutomationsModel m;
    CHECK_FALSE(m.loaded());
    m.set_rules(nlohmann::json::parse(R"({"items": [
        {"id": 1, "name": "Pas de réponse", "trigger": "outcome:no_answer", "action": "send_sms:templateA", "enabled": true},
        {"name": "no id"},
        {"id": 2, "name": "Messagerie", "trigger": "outcome:voicemail", "action": "send_sms:templateB", "enabled": false}
    ]})"));
    REQUIRE(m.rules().size() == 2);
    CHECK(m.loaded());
    CHECK_FALSE(m.rules()[1].enabled);

    m.set_jobs(nlohmann::json::parse(R"({"items": [
        {"id": 7, "leadId": 3, "kind": "send_sms", "status": "failed", "attempts": 5, "lastError": "HTTP 503",
         "dueAt": "2026-11-20T09:31:00Z", "sentAt": null, "completedAt": null}
    ]})"));
    REQUIRE(m.jobs().size() == 1);
    CHECK(m.jobs()[0].lead_id == 3);
    CHECK(m.jobs()[0].due_at == 1795167060);
    CHECK_FALSE(m.jobs()[0].sent_at);
    CHECK(std::string(job_status_label_fr("failed")) == "échec");
    CHECK(std::string(job_kind_label_fr("send_sms")) == "SMS");
    CHECK(std::string(job_kind_label_fr("send_whatsapp")) == "WhatsApp");
    CHECK(std::string(job_kind_label_fr("send_package")) == "Dossier à l'agent");
    CHECK(std::string(job_kind_label_fr("payment_link")) == "Lien de paiement");
    CHECK(std::string(job_kind_label_fr("send_fax")) == "Autre");

    m.set_notifications(nlohmann::json::parse(R"({"items": [
        {"id": 4, "kind": "no_first_call", "leadId": 3, "deliveryId": 9, "message": "Pas de premier appel",
         "actions": ["reassign", "refund"], "createdAt": "2026-11-21T09:30:00Z"}
    ]})"));
    REQUIRE(m.notifications().size() == 1);
    CHECK(m.notifications()[0].delivery_id == 9);
    CHECK(m.notifications()[0].actions == std::vector<std::string>{"reassign", "refund"});
    m.remove_notification(4);
    CHECK(m.notifications().empty());

    m.set_rules(nlohmann::json::parse("[1, 2]"));  // not an {items} answer: nothing, no throw
    CHECK(m.rules().empty());
}

TEST_CASE("a saved row replaces its old copy; a retried job leaves a 'failed' filter") {
    AutomationsModel m;
    m.set_rules(nlohmann::json::parse(
        R"({"items": [{"id": 1, "name": "A", "trigger": "outcome:no_answer", "action": "send_sms:templateA"}]})"));
    m.upsert_rule({1, "A", "outcome:no_answer", "send_sms:templateA", false});
    REQUIRE(m.rules().size() == 1);
    CHECK_FALSE(m.rules()[0].enabled);

    m.job_filter = "failed";
    m.set_jobs(nlohmann::json::parse(R"({"items": [{"id": 7, "kind": "send_sms", "status": "failed"},
                                                   {"id": 8, "kind": "send_sms", "status": "failed"}]})"));
    JobRow retried = m.jobs()[0];
    retried.status = "pending";
    m.upsert_job(retried);
    REQUIRE(m.jobs().size() == 1);
    CHECK(m.jobs()[0].id == 8);
    m.job_filter.clear();
    m.upsert_job(retried);  // unfiltered: kept, with its new status
    CHECK(m.jobs().size() == 2);

    m.set_templates(nlohmann::json::parse(R"({"items": [{"name": "templateA", "channel": "sms", "body": "x STOP"}]})"));
    m.upsert_template({"templateA", "sms", "Bonjour {firstName} STOP", "", false});
    REQUIRE(m.templates().size() == 1);
    CHECK(m.find_template("templateA")->body == "Bonjour {firstName} STOP");
    CHECK(m.find_template("nope") == nullptr);
}

TEST_CASE("the rule editor refuses what the server's parser refuses") {
    CHECK(rule_error("outcome:no_answer", "send_sms:templateA,create_task:2d,set_status:follow_up").empty());
    CHECK(rule_error("time:idle_7d", "set_status:nurture,schedule_ping:30d").empty());
    CHECK_FALSE(rule_error("sometimes", "send_sms:templateA").empty());
    CHECK_FALSE(rule_error("outcome:no_answer", "launch_rocket:now").empty());
    CHECK_FALSE(rule_error("outcome:no_answer", "set_status:on_holiday").empty());
}

TEST_CASE("the template editor: unknown tags and marketing SMS without STOP are refused; the preview merges") {
    const TemplateRow marketing{"templateA", "sms", "", "", false};
    const TemplateRow transactional{"confirmation", "sms", "", "", true};
    CHECK(template_error(marketing, "Bonjour {firstName} à {city}. STOP au 36111").empty());
    CHECK(template_error(marketing, "Bonjour {prenom}. STOP").find("{prenom}") != std::string::npos);
    CHECK(template_error(marketing, "Bonjour {firstName}").find("STOP") != std::string::npos);
    CHECK(template_error(transactional, "RDV le {date} à {time}").empty());  // transactional: no STOP needed
    CHECK(template_preview("Bonjour {firstName}, RDV à {city} le {date} à {time} avec {agentName}") ==
          "Bonjour Camille, RDV à Lyon le 27/11/2026 à 14:30 avec Alice Martin");
}

TEST_CASE("Shift+1..5 choose the tabs; plain digits stay outcomes; nothing while typing") {
    auto a = shortcut_for_key('4', true, false);
    REQUIRE(a);
    CHECK(a->kind == ActionKind::tab);
    CHECK(a->outcome_key == 4);
    CHECK(shortcut_for_key('4', false, false)->kind == ActionKind::outcome);
    CHECK_FALSE(shortcut_for_key('6', true, false));
    CHECK_FALSE(shortcut_for_key('4', true, true));
}

TEST_CASE("the rule form: a trigger from the list, actions added one by one, the string the API stores") {
    RuleDraft d;
    d.name = "Messagerie : relance J+3";
    d.trigger = "outcome:voicemail";
    CHECK(d.error() == "aucune action");
    d.add({domain::ActionKind::send_sms, "templateB", 0});
    d.add({domain::ActionKind::create_task, "", 3});
    d.add({domain::ActionKind::set_status, "follow_up", 0});
    CHECK(d.action_text() == "send_sms:templateB,create_task:3d,set_status:follow_up");
    CHECK(d.error().empty());
    CHECK(action_label_fr(d.actions[1]) == "Programmer une relance J+N : J+3");
    d.remove(0);
    CHECK(d.action_text() == "create_task:3d,set_status:follow_up");
    d.remove(9);  // out of range: nothing
    CHECK(d.actions.size() == 2);
    // The text field and the form agree: a valid text replaces the actions, an invalid one
    // says why and changes nothing.
    CHECK(d.set_action_text("send_sms:templateA, create_task:04d").empty());
    CHECK(d.action_text() == "send_sms:templateA,create_task:4d");
    CHECK(d.set_action_text("send_sms:templateA,launch_rocket:now").find("launch_rocket") != std::string::npos);
    CHECK(d.action_text() == "send_sms:templateA,create_task:4d");
    d.name.clear();
    CHECK(d.error() == "Nom obligatoire.");
    d.name = "x";
    d.trigger = "cron";
    CHECK(d.error().find("Déclencheur inconnu") == 0);

    const auto back =
        RuleDraft::from_rule({12, "Pas de réponse", "outcome:no_answer", "send_sms:templateA,create_task:2d", true});
    CHECK(back.id == 12);
    CHECK(back.actions.size() == 2);
    CHECK(back.action_text() == "send_sms:templateA,create_task:2d");
}
