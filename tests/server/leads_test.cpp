// Creating and editing leads: validation, phone normalisation, duplicates across formats.
#include <catch2/catch.hpp>

#include "support/test_server.hpp"

using namespace crm;
using namespace crm::testing;

TEST_CASE("a new lead is validated, normalised and audited") {
    TestServer server;
    Client op = server.client();
    REQUIRE(op.login("admin").status == 200);
    auto bad = op.post("/api/leads", {{"firstName", "Léa"}, {"phone", "12"}, {"email", "nope"}, {"zip", "690"}});
    REQUIRE(bad.status == 422);
    for (const char* f : {"phone", "email", "zip"}) CHECK(bad.json()["error"]["fields"].contains(f));
    CHECK(op.post("/api/leads", {{"firstName", 12}}).status == 400);
    CHECK(op.post("/api/leads", {{"firstName", "Léa"}, {"phone", "06 98 76 54 32"}, {"intention", "rent"}}).status ==
          422);

    auto created = op.post("/api/leads", {{"firstName", "Léa"},
                                          {"lastName", "Roux"},
                                          {"phone", "06 98 76 54 32"},
                                          {"city", "Lyon"},
                                          {"consent", true},
                                          {"source", "website"},
                                          {"timelineMonths", 2}});
    REQUIRE(created.status == 201);
    const auto lead = created.json();
    CHECK(lead["phoneE164"] == "+33698765432");
    CHECK(lead["consentAt"] == kTestNow);
    CHECK(lead["stage"] == "new");
    // Fresh: the speed-to-lead bonus puts it with the other lead created minutes ago, at the top.
    const auto top = op.get("/api/queue?limit=2").json()["items"];
    REQUIRE(top.size() == 2);
    const auto& mine = top[0]["leadId"] == lead["id"] ? top[0] : top[1];
    REQUIRE(mine["leadId"] == lead["id"]);
    CHECK(std::find(mine["reasons"].begin(), mine["reasons"].end(), "créé il y a 0 min +100") != mine["reasons"].end());
}

TEST_CASE("duplicates across phone formats and e-mail case get a 409 with the candidates") {
    TestServer server;
    Client op = server.client();
    REQUIRE(op.login("admin").status == 200);
    REQUIRE(op.post("/api/leads", {{"lastName", "Roux"}, {"phone", "06 98 76 54 32"}, {"email", "Lea.Roux@Example.fr"}})
                .status == 201);
    for (const char* phone : {"0698765432", "+33 6 98 76 54 32", "0033 6 98 76 54 32"}) {
        auto dup = op.post("/api/leads", {{"lastName", "Autre"}, {"phone", phone}});
        INFO(phone);
        REQUIRE(dup.status == 409);
        CHECK(dup.json()["error"]["code"] == "duplicate");
        CHECK(dup.json()["candidates"][0]["matchedOn"] == "phone");
    }
    auto by_email = op.post("/api/leads", {{"lastName", "Autre"}, {"email", "lea.roux@example.FR"}});
    REQUIRE(by_email.status == 409);
    CHECK(by_email.json()["candidates"][0]["matchedOn"] == "email");
    CHECK(op.post("/api/leads", {{"lastName", "Autre"}, {"phone", "0698765432"}, {"allowDuplicate", true}}).status ==
          201);
}
