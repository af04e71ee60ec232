// Outcomes and clock rules end to end over HTTP with the test clock: outcome → jobs →
// run-due → message in the outbox with merged text, task created, status changed,
// sent_at / completed_at stamped.
#include <catch2/catch.hpp>

#include "support/test_server.hpp"

using namespace crm;
using namespace crm::testing;

namespace {

nlohmann::json messages_of(Client& op, const nlohmann::json& lead) {
    return op.get("/api/messages?leadId=" + lead["id"].dump()).json()["items"];
}

nlohmann::json job_of_kind(const nlohmann::json& jobs, const std::string& kind) {
    for (const auto& j : jobs)
        if (j["kind"] == kind) return j;
    return nullptr;
}

// Moves the server clock, then logs in again: a jump of days also ends the idle session.
void set_clock(Client& op, const std::string& iso) {
    REQUIRE(op.post("/api/test/clock", {{"now", iso}}).status == 200);
    REQUIRE(op.login("admin").status == 200);
}

}  // namespace

TEST_CASE("no answer: SMS A, a follow-up J+2 in the next call window, status follow_up") {
    TestServer server;
    Client op = server.client();
    REQUIRE(op.login("admin").status == 200);
    const auto lead = lead_named(op, "Sarah");  // Paris, consent, created 2 minutes ago
    const auto res =
        op.post("/api/leads/" + lead["id"].dump() + "/outcome", {{"outcome", "no_answer"}, {"callSeconds", 25}});
    REQUIRE(res.status == 200);
    const auto body = res.json();
    CHECK(body["lead"]["status"] == "follow_up");
    CHECK(body["lead"]["unansweredAttempts"] == 1);
    // Friday 10:30 + 2 days = Sunday: moved to Monday 10:00 Paris.
    CHECK(body["lead"]["nextActionAt"] == "2026-11-23T09:00:00Z");
    CHECK(job_of_kind(body["jobs"], "create_task")["status"] == "done");
    CHECK(job_of_kind(body["jobs"], "set_status")["status"] == "done");
    const auto sms = job_of_kind(body["jobs"], "send_sms");
    REQUIRE(sms.is_object());
    CHECK(sms["status"] == "pending");
    CHECK(messages_of(op, lead).empty());

    REQUIRE(op.post("/api/jobs/run-due").json()["processed"].get<int>() >= 1);
    const auto sent = messages_of(op, lead);
    REQUIRE(sent.size() == 1);
    CHECK(sent[0]["channel"] == "sms");
    CHECK(sent[0]["status"] == "outbox");  // no SMS provider here: kept, and said so
    CHECK(sent[0]["sentAt"].is_null());
    CHECK(sent[0]["to"] == lead["phoneE164"]);
    CHECK(sent[0]["body"].get<std::string>().rfind("Bonjour Sarah, nous avons essayé de vous joindre", 0) == 0);
    CHECK(sent[0]["body"].get<std::string>().find("à Paris") != std::string::npos);
    const auto jobs = op.get("/api/jobs?leadId=" + lead["id"].dump()).json()["items"];
    CHECK(job_of_kind(jobs, "send_sms")["sentAt"].is_null());  // nothing left the machine
    CHECK(job_of_kind(jobs, "send_sms")["status"] == "done");
    // A second pass sends nothing again; the lead has left the queue until Monday.
    op.post("/api/jobs/run-due");
    CHECK(messages_of(op, lead).size() == 1);
    const auto queue_items = op.get("/api/queue?limit=100").json()["items"];
    for (const auto& item : queue_items) CHECK(item["leadId"] != lead["id"]);
    const auto timeline = op.get("/api/leads/" + lead["id"].dump() + "/timeline").json()["items"];
    bool task = false;
    for (const auto& t : timeline) task = task || (t["type"] == "task" && t["dueAt"] == "2026-11-23T09:00:00Z");
    CHECK(task);
}

TEST_CASE("voicemail: SMS B and J+1") {
    TestServer server;
    Client op = server.client();
    REQUIRE(op.login("admin").status == 200);
    const auto lead = lead_named(op, "Mathis");
    const auto body = op.post("/api/leads/" + lead["id"].dump() + "/outcome", {{"outcome", "voicemail"}}).json();
    CHECK(body["lead"]["nextActionAt"] == "2026-11-23T09:00:00Z");  // Saturday → Monday 10:00
    op.post("/api/jobs/run-due");
    const auto sent = messages_of(op, lead);
    REQUIRE(sent.size() == 1);
    CHECK(sent[0]["body"].get<std::string>().find("laissé un message") != std::string::npos);

    // A one-off message from the console: queued (202), sent by the next pass.
    auto queued = op.post("/api/leads/" + lead["id"].dump() + "/messages",
                          {{"channel", "sms"}, {"body", "Je vous rappelle à 15 h."}});
    REQUIRE(queued.status == 202);
    CHECK(queued.json()["job"]["kind"] == "send_sms");
    CHECK(op.post("/api/leads/" + lead["id"].dump() + "/messages", {{"channel", "sms"}}).status == 422);
    CHECK(op.post("/api/leads/" + lead["id"].dump() + "/messages", {{"channel", "fax"}, {"body", "x"}}).status == 422);
    op.post("/api/jobs/run-due");
    const auto all = messages_of(op, lead);
    REQUIRE(all.size() == 2);
    CHECK(all[0]["body"] == "Je vous rappelle à 15 h.");
    CHECK(all[0]["status"] == "outbox");
}

