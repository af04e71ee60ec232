// Messages tell the truth, over HTTP with real peers: a Twilio stand-in and Debian's aiosmtpd.
// Statuses per provider (outbox, Twilio, SMTP, wa.me), delivery receipts, the outbox sent
// later once a provider is configured, replies coming back into the lead and the queue, and
// the appointment following its lead to the agent's calendar (REQUEST, CANCEL; libical reads
// them).
#include <libical/ical.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>

#include "support/http_stand_in.hpp"
#include "support/processes.hpp"
#include "support/test_server.hpp"
#include "support/twilio_requests.hpp"

using namespace crm;
using namespace crm::testing;

namespace {

constexpr const char* kToken = "secret-token";

void use_twilio(ScopedEnv& env, const HttpStandIn& api) {
    env.set("SMS_PROVIDER", "twilio");
    env.set("TWILIO_ACCOUNT_SID", "AC123");
    env.set("TWILIO_AUTH_TOKEN", kToken);
    env.set("TWILIO_FROM", "+33700000000");
    env.set("TWILIO_BASE_URL", api.base_url());
}

nlohmann::json messages_of(Client& op, std::int64_t lead_id) {
    return op.get("/api/messages?leadId=" + std::to_string(lead_id)).json()["items"];
}

// A manual SMS (transactional: it goes at once) to the lead, sent by one scheduler pass.
nlohmann::json send_sms(Client& op, std::int64_t lead_id, const std::string& body) {
    REQUIRE(
        op.post("/api/leads/" + std::to_string(lead_id) + "/messages", {{"channel", "sms"}, {"body", body}}).status ==
        202);
    REQUIRE(op.post("/api/jobs/run-due").status == 200);
    for (const auto& m : messages_of(op, lead_id))
        if (m["body"] == body) return m;
    FAIL("no message " << body);
    return nullptr;
}

// What a calendar reads in an .ics: libical's view of it.
struct Invitation {
    std::string method, uid, status;
    int sequence = -1;
};

Invitation read_invitation(const std::string& ics) {
    Invitation out;
    icalcomponent* cal = icalparser_parse_string(ics.c_str());
    REQUIRE(cal != nullptr);
    CHECK(icalcomponent_count_errors(cal) == 0);
    out.method = icalproperty_method_to_string(icalcomponent_get_method(cal));
    icalcomponent* ev = icalcomponent_get_first_component(cal, ICAL_VEVENT_COMPONENT);
    REQUIRE(ev != nullptr);
    out.uid = icalcomponent_get_uid(ev);
    out.sequence = icalcomponent_get_sequence(ev);
    out.status = icalproperty_status_to_string(icalcomponent_get_status(ev));
    icalcomponent_free(cal);
    return out;
}

// The e-mails received for `to`, in arrival order.
std::vector<std::string> mails_to(const SmtpMailbox& smtp, const std::string& to) {
    std::vector<std::string> out;
    for (const auto& m : smtp.messages())
        if (m.find("To: <" + to + ">") != std::string::npos) out.push_back(m);
    return out;
}

}  // namespace

TEST_CASE("without a provider, nothing says sent: the local outbox, and wa.me links prepared") {
    TestServer server;
    Client op = server.client();
    REQUIRE(op.login("admin").status == 200);
    const auto lead = lead_named(op, "Mathis")["id"].get<std::int64_t>();
    const auto sms = send_sms(op, lead, "Bonjour, je vous rappelle demain.");
    CHECK(sms["status"] == "outbox");
    CHECK(sms["provider"] == "outbox");
    CHECK(sms["sentAt"].is_null());
    CHECK(sms["providerId"].is_null());

    const auto integrations = op.get("/api/integrations").json();
    CHECK(integrations["sms"] == "outbox");
    CHECK(integrations["email"] == "outbox");
    CHECK(integrations["outbox"]["sms"].get<int>() >= 1);
    CHECK(integrations["setup"]["sms"][0] == "SMS_PROVIDER=twilio");
    auto nothing_to_send = op.post("/api/messages/send-outbox");
    CHECK(nothing_to_send.status == 409);
    CHECK(nothing_to_send.json()["error"]["code"] == "no_provider");

    SECTION("WhatsApp: prepared until the operator confirms it went, once") {
        REQUIRE(
            op.post("/api/leads/" + std::to_string(lead) + "/messages", {{"channel", "whatsapp"}, {"body", "Bonjour"}})
                .status == 202);
        op.post("/api/jobs/run-due");
        nlohmann::json wa;
        for (const auto& m : messages_of(op, lead))
            if (m["channel"] == "whatsapp") wa = m;
        REQUIRE(wa.is_object());
        CHECK(wa["status"] == "prepared");
        CHECK(wa["providerId"].get<std::string>().rfind("https://wa.me/33", 0) == 0);
        auto confirmed = op.post("/api/messages/" + wa["id"].dump() + "/confirm");
        REQUIRE(confirmed.status == 200);
        CHECK(confirmed.json()["status"] == "sent");
        CHECK(confirmed.json()["sentAt"] == kTestNow);
        CHECK(op.post("/api/messages/" + wa["id"].dump() + "/confirm").status == 409);
        CHECK(op.post("/api/messages/" + sms["id"].dump() + "/confirm").status == 409);
        CHECK(op.post("/api/messages/999999/confirm").status == 404);
    }
}

