// Real peers on loopback: a small HTTP server standing in for a Twilio-compatible SMS API (it
// checks the request and the idempotency header), Debian's aiosmtpd receiving the booking
// e-mail with its .ics, and signed inbound "STOP" messages.
#include <atomic>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <catch2/catch.hpp>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <thread>

#include "integrations/twilio_signature.hpp"
#include "support/http_stand_in.hpp"
#include "support/processes.hpp"
#include "support/test_server.hpp"

using namespace crm;
using namespace crm::testing;
namespace beast = boost::beast;
namespace net = boost::asio;
using tcp = net::ip::tcp;

namespace {

// The Twilio-compatible stand-in: 201 with a message sid unless told otherwise.
struct SmsApiStandIn : HttpStandIn {
    SmsApiStandIn() : HttpStandIn(201, R"({"sid":"SM0123456789"})") {}
};

using Env = ScopedEnv;  // providers' settings, removed at the end of the test

// The server's SMS provider: the stand-in, as a Twilio-compatible API.
void use_sms_stand_in(Env& env, const SmsApiStandIn& api) {
    env.set("SMS_PROVIDER", "twilio");
    env.set("TWILIO_ACCOUNT_SID", "AC123");
    env.set("TWILIO_AUTH_TOKEN", "secret-token");
    env.set("TWILIO_FROM", "+33700000000");
    env.set("TWILIO_BASE_URL", "http://127.0.0.1:" + std::to_string(api.port()));
}

}  // namespace

TEST_CASE("SMS through a Twilio-compatible API: the request, the idempotency key, retries") {
    SmsApiStandIn api;
    Env env;
    use_sms_stand_in(env, api);
    TestServer server;
    Client op = server.client();
    REQUIRE(op.login("admin").status == 200);
    const auto lead = lead_named(op, "Sarah");
    const auto path = "/api/leads/" + lead["id"].dump();

    api.status = 503;  // the provider is down first
    REQUIRE(op.post(path + "/outcome", {{"outcome", "no_answer"}}).status == 200);
    op.post("/api/jobs/run-due");
    auto jobs = op.get("/api/jobs?leadId=" + lead["id"].dump() + "&status=pending").json()["items"];
    REQUIRE(jobs.size() == 1);
    CHECK(jobs[0]["attempts"] == 1);
    CHECK(jobs[0]["lastError"].get<std::string>().find("503") != std::string::npos);
    auto messages = op.get("/api/messages?leadId=" + lead["id"].dump()).json()["items"];
    REQUIRE(messages.size() == 1);
    CHECK(messages[0]["status"] == "queued");

    api.status = 201;  // back up: the retry (due after the backoff) goes through, once
    REQUIRE(op.post("/api/test/clock", {{"now", "2026-11-20T09:32:00Z"}}).status == 200);
    op.post("/api/jobs/run-due");
    const auto seen = api.seen();
    REQUIRE(seen.size() == 2);
    CHECK(seen[1].target == "/2010-04-01/Accounts/AC123/Messages.json");
    CHECK(seen[1].body.find("To=%2B" + lead["phoneE164"].get<std::string>().substr(1)) != std::string::npos);
    CHECK(seen[1].body.find("From=%2B33700000000") != std::string::npos);
    CHECK(seen[1].body.find("Body=Bonjour%20Sarah") != std::string::npos);
    CHECK_FALSE(seen[1].header("I-Twilio-Idempotency-Token").empty());
    CHECK(seen[1].header("I-Twilio-Idempotency-Token") ==
          seen[0].header("I-Twilio-Idempotency-Token"));  // the same key on the retry
    messages = op.get("/api/messages?leadId=" + lead["id"].dump()).json()["items"];
    REQUIRE(messages.size() == 1);
    CHECK(messages[0]["status"] == "sent");
    CHECK(messages[0]["providerId"] == "SM0123456789");
}

TEST_CASE("a job that keeps failing ends in failed; the operator's Retry sends it once") {
    SmsApiStandIn api;
    Env env;
    use_sms_stand_in(env, api);
    TestServer server;
    Client op = server.client();
    REQUIRE(op.login("admin").status == 200);
    const auto lead = lead_named(op, "Sarah");
    const auto id = lead["id"].dump();
    api.status = 503;
    REQUIRE(op.post("/api/leads/" + id + "/outcome", {{"outcome", "no_answer"}}).status == 200);
    // Five attempts an hour apart (past every backoff), all refused by the provider.
    for (int hour = 0; hour < 5; ++hour) {
        const std::string at = "2026-11-20T1" + std::to_string(hour) + ":00:00Z";
        REQUIRE(op.post("/api/test/clock", {{"now", at}}).status == 200);
        op.post("/api/jobs/run-due");
    }
    auto failed = op.get("/api/jobs?leadId=" + id + "&status=failed").json()["items"];
    REQUIRE(failed.size() == 1);
    CHECK(failed[0]["attempts"] == 5);
    CHECK(failed[0]["sentAt"].is_null());
    const auto job = failed[0]["id"].dump();

    // Only a failed job can be retried; an unknown one is 404.
    const auto pending_sms = op.get("/api/jobs?leadId=" + id).json()["items"];
    for (const auto& j : pending_sms)
        if (j["status"] == "done") CHECK(op.post("/api/jobs/" + j["id"].dump() + "/retry").status == 409);
    CHECK(op.post("/api/jobs/999999/retry").status == 404);

    api.status = 201;
    const auto retried = op.post("/api/jobs/" + job + "/retry");
    REQUIRE(retried.status == 200);
    CHECK(retried.json()["status"] == "pending");
    CHECK(retried.json()["attempts"] == 0);
    CHECK(op.post("/api/jobs/" + job + "/retry").status == 409);  // already pending again
    op.post("/api/jobs/run-due");
    const auto done = op.get("/api/jobs?leadId=" + id + "&status=done").json()["items"];
    bool sent = false;
    for (const auto& j : done)
        if (j["id"].dump() == job) sent = !j["sentAt"].is_null();
    CHECK(sent);
    CHECK(api.seen().size() == 6);  // five refusals, then exactly one delivery
    const auto messages = op.get("/api/messages?leadId=" + id).json()["items"];
    REQUIRE(messages.size() == 1);
    CHECK(messages[0]["status"] == "sent");
    const auto audit = op.get("/api/audit?entity=job&entityId=" + job).json()["items"];
    REQUIRE(audit.size() == 1);
    CHECK(audit[0]["action"] == "job.retry");
}

