// French prospecting rules at the server, and GDPR export and erasure, over HTTP.
#include <catch2/catch.hpp>

#include "support/test_server.hpp"

using namespace crm;
using namespace crm::testing;

TEST_CASE("starting a call respects the window, consent and the caps") {
    TestServer server;
    Client op = server.client();
    REQUIRE(op.login("admin").status == 200);
    const auto jade = lead_named(op, "Jade");                                    // no consent
    const auto sarah = lead_named(op, "Sarah");                                  // consent
    CHECK(op.post("/api/leads/" + jade["id"].dump() + "/calls").status == 201);  // Friday 10:30: open

    REQUIRE(op.post("/api/test/clock", {{"now", "2026-11-21T10:00:00Z"}}).status == 200);  // Saturday
    REQUIRE(op.login("admin").status == 200);  // the jump ended the idle session
    auto refused = op.post("/api/leads/" + jade["id"].dump() + "/calls");
    REQUIRE(refused.status == 409);
    CHECK(refused.json()["error"]["code"] == "window");
    CHECK(refused.json()["nextOpenAt"] == "2026-11-23T09:00:00Z");  // Monday 10:00 Paris
    auto exempt = op.post("/api/leads/" + sarah["id"].dump() + "/calls");
    REQUIRE(exempt.status == 201);
    CHECK(exempt.json()["consentExempt"] == true);

    // What happened on a call is always recorded, even outside the rules, and flagged.
    REQUIRE(op.post("/api/leads/" + jade["id"].dump() + "/outcome", {{"outcome", "answered"}}).status == 200);
    CHECK(query_int(server, "SELECT COUNT(*) FROM audit_log WHERE action = 'call.outside_window'") == 1);

    // Four attempts in 30 days without consent: the fifth is refused until the first is 30 days old.
    REQUIRE(op.post("/api/test/clock", {{"now", "2026-11-23T09:00:00Z"}}).status == 200);
    REQUIRE(op.login("admin").status == 200);
    for (int i = 0; i < 3; ++i)
        REQUIRE(op.post("/api/leads/" + jade["id"].dump() + "/outcome", {{"outcome", "answered"}}).status == 200);
    auto capped = op.post("/api/leads/" + jade["id"].dump() + "/calls");
    REQUIRE(capped.status == 409);
    CHECK(capped.json()["error"]["code"] == "cap");
    CHECK(capped.json()["until"] == "2026-12-21T10:00:00Z");

    const auto ethan = lead_named(op, "Ethan");  // do not contact
    CHECK(op.post("/api/leads/" + ethan["id"].dump() + "/calls").json()["error"]["code"] == "dnc");
}

TEST_CASE("GDPR: export everything, then erase the person but keep the money and the counts") {
    TestServer server;
    Client op = server.client();
    REQUIRE(op.login("admin").status == 200);
    const auto lead = lead_named(op, "Sophie");  // delivered to alice and paid
    const auto path = "/api/leads/" + lead["id"].dump();
    REQUIRE(op.post(path + "/notes", {{"text", "Vend après une mutation à Nantes"}}).status == 201);

    const auto exported = op.get(path + "/export");
    REQUIRE(exported.status == 200);
    const auto data = exported.json();
    CHECK(data["lead"]["lastName"] == "Lefèvre");
    bool note = false;
    for (const auto& i : data["interactions"]) note = note || i["summary"] == "Vend après une mutation à Nantes";
    CHECK(note);
    CHECK(data["deliveries"].size() == 1);

    const int payments = query_int(server, "SELECT SUM(amount_cents) FROM payments");
    const int deliveries = query_int(server, "SELECT COUNT(*) FROM deliveries");
    REQUIRE(op.post(path + "/erase").status == 204);

    const auto after = op.get(path).json();
    CHECK(after["firstName"] == "[effacé]");
    CHECK(after["lastName"] == "[effacé]");
    CHECK(after["phone"] == "[effacé]");
    CHECK(after["phoneE164"].is_null());
    CHECK(after["email"].is_null());
    CHECK(op.get("/api/leads?q=Lef%C3%A8vre").json()["total"] == 0);
    CHECK(op.get("/api/leads?q=" + lead["phone"].get<std::string>().substr(0, 2)).json()["total"].get<int>() >= 0);
    const auto timeline_items = op.get(path + "/timeline").json()["items"];
    for (const auto& item : timeline_items)
        if (item["type"] == "interaction") CHECK(item["summary"] == "[effacé]");
    Client alice = server.client();
    REQUIRE(alice.login("alice.martin").status == 200);
    const auto alice_leads = alice.get("/api/leads/assigned").json()["items"];
    for (const auto& l : alice_leads) CHECK(l["lastName"] != "Lefèvre");
    CHECK(query_int(server, "SELECT SUM(amount_cents) FROM payments") == payments);
    CHECK(query_int(server, "SELECT COUNT(*) FROM deliveries") == deliveries);
    CHECK(query_int(server, "SELECT COUNT(*) FROM audit_log WHERE action = 'lead.erase'") == 1);
    CHECK(query_int(
              server,
              "SELECT COUNT(*) FROM audit_log WHERE after_json LIKE '%Lefèvre%' OR before_json LIKE '%Lefèvre%'") == 0);
}