TEST_CASE("Twilio: sent with its id and a receipt callback; the signed receipt marks delivered or failed") {
    HttpStandIn api(201, R"({"sid":"SM0123456789"})");
    ScopedEnv env;
    use_twilio(env, api);
    TestServer server;
    Client op = server.client();
    REQUIRE(op.login("admin").status == 200);
    const auto lead = lead_named(op, "Mathis")["id"].get<std::int64_t>();
    const auto sms = send_sms(op, lead, "Votre estimation est prête.");
    CHECK(sms["status"] == "sent");
    CHECK(sms["provider"] == "twilio");
    CHECK(sms["providerId"] == "SM0123456789");
    CHECK(sms["sentAt"] == kTestNow);
    REQUIRE(api.seen().size() == 1);
    CHECK(api.seen()[0].body.find("StatusCallback=" +
                                  integrations::url_escape(server.app().public_url() + "/api/webhooks/sms/status")) !=
          std::string::npos);
    CHECK(op.get("/api/integrations").json()["sms"] == "twilio");

    Client provider = server.client();
    const auto url = server.app().public_url();
    auto forged =
        provider.request("POST", "/api/webhooks/sms/status", "MessageSid=SM0123456789&MessageStatus=delivered",
                         {{"Content-Type", "application/x-www-form-urlencoded"}, {"X-Twilio-Signature", "x"}}, false);
    CHECK(forged.status == 400);
    auto interim = post_twilio(provider, url, "/api/webhooks/sms/status",
                               {{"MessageSid", "SM0123456789"}, {"MessageStatus", "sending"}}, kToken);
    CHECK(interim.header("x-applied") == "0");
    SECTION("delivered") {
        auto receipt = post_twilio(provider, url, "/api/webhooks/sms/status",
                                   {{"MessageSid", "SM0123456789"}, {"MessageStatus", "delivered"}}, kToken);
        REQUIRE(receipt.status == 200);
        CHECK(receipt.header("x-applied") == "1");
        const auto m = messages_of(op, lead)[0];
        CHECK(m["status"] == "delivered");
        CHECK(m["deliveredAt"] == kTestNow);
        // A late "sent" never undoes "delivered".
        post_twilio(provider, url, "/api/webhooks/sms/status",
                    {{"MessageSid", "SM0123456789"}, {"MessageStatus", "failed"}}, kToken);
        CHECK(messages_of(op, lead)[0]["status"] == "delivered");
    }
    SECTION("undelivered, with the provider's code") {
        post_twilio(provider, url, "/api/webhooks/sms/status",
                    {{"MessageSid", "SM0123456789"}, {"MessageStatus", "undelivered"}, {"ErrorCode", "30005"}}, kToken);
        const auto m = messages_of(op, lead)[0];
        CHECK(m["status"] == "failed");
        CHECK(m["error"].get<std::string>().find("30005") != std::string::npos);
    }
    SECTION("a receipt for nobody's message changes nothing") {
        auto unknown = post_twilio(provider, url, "/api/webhooks/sms/status",
                                   {{"MessageSid", "SMnobody"}, {"MessageStatus", "delivered"}}, kToken);
        CHECK(unknown.status == 200);
        CHECK(unknown.header("x-applied") == "0");
    }
}