TEST_CASE("marketing SMS wait for their window; DNC cancels what is pending") {
    TestServer server;
    Client op = server.client();
    REQUIRE(op.login("admin").status == 200);
    set_clock(op, "2026-11-22T11:00:00Z");  // Sunday noon in Paris
    const auto sarah = lead_named(op, "Sarah");
    const auto mathis = lead_named(op, "Mathis");
    REQUIRE(op.post("/api/leads/" + sarah["id"].dump() + "/outcome", {{"outcome", "no_answer"}}).status == 200);
    REQUIRE(op.post("/api/leads/" + mathis["id"].dump() + "/outcome", {{"outcome", "no_answer"}}).status == 200);
    op.post("/api/jobs/run-due");
    CHECK(messages_of(op, sarah).empty());
    const auto waiting = job_of_kind(op.get("/api/jobs?leadId=" + sarah["id"].dump()).json()["items"], "send_sms");
    CHECK(waiting["status"] == "pending");
    CHECK(waiting["dueAt"] == "2026-11-23T07:00:00Z");  // Monday 08:00 Paris

    // Mathis asks not to be contacted before Monday: his SMS never goes.
    auto dnc = op.post("/api/leads/" + mathis["id"].dump() + "/outcome", {{"outcome", "dnc"}});
    REQUIRE(dnc.status == 200);
    CHECK(dnc.json()["cancelledJobs"].get<int>() >= 1);
    CHECK(dnc.json()["lead"]["dnc"] == true);

    set_clock(op, "2026-11-23T07:00:00Z");
    op.post("/api/jobs/run-due");
    CHECK(messages_of(op, sarah).size() == 1);
    CHECK(messages_of(op, mathis).empty());
    CHECK(
        op.post("/api/leads/" + mathis["id"].dump() + "/messages", {{"channel", "sms"}, {"body", "Bonjour"}}).status ==
        409);
}

TEST_CASE("booked: a slot is required; confirmation SMS at once and the .ics by e-mail") {
    TestServer server;
    Client op = server.client();
    REQUIRE(op.login("admin").status == 200);
    const auto lead = lead_named(op, "Rose");  // Marseille, has an e-mail
    const auto path = "/api/leads/" + lead["id"].dump();
    auto missing = op.post(path + "/outcome", {{"outcome", "booked"}});
    CHECK(missing.status == 422);
    CHECK(missing.json()["error"]["fields"].contains("slot"));
    set_clock(op, "2026-11-22T11:00:00Z");  // Sunday: transactional messages still go
    auto res = op.post(
        path + "/outcome",
        {{"outcome", "booked"},
         {"slot", {{"start", "2026-11-24T13:00:00Z"}, {"end", "2026-11-24T14:00:00Z"}, {"location", "Sur place"}}}});
    REQUIRE(res.status == 200);
    CHECK(res.json()["lead"]["stage"] == "booked");
    CHECK(res.json()["lead"]["status"] == "booked");
    op.post("/api/jobs/run-due");
    const auto sent = messages_of(op, lead);
    bool sms = false, email = false;
    for (const auto& m : sent) {
        if (m["channel"] == "sms") {
            sms = true;
            CHECK(m["body"].get<std::string>().find("confirmé le 24/11/2026 à 14:00") != std::string::npos);
            CHECK(m["transactional"] == true);
        }
        if (m["channel"] == "email") email = m["to"] == lead["email"];
    }
    CHECK(sms);
    CHECK(email);
    auto ics = op.get(path + "/ics");
    REQUIRE(ics.status == 200);
    CHECK(ics.header("content-type").rfind("text/calendar", 0) == 0);
    CHECK(ics.body.find("DTSTART:20261124T130000Z\r\n") != std::string::npos);
}

TEST_CASE("bad number: flagged, calls and SMS refused, a new number asked by e-mail") {
    TestServer server;
    Client op = server.client();
    REQUIRE(op.login("admin").status == 200);
    const auto lead = lead_named(op, "Adam");  // has an e-mail
    auto res = op.post("/api/leads/" + lead["id"].dump() + "/outcome", {{"outcome", "bad_number"}});
    REQUIRE(res.status == 200);
    CHECK(res.json()["lead"]["badNumber"] == true);
    op.post("/api/jobs/run-due");
    const auto sent = messages_of(op, lead);
    REQUIRE(sent.size() == 1);
    CHECK(sent[0]["channel"] == "email");
    CHECK(sent[0]["subject"].get<std::string>().find("numéro à jour") != std::string::npos);
    CHECK(op.post("/api/leads/" + lead["id"].dump() + "/messages", {{"channel", "sms"}, {"template", "templateA"}})
              .status == 409);
    // A new number clears the flag.
    auto fixed =
        op.request("PATCH", "/api/leads/" + lead["id"].dump(), nlohmann::json{{"phone", "07 11 22 33 44"}}.dump());
    REQUIRE(fixed.status == 200);
    CHECK(fixed.json()["badNumber"] == false);
    CHECK(fixed.json()["phoneE164"] == "+33711223344");
}

