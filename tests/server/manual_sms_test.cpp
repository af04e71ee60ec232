// A manual SMS with marketing content waits for the SMS window (Monday–Saturday 08:00–20:00)
// like the automated ones; a personal text or a transactional template goes at once.
#include <catch2/catch.hpp>

#include "support/test_server.hpp"

using namespace crm;
using namespace crm::testing;

namespace {

std::int64_t messages_of(Client& op, std::int64_t lead) {
    return static_cast<std::int64_t>(op.get("/api/messages?leadId=" + std::to_string(lead)).json()["items"].size());
}

}  // namespace

TEST_CASE("manual SMS: marketing content is held until the window, a conversation is not") {
    TestServer server;
    Client op = server.client();
    REQUIRE(op.login("admin").status == 200);
    auto created = op.post("/api/leads", {{"firstName", "Inès"},
                                          {"lastName", "Sms"},
                                          {"phone", "06 40 00 00 01"},
                                          {"city", "Lyon"},
                                          {"consent", true},
                                          {"consentSource", "call"}});
    REQUIRE(created.status == 201);
    const auto lead = created.json()["id"].get<std::int64_t>();
    const auto path = "/api/leads/" + std::to_string(lead) + "/messages";
    move_clock(op, "2026-11-22T20:00:00Z");  // Sunday 21:00 Paris: the SMS window is closed
    const std::string monday_8 = "2026-11-23T07:00:00Z";

    SECTION("a marketing template waits for Monday 08:00") {
        auto res = op.post(path, {{"channel", "sms"}, {"template", "templateA"}});
        REQUIRE(res.status == 202);
        CHECK(res.json()["heldUntil"] == monday_8);
        REQUIRE(op.post("/api/jobs/run-due").status == 200);
        CHECK(messages_of(op, lead) == 0);
        const auto job = op.get("/api/jobs?leadId=" + std::to_string(lead)).json()["items"][0];
        CHECK(job["status"] == "pending");
        CHECK(job["dueAt"] == monday_8);
        move_clock(op, monday_8);
        REQUIRE(op.post("/api/jobs/run-due").status == 200);
        CHECK(messages_of(op, lead) == 1);
    }
    SECTION("a typed text carrying the marketing opt-out mention waits too") {
        auto res =
            op.post(path, {{"channel", "sms"},
                           {"body", "Estimation offerte cette semaine ! Répondez STOP pour ne plus recevoir de SMS."}});
        REQUIRE(res.status == 202);
        CHECK(res.json()["heldUntil"] == monday_8);
        REQUIRE(op.post("/api/jobs/run-due").status == 200);
        CHECK(messages_of(op, lead) == 0);
    }
    SECTION("a personal reply and a transactional template go at once") {
        auto res = op.post(path, {{"channel", "sms"}, {"body", "Bien reçu, je vous rappelle demain à 10 h."}});
        REQUIRE(res.status == 202);
        CHECK(res.json()["heldUntil"].is_null());
        res = op.post(path, {{"channel", "sms"}, {"template", "reminder"}});
        REQUIRE(res.status == 202);
        CHECK(res.json()["heldUntil"].is_null());
        REQUIRE(op.post("/api/jobs/run-due").status == 200);
        CHECK(messages_of(op, lead) == 2);
    }
}