TEST_CASE("Twilio refusing a message for good: failed, with the reason") {
    HttpStandIn api(400, R"({"code":21211,"message":"invalid To"})");
    ScopedEnv env;
    use_twilio(env, api);
    TestServer server;
    Client op = server.client();
    REQUIRE(op.login("admin").status == 200);
    const auto lead = lead_named(op, "Mathis")["id"].get<std::int64_t>();
    const auto sms = send_sms(op, lead, "Un message qui ne partira pas.");
    CHECK(sms["status"] == "failed");
    CHECK(sms["error"].get<std::string>().find("400") != std::string::npos);
    CHECK(sms["sentAt"].is_null());
}

TEST_CASE("SMTP: an e-mail the server accepted is sent") {
    SmtpMailbox smtp;
    ScopedEnv env;
    env.set("SMTP_URL", smtp.url());
    TestServer server;
    Client op = server.client();
    REQUIRE(op.login("admin").status == 200);
    const auto rose = lead_named(op, "Rose");
    REQUIRE(op.post("/api/leads/" + rose["id"].dump() + "/messages",
                    {{"channel", "email"}, {"subject", "Votre projet"}, {"body", "Bonjour Rose"}})
                .status == 202);
    op.post("/api/jobs/run-due");
    const auto m = messages_of(op, rose["id"].get<std::int64_t>())[0];
    CHECK(m["status"] == "sent");
    CHECK(m["provider"] == "smtp");
    CHECK(mails_to(smtp, rose["email"]).size() == 1);
    CHECK(op.get("/api/integrations").json()["email"] == "smtp");
}

TEST_CASE("the outbox is sent once a provider is configured: each message once, stops re-checked") {
    const auto dir = make_temp_dir();
    const auto db = dir + "/crm.db";
    std::int64_t mathis = 0, rose = 0, outbox_sms = 0;
    {  // A first life without a provider: two SMS wait in the outbox.
        TestServer server([&](Config& c) { c.db_path = db; });
        Client op = server.client();
        REQUIRE(op.login("admin").status == 200);
        mathis = lead_named(op, "Mathis")["id"].get<std::int64_t>();
        rose = lead_named(op, "Rose")["id"].get<std::int64_t>();
        outbox_sms = send_sms(op, mathis, "Je vous rappelle à 15 h.")["id"].get<std::int64_t>();
        REQUIRE(send_sms(op, rose, "Bonne nouvelle pour votre bien.")["status"] == "outbox");
        // Rose asked not to be contacted meanwhile.
        REQUIRE(op.post("/api/leads/" + std::to_string(rose) + "/outcome", {{"outcome", "dnc"}}).status == 200);
        server.stop();
    }
    HttpStandIn api(201, R"({"sid":"SMlater"})");
    ScopedEnv env;
    use_twilio(env, api);
    TestServer server([&](Config& c) { c.db_path = db; });
    Client op = server.client();
    REQUIRE(op.login("admin").status == 200);
    CHECK(op.get("/api/integrations").json()["outbox"]["sms"] == 2);
    auto pressed = op.post("/api/messages/send-outbox");
    REQUIRE(pressed.status == 202);
    CHECK(pressed.json()["queued"]["sms"] == 2);
    CHECK(op.post("/api/messages/send-outbox").json()["queued"]["sms"] == 0);  // pressed twice: once
    op.post("/api/jobs/run-due");
    op.post("/api/jobs/run-due");
    const auto sent = messages_of(op, mathis);
    REQUIRE(sent.size() == 1);  // the same row, now sent
    CHECK(sent[0]["id"] == outbox_sms);
    CHECK(sent[0]["status"] == "sent");
    CHECK(sent[0]["providerId"] == "SMlater");
    REQUIRE(api.seen().size() == 1);  // Rose's never left: she is do-not-contact now
    CHECK(api.seen()[0].body.find("15%20h") != std::string::npos);
    const auto blocked = messages_of(op, rose);
    REQUIRE(blocked.size() == 1);
    CHECK(blocked[0]["status"] == "blocked");
    CHECK(op.post("/api/messages/send-outbox").json()["queued"]["sms"] == 0);
    server.stop();
    std::filesystem::remove_all(dir);
}