TEST_CASE("consent given on the phone: recorded word for word, audited, and it lifts the window") {
    TestServer server;
    Client op = server.client();
    REQUIRE(op.login("admin").status == 200);
    const auto jade = lead_named(op, "Jade");  // no consent
    CHECK(jade["consentNeeded"] == true);
    const auto path = "/api/leads/" + jade["id"].dump();
    // Saturday: outside the legal window, so a call without consent is refused...
    REQUIRE(op.post("/api/test/clock", {{"now", "2026-11-21T10:00:00Z"}}).status == 200);
    REQUIRE(op.login("admin").status == 200);  // the jump ended the idle session
    CHECK(op.post(path + "/calls").status == 409);

    const auto res = op.post(path + "/consent");
    REQUIRE(res.status == 200);
    const auto lead = res.json();
    CHECK(lead["consent"] == true);
    CHECK(lead["consentNeeded"] == false);
    CHECK(lead["consentSource"] == "call");
    CHECK(lead["consentAt"] == "2026-11-21T10:00:00Z");
    CHECK(lead["consentText"].get<std::string>().rfind("J'accepte d'être recontacté(e)", 0) == 0);
    // ... and allowed once consent is recorded.
    const auto call = op.post(path + "/calls");
    CHECK(call.status == 201);
    CHECK(call.json()["consentExempt"] == true);
    CHECK(query_int(server, "SELECT COUNT(*) FROM audit_log WHERE action = 'lead.consent' AND entity_id = " +
                                jade["id"].dump() + " AND after_json LIKE '%\"consentSource\":\"call\"%'") == 1);
    bool noted = false;
    const auto history = op.get(path + "/timeline").json()["items"];
    for (const auto& item : history)
        noted = noted || (item["summary"].is_string() &&
                          item["summary"].get<std::string>().rfind("Consentement recueilli par téléphone", 0) == 0);
    CHECK(noted);

    // The script read on the phone is a setting; a do-not-contact lead gives no consent.
    REQUIRE(op.request("PUT", "/api/settings", R"({"compliance": {"consentScript": "Oui, rappelez-moi."}})").status ==
            200);
    const auto sarah = lead_named(op, "Sarah");
    CHECK(op.post("/api/leads/" + sarah["id"].dump() + "/consent").json()["consentText"] == "Oui, rappelez-moi.");
    const auto ethan = lead_named(op, "Ethan");
    CHECK(op.post("/api/leads/" + ethan["id"].dump() + "/consent").json()["error"]["code"] == "dnc");
    CHECK(op.post("/api/leads/" + jade["id"].dump() + "/consent", {{"text", 42}}).status == 400);
}

TEST_CASE("retention: off by default; when set, leads untouched for N months are erased, money kept") {
    TestServer server;
    Client op = server.client();
    REQUIRE(op.login("admin").status == 200);
    CHECK(op.get("/api/settings").json()["compliance"]["retentionMonths"] == 0);
    CHECK(op.request("PUT", "/api/settings", R"({"compliance": {"retentionMonths": 500}})").status == 422);
    const int leads = query_int(server, "SELECT COUNT(*) FROM leads");
    const int money = query_int(server, "SELECT SUM(amount_cents) FROM payments");

    // Seven months later, with the setting off: nothing is erased.
    REQUIRE(op.post("/api/test/clock", {{"now", "2027-06-21T09:00:00Z"}}).status == 200);
    REQUIRE(op.login("admin").status == 200);
    op.post("/api/jobs/run-due");
    CHECK(query_int(server, "SELECT COUNT(*) FROM leads WHERE erased_at IS NOT NULL") == 0);

    // Six months: everyone untouched goes, except the lead the operator just wrote a note on.
    const auto kept = lead_named(op, "Sarah");
    REQUIRE(op.post("/api/leads/" + kept["id"].dump() + "/notes", {{"text", "Toujours vendeuse"}}).status == 201);
    REQUIRE(op.request("PUT", "/api/settings", R"({"compliance": {"retentionMonths": 6}})").status == 200);
    op.post("/api/jobs/run-due");
    CHECK(query_int(server, "SELECT COUNT(*) FROM leads WHERE erased_at IS NOT NULL") == leads - 1);
    CHECK(query_int(server, "SELECT COUNT(*) FROM leads WHERE first_name = '[effacé]'") == leads - 1);
    CHECK(op.get("/api/leads/" + kept["id"].dump()).json()["firstName"] == "Sarah");
    CHECK(query_int(server, "SELECT COUNT(*) FROM leads") == leads);  // counts stay
    CHECK(query_int(server, "SELECT SUM(amount_cents) FROM payments") == money);
    CHECK(query_int(server, "SELECT COUNT(*) FROM audit_log WHERE action = 'lead.erase' AND user_id IS NULL") ==
          leads - 1);
    op.post("/api/jobs/run-due");  // erased leads are not erased again
    CHECK(query_int(server, "SELECT COUNT(*) FROM audit_log WHERE action = 'lead.erase'") == leads - 1);
}
