// The agent side: own leads only, logging calls, accepting deliveries with credits.
#include <catch2/catch.hpp>

#include "support/test_server.hpp"

using namespace crm;
using namespace crm::testing;

namespace {
std::int64_t user_id(Client& c) {
    return c.get("/api/me").json()["id"].get<std::int64_t>();
}
}  // namespace

TEST_CASE("an agent sees only the leads assigned to them") {
    TestServer server;
    Client alice = server.client(), ben = server.client();
    REQUIRE(alice.login("alice.martin").status == 200);
    REQUIRE(ben.login("ben.leroy").status == 200);
    const auto alice_id = user_id(alice);
    const auto alice_leads = alice.get("/api/leads/assigned").json()["items"];
    const auto ben_leads = ben.get("/api/leads/assigned").json()["items"];
    REQUIRE(alice_leads.size() > 0);
    REQUIRE(ben_leads.size() > 0);
    for (const auto& l : alice_leads) CHECK(l["assignedAgentId"] == alice_id);

    const auto bens_lead = ben_leads[0]["id"].dump();
    CHECK(alice.get("/api/agent/leads/" + bens_lead).status == 404);
    CHECK(alice.post("/api/agent/leads/" + bens_lead + "/interactions", {{"kind", "note"}, {"summary", "x"}}).status ==
          404);
    CHECK(alice.get("/api/agent/leads/" + alice_leads[0]["id"].dump()).status == 200);
}

TEST_CASE("an agent logs a call and sees it first in the lead's history") {
    TestServer server;
    Client alice = server.client();
    REQUIRE(alice.login("alice.martin").status == 200);
    const auto lead = alice.get("/api/leads/assigned").json()["items"][0]["id"].dump();
    auto res = alice.post("/api/agent/leads/" + lead + "/interactions",
                          {{"kind", "call"}, {"summary", "Rappelée, visite fixée jeudi"}, {"durationS", 95}});
    REQUIRE(res.status == 201);
    CHECK(res.json()["kind"] == "call");
    CHECK(res.json()["timestamp"] == kTestNow);
    auto detail = alice.get("/api/agent/leads/" + lead).json();
    CHECK(detail["interactions"][0]["summary"] == "Rappelée, visite fixée jeudi");
    CHECK(detail["interactions"][0]["userName"] == "Alice Martin");
    CHECK(detail["interactions"][0]["durationS"] == 95);
}

TEST_CASE("accepting a credits delivery charges its exact price once") {
    TestServer server;
    Client alice = server.client();
    REQUIRE(alice.login("alice.martin").status == 200);
    const auto balance = alice.get("/api/agent/credits").json()["balanceCents"].get<std::int64_t>();
    nlohmann::json pending;
    const auto deliveries = alice.get("/api/agent/deliveries").json();
    for (const auto& d : deliveries["items"])
        if (d["status"] == "sent") pending = d;
    REQUIRE(pending.is_object());
    const auto price = pending["priceCents"].get<std::int64_t>();
    const auto target = "/api/agent/deliveries/" + pending["id"].dump() + "/accept";

    auto res = alice.post(target);
    REQUIRE(res.status == 200);
    CHECK(res.json()["status"] == "accepted");
    CHECK(res.json()["paidAt"] == kTestNow);
    auto credits = alice.get("/api/agent/credits").json();
    CHECK(credits["balanceCents"].get<std::int64_t>() == balance - price);
    CHECK(credits["ledger"][0]["amountCents"].get<std::int64_t>() == -price);

    CHECK(alice.post(target).status == 200);  // accepting twice charges once
    CHECK(alice.get("/api/agent/credits").json()["balanceCents"].get<std::int64_t>() == balance - price);

    Client ben = server.client();
    REQUIRE(ben.login("ben.leroy").status == 200);
    CHECK(ben.post(target).status == 404);  // not his delivery
}

TEST_CASE("accepting with too little credit is a clear 409 and charges nothing") {
    TestServer server;
    {
        auto db = server.app().pool().acquire();
        db->exec("UPDATE users SET credits_cents = 100 WHERE username = 'alice.martin'");
    }
    Client alice = server.client();
    REQUIRE(alice.login("alice.martin").status == 200);
    const auto deliveries = alice.get("/api/agent/deliveries").json();
    int refused = 0;
    for (const auto& d : deliveries["items"]) {
        if (d["status"] != "sent") continue;
        auto res = alice.post("/api/agent/deliveries/" + d["id"].dump() + "/accept");
        CHECK(res.status == 409);
        CHECK(res.json()["error"]["code"] == "insufficient_credits");
        ++refused;
    }
    CHECK(refused == 1);
    CHECK(alice.get("/api/agent/credits").json()["balanceCents"] == 100);
}

TEST_CASE("a refund request needs a reason") {
    TestServer server;
    Client ben = server.client();
    REQUIRE(ben.login("ben.leroy").status == 200);
    const auto d = ben.get("/api/agent/deliveries").json()["items"][0]["id"].dump();
    CHECK(ben.post("/api/agent/deliveries/" + d + "/refund-request", {{"reason", ""}}).status == 422);
    auto res = ben.post("/api/agent/deliveries/" + d + "/refund-request", {{"reason", "Numéro injoignable"}});
    CHECK(res.status == 202);
    CHECK(res.json()["refundReason"] == "Numéro injoignable");
    CHECK_FALSE(res.json()["refundRequestedAt"].is_null());
}