TEST_CASE("a reply comes back in: the thread, a notification, and the lead raised in the queue until called") {
    ScopedEnv env;
    env.set("TWILIO_AUTH_TOKEN", kToken);
    TestServer server;
    Client op = server.client();
    REQUIRE(op.login("admin").status == 200);
    // A lead waiting for its J+2 follow-up: out of the queue today.
    const auto lead = op.post("/api/leads", {{"firstName", "Hélène"},
                                             {"lastName", "Vasseur"},
                                             {"phone", "06 44 55 66 77"},
                                             {"intention", "sell"},
                                             {"timelineMonths", 6},
                                             {"city", "Lyon"},
                                             {"zip", "69003"},
                                             {"consent", true},
                                             {"consentSource", "web"}})
                          .json();
    const auto id = lead["id"].get<std::int64_t>();
    REQUIRE(op.post("/api/leads/" + std::to_string(id) + "/outcome", {{"outcome", "no_answer"}}).status == 200);
    auto in_queue = [&] {
        const auto queue = op.get("/api/queue?limit=500").json();
        for (const auto& item : queue["items"])
            if (item["lead"]["id"] == id) return item;
        return nlohmann::json();
    };
    REQUIRE(in_queue().is_null());

    server.set_clock(server.now() + 600);
    Client provider = server.client();
    // The provider writes the number its own way: the lead was typed "06 44 55 66 77".
    auto res = post_twilio(provider, server.app().public_url(), "/api/webhooks/sms",
                           {{"From", "+33644556677"}, {"Body", "Rappelez-moi demain 18h svp"}}, kToken);
    REQUIRE(res.status == 200);
    CHECK(res.header("x-replies") == "1");
    CHECK(res.header("x-opted-out") == "0");

    const auto item = in_queue();
    REQUIRE(item.is_object());
    bool reason = false;
    for (const auto& r : item["reasons"]) reason = reason || r.get<std::string>().rfind("a répondu par SMS", 0) == 0;
    CHECK(reason);
    CHECK(op.get("/api/queue?limit=1").json()["items"][0]["lead"]["id"] == id);  // first: it answered

    // The thread: out (template A, in the outbox) then in, in order.
    op.post("/api/jobs/run-due");
    const auto timeline = op.get("/api/leads/" + std::to_string(id) + "/timeline").json()["items"];
    bool out = false, in = false;
    for (const auto& t : timeline) {
        if (t["type"] == "message" && t["channel"] == "sms") out = true;
        if (t["type"] == "interaction" && t["kind"] == "sms" && t["direction"] == "in") {
            in = true;
            CHECK(t["summary"] == "Rappelez-moi demain 18h svp");
        }
    }
    CHECK(out);
    CHECK(in);
    bool notified = false;
    const auto notes = op.get("/api/notifications").json();
    for (const auto& n : notes["items"])
        if (n["kind"] == "sms_reply" && n["leadId"] == id)
            notified = n["message"].get<std::string>().find("Rappelez-moi demain 18h") != std::string::npos;
    CHECK(notified);

    // Called back: the reason goes, and the follow-up schedule applies again.
    REQUIRE(op.post("/api/leads/" + std::to_string(id) + "/outcome", {{"outcome", "answered"}}).status == 200);
    const auto after = in_queue();
    if (after.is_object())
        for (const auto& r : after["reasons"]) CHECK(r.get<std::string>().rfind("a répondu", 0) != 0);
    CHECK(op.get("/api/leads/" + std::to_string(id)).json()["repliedAt"].is_null());

    SECTION("a number nobody has is never lost") {
        auto unknown = post_twilio(provider, server.app().public_url(), "/api/webhooks/sms",
                                   {{"From", "+33699887766"}, {"Body", "C'est pour la maison à vendre"}}, kToken);
        CHECK(unknown.header("x-replies") == "0");
        bool listed = false;
        const auto unknown_notes = op.get("/api/notifications").json();
        for (const auto& n : unknown_notes["items"])
            listed = listed || (n["kind"] == "sms_unknown" &&
                                n["message"].get<std::string>().find("+33699887766") != std::string::npos &&
                                n["message"].get<std::string>().find("maison à vendre") != std::string::npos);
        CHECK(listed);
    }
}

