// French prospecting rules at the server, and GDPR export and erasure, over HTTP.
#include <catch2/catch.hpp>

#include "support/test_server.hpp"

using namespace crm;
using namespace crm::testing;

namespace {
nlohmann::json lead_named(Client& op, const std::string& first) {
    const auto list = op.get("/api/leads?limit=1000").json();
    for (const auto& l : list["items"])
        if (l["firstName"] == first) return l;
    FAIL("no lead named " << first);
    return nullptr;
}
int count(TestServer& s, const std::string& sql) {
    auto db = s.app().pool().acquire();
    auto st = db->prepare(sql);
    st.step();
    return st.get_int(0);
}
}  // namespace

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
    CHECK(count(server, "SELECT COUNT(*) FROM audit_log WHERE action = 'call.outside_window'") == 1);

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

    const int payments = count(server, "SELECT SUM(amount_cents) FROM payments");
    const int deliveries = count(server, "SELECT COUNT(*) FROM deliveries");
    REQUIRE(op.post(path + "/erase").status == 204);

    const auto after = op.get(path).json();
    CHECK(after["firstName"] == "[effacé]");
    CHECK(after["lastName"] == "[effacé]");
    CHECK(after["phone"] == "[effacé]");
    CHECK(after["phoneE164"].is_null());
    CHECK(after["email"].is_null());
    CHECK(op.get("/api/leads?q=Lef%C3%A8vre").json()["total"] == 0);
    CHECK(op.get("/api/leads?q=" + lead["phone"].get<std::string>().substr(0, 2)).json()["total"].get<int>() >= 0);
    for (const auto& item : op.get(path + "/timeline").json()["items"])
        if (item["type"] == "interaction") CHECK(item["summary"] == "[effacé]");
    Client alice = server.client();
    REQUIRE(alice.login("alice.martin").status == 200);
    for (const auto& l : alice.get("/api/leads/assigned").json()["items"]) CHECK(l["lastName"] != "Lefèvre");
    CHECK(count(server, "SELECT SUM(amount_cents) FROM payments") == payments);
    CHECK(count(server, "SELECT COUNT(*) FROM deliveries") == deliveries);
    CHECK(count(server, "SELECT COUNT(*) FROM audit_log WHERE action = 'lead.erase'") == 1);
    CHECK(count(server,
                "SELECT COUNT(*) FROM audit_log WHERE after_json LIKE '%Lefèvre%' OR before_json LIKE '%Lefèvre%'") ==
          0);
}