TEST_CASE("clock rules: idle leads to nurture, no first call after 24 h, appointment reminders") {
    TestServer server;
    Client op = server.client();
    REQUIRE(op.login("admin").status == 200);
    REQUIRE(op.post("/api/jobs/run-due").status == 200);
    // Alice's pending delivery was sent two days ago and she has not called yet.
    const auto notes = op.get("/api/notifications").json()["items"];
    REQUIRE(notes.size() >= 1);
    CHECK(notes[0]["kind"] == "no_first_call");
    CHECK(notes[0]["actions"] == nlohmann::json::array({"reassign", "refund"}));
    op.post("/api/jobs/run-due");
    CHECK(op.get("/api/notifications").json()["items"].size() == notes.size());  // once per delivery

    // Eight days later, untouched leads rest in nurture with a ping a month later.
    set_clock(op, "2026-11-28T09:30:00Z");
    op.post("/api/jobs/run-due");
    const auto sarah = lead_named(op, "Sarah");
    CHECK(sarah["status"] == "nurture");
    CHECK(sarah["nextActionAt"] == "2026-12-28T09:30:00Z");

    // The seeded appointment of Camille (alice's lead) starts 2 days + 1 hour after TEST_NOW.
    const auto camille = lead_named(op, "Camille");
    const auto appt = op.get("/api/leads/" + camille["id"].dump() + "/timeline").json()["items"];
    std::string start;
    for (const auto& t : appt)
        if (t["type"] == "appointment") start = t["start"];
    REQUIRE(start == "2026-11-22T10:30:00Z");
    set_clock(op, "2026-11-21T11:00:00Z");  // 23.5 h before
    op.post("/api/jobs/run-due");
    // The seller by SMS, and the agent who holds the appointment by e-mail.
    auto sent = messages_of(op, camille);
    REQUIRE(sent.size() == 2);
    nlohmann::json sms, agent_mail;
    for (const auto& m : sent) (m["channel"] == "sms" ? sms : agent_mail) = m;
    CHECK(sms["body"].get<std::string>().rfind("Rappel : rendez-vous", 0) == 0);
    CHECK(agent_mail["to"] == "alice.martin@example.fr");
    CHECK(agent_mail["subject"].get<std::string>().rfind("Rappel : rendez-vous le 22/11/2026 à 11:30", 0) == 0);
    set_clock(op, "2026-11-22T09:00:00Z");  // 1.5 h before
    op.post("/api/jobs/run-due");
    CHECK(messages_of(op, camille).size() == 4);
    op.post("/api/jobs/run-due");
    CHECK(messages_of(op, camille).size() == 4);
}

TEST_CASE("templates and rules are validated when saved") {
    TestServer server;
    Client op = server.client();
    REQUIRE(op.login("admin").status == 200);
    auto bad_tag =
        op.request("PUT", "/api/templates/templateA", nlohmann::json{{"body", "Bonjour {prenom}, STOP"}}.dump());
    CHECK(bad_tag.status == 422);
    CHECK(bad_tag.json()["error"]["fields"]["body"] == "balise inconnue {prenom}");
    auto no_stop =
        op.request("PUT", "/api/templates/templateA", nlohmann::json{{"body", "Bonjour {firstName}"}}.dump());
    CHECK(no_stop.status == 422);
    auto ok = op.request("PUT", "/api/templates/templateA",
                         nlohmann::json{{"body", "Coucou {firstName} ! STOP au 36111"}}.dump());
    CHECK(ok.status == 200);

    auto bad_rule = op.post("/api/rules", {{"name", "x"}, {"trigger", "outcome:no_answer"}, {"action", "send_fax:x"}});
    CHECK(bad_rule.status == 422);
    CHECK(bad_rule.json()["error"]["fields"]["action"] == "action inconnue « send_fax »");
    // Switching the no-answer rule off: the outcome still records, but no SMS is planned.
    const auto rules = op.get("/api/rules").json()["items"];
    std::string id;
    for (const auto& r : rules)
        if (r["trigger"] == "outcome:no_answer") id = r["id"].dump();
    REQUIRE(op.request("PATCH", "/api/rules/" + id, nlohmann::json{{"enabled", false}}.dump()).status == 200);
    const auto lead = lead_named(op, "Mathis");
    const auto res = op.post("/api/leads/" + lead["id"].dump() + "/outcome", {{"outcome", "no_answer"}}).json();
    CHECK(res["jobs"].empty());
    CHECK(res["lead"]["status"] == "follow_up");  // the outcome's own change
}