TEST_CASE("the agent gets the appointment: REQUEST on delivery, CANCEL and REQUEST on reassignment, CANCEL on refund") {
    SmtpMailbox smtp;
    ScopedEnv env;
    env.set("SMTP_URL", smtp.url());
    TestServer server;
    Client op = server.client();
    REQUIRE(op.login("admin").status == 200);
    const auto lead = ready_lead(op, "Delorme", "06 39 98 12 34");
    REQUIRE(op.post("/api/leads/" + std::to_string(lead) + "/outcome",
                    {{"outcome", "booked"},
                     {"slot",
                      {{"start", "2026-11-24T13:00:00Z"}, {"end", "2026-11-24T14:00:00Z"}, {"location", "Lyon 3e"}}}})
                .status == 200);
    op.post("/api/jobs/run-due");
    const auto seller_mails = mails_to(smtp, "camille.Delorme@example.fr");
    REQUIRE(seller_mails.size() == 1);
    const auto seller = read_invitation(SmtpMailbox::decoded_parts(seller_mails[0], "text/calendar"));
    CHECK(seller.method == "REQUEST");

    const auto alice = agent_id(op, "alice.martin"), ben = agent_id(op, "ben.leroy");
    auto delivered = op.post("/api/deliveries", {{"leadId", lead}, {"agentId", alice}, {"channel", "link"}});
    REQUIRE(delivered.status == 201);
    op.post("/api/jobs/run-due");
    auto to_alice = mails_to(smtp, "alice.martin@example.fr");
    REQUIRE(to_alice.size() == 1);
    const auto invite = read_invitation(SmtpMailbox::decoded_parts(to_alice[0], "text/calendar"));
    CHECK(invite.method == "REQUEST");
    CHECK(invite.uid == seller.uid);  // the same event in every calendar
    CHECK(invite.sequence == 1);
    CHECK(to_alice[0].find("Subject: =?UTF-8?B?") != std::string::npos);
    CHECK(SmtpMailbox::plain_text(to_alice[0]).find("vous revient") != std::string::npos);

    {  // Alice's "Mes rendez-vous".
        Client a = server.client();
        REQUIRE(a.login("alice.martin").status == 200);
        const auto mine = a.get("/api/agent/appointments").json()["items"];
        REQUIRE(mine.size() >= 1);
        nlohmann::json appt;
        for (const auto& m : mine)
            if (m["leadId"] == lead) appt = m;
        REQUIRE(appt.is_object());
        CHECK(appt["start"] == "2026-11-24T13:00:00Z");
        CHECK(appt["lead"]["lastName"] == "D.");  // not committed yet
        const auto ics = a.get(appt["icsUrl"].get<std::string>());
        REQUIRE(ics.status == 200);
        CHECK(read_invitation(ics.body).uid == seller.uid);
        Client b = server.client();
        REQUIRE(b.login("ben.leroy").status == 200);
        CHECK(b.get(appt["icsUrl"].get<std::string>()).status == 404);  // not his
    }

    const auto delivery = delivered.json()["id"].dump();
    REQUIRE(op.post("/api/deliveries/" + delivery + "/reassign", {{"agentId", ben}}).status == 200);
    op.post("/api/jobs/run-due");
    to_alice = mails_to(smtp, "alice.martin@example.fr");
    REQUIRE(to_alice.size() == 2);
    const auto cancel = read_invitation(SmtpMailbox::decoded_parts(to_alice[1], "text/calendar"));
    CHECK(cancel.method == "CANCEL");
    CHECK(cancel.status == "CANCELLED");
    CHECK(cancel.uid == seller.uid);
    CHECK(cancel.sequence > invite.sequence);
    auto to_ben = mails_to(smtp, "ben.leroy@example.fr");
    REQUIRE(to_ben.size() == 1);
    const auto ben_invite = read_invitation(SmtpMailbox::decoded_parts(to_ben[0], "text/calendar"));
    CHECK(ben_invite.method == "REQUEST");
    CHECK(ben_invite.uid == seller.uid);
    CHECK(ben_invite.sequence >= cancel.sequence);

    // Refund: Ben's calendar loses it too.
    std::string ben_delivery;
    const auto deliveries = op.get("/api/deliveries").json();
    for (const auto& d : deliveries["items"])
        if (d["leadId"] == lead && d["status"] != "refunded") ben_delivery = d["id"].dump();
    REQUIRE_FALSE(ben_delivery.empty());
    REQUIRE(op.post("/api/deliveries/" + ben_delivery + "/refund", {{"reason", "Doublon"}}).status == 200);
    op.post("/api/jobs/run-due");
    to_ben = mails_to(smtp, "ben.leroy@example.fr");
    REQUIRE(to_ben.size() == 2);
    const auto ben_cancel = read_invitation(SmtpMailbox::decoded_parts(to_ben[1], "text/calendar"));
    CHECK(ben_cancel.method == "CANCEL");
    CHECK(ben_cancel.uid == seller.uid);
    CHECK(ben_cancel.sequence > ben_invite.sequence);
    Client b = server.client();
    REQUIRE(b.login("ben.leroy").status == 200);
    const auto bens = b.get("/api/agent/appointments").json();
    for (const auto& m : bens["items"]) CHECK(m["leadId"] != lead);
}