TEST_CASE("inbound STOP, signed by the provider, sets DNC at once") {
    Env env;
    env.set("TWILIO_AUTH_TOKEN", "secret-token");
    TestServer server;
    Client op = server.client();
    REQUIRE(op.login("admin").status == 200);
    const auto lead = lead_named(op, "Mathis");
    const std::map<std::string, std::string> params = {{"From", lead["phoneE164"].get<std::string>()},
                                                       {"Body", "Stop"}};
    const std::string form =
        "From=" + std::string("%2B") + lead["phoneE164"].get<std::string>().substr(1) + "&Body=Stop";
    const std::string url = server.app().public_url() + "/api/webhooks/sms";
    Client provider = server.client();
    auto forged = provider.request(
        "POST", "/api/webhooks/sms", form,
        {{"Content-Type", "application/x-www-form-urlencoded"}, {"X-Twilio-Signature", "AAAA"}}, false);
    CHECK(forged.status == 400);
    CHECK(op.get("/api/leads/" + lead["id"].dump()).json()["dnc"] == false);
    auto res = provider.request("POST", "/api/webhooks/sms", form,
                                {{"Content-Type", "application/x-www-form-urlencoded"},
                                 {"X-Twilio-Signature", integrations::twilio_signature("secret-token", url, params)}},
                                false);
    REQUIRE(res.status == 200);
    CHECK(res.header("x-opted-out") == "1");
    const auto after = op.get("/api/leads/" + lead["id"].dump()).json();
    CHECK(after["dnc"] == true);
    CHECK(after["status"] == "dnc");
}

TEST_CASE("the booking e-mail reaches a real SMTP server with its .ics") {
    SmtpMailbox smtp;
    {
        Env env;
        env.set("SMTP_URL", smtp.url());
        env.set("SMTP_FROM", "Lead CRM <crm@example.fr>");
        TestServer server;
        Client op = server.client();
        REQUIRE(op.login("admin").status == 200);
        const auto lead = lead_named(op, "Rose");
        REQUIRE(
            op.post("/api/leads/" + lead["id"].dump() + "/outcome",
                    {{"outcome", "booked"},
                     {"slot",
                      {{"start", "2026-11-24T13:00:00Z"}, {"end", "2026-11-24T14:00:00Z"}, {"location", "Marseille"}}}})
                .status == 200);
        op.post("/api/jobs/run-due");
        const auto mails = smtp.messages();
        REQUIRE(mails.size() == 1);
        const auto& mail = mails[0];
        CHECK(mail.find("To: <" + lead["email"].get<std::string>() + ">") != std::string::npos);
        CHECK(mail.find("Content-Type: text/calendar") != std::string::npos);
        CHECK(mail.find("filename=\"rendez-vous.ics\"") != std::string::npos);
        // Decode the attachment with Python's e-mail parser: a real calendar with our times.
        const std::string decode =
            "/usr/bin/python3 -c \"import email,sys; m=email.message_from_file(open(sys.argv[1])); "
            "print([p.get_payload(decode=True).decode() for p in m.walk() "
            "if p.get_content_type()=='text/calendar'][0])\" ";
        const auto dir = make_temp_dir();
        const std::string file = dir + "/mail.eml";
        std::ofstream(file) << mail;
        FILE* d = popen((decode + file).c_str(), "r");
        REQUIRE(d);
        std::string ics;
        char buf[512];
        while (std::fgets(buf, sizeof buf, d)) ics += buf;
        pclose(d);
        std::filesystem::remove_all(dir);
        CHECK(ics.find("BEGIN:VCALENDAR") != std::string::npos);
        CHECK(ics.find("DTSTART:20261124T130000Z") != std::string::npos);
        const auto sent = op.get("/api/messages?leadId=" + lead["id"].dump()).json()["items"];
        bool email_sent = false;
        for (const auto& m : sent) email_sent = email_sent || (m["channel"] == "email" && m["status"] == "sent");
        CHECK(email_sent);
    }
}
