// Creating and editing leads: validation, phone normalisation, duplicates across formats.
#include <catch2/catch.hpp>
#include <set>

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

namespace {

std::set<std::int64_t> found(Client& c, const std::string& encoded_q) {
    auto res = c.get("/api/leads?limit=1000&q=" + encoded_q);
    REQUIRE(res.status == 200);
    const auto body = res.json();
    std::set<std::int64_t> ids;
    for (const auto& l : body["items"]) ids.insert(l["id"].get<std::int64_t>());
    CHECK(body["total"].get<std::size_t>() == ids.size());
    return ids;
}

// What a search must find: the leads with the text inside one of the searched columns,
// ignoring (ASCII) case, computed the slow and obvious way.
std::set<std::int64_t> expected(TestServer& s, const std::string& q) {
    auto db = s.app().pool().acquire();
    // instr (SQLite) and strpos (PostgreSQL): the position of the text, 0 when absent.
    const std::string find = db->dialect() == db::Dialect::postgresql ? "strpos" : "instr";
    std::string where;
    for (const char* column :
         {"first_name", "last_name", "phone", "coalesce(phone_e164, '')", "coalesce(email, '')", "city", "zip"})
        where += std::string(where.empty() ? "" : " OR ") + find + "(lower(" + column + "), lower(?1)) > 0";
    auto st = db->prepare("SELECT id FROM leads WHERE " + where);
    st.bind(1, q);
    std::set<std::int64_t> ids;
    while (st.step()) ids.insert(st.get_int64(0));
    return ids;
}

}  // namespace

TEST_CASE("search finds a lead by any searched column, follows edits and deletions, and takes text literally") {
    TestServer server;
    Client op = server.client();
    REQUIRE(op.login("admin").status == 200);
    // Through the trigram index (3+ characters) and through LIKE (shorter): same meaning.
    for (const std::string q : {"lyon", "LYO", "ly", "06", "+336", "@", "exemple", "690", "e", "Martin"}) {
        INFO("q = " << q);
        const auto want = expected(server, q);
        std::string encoded;
        for (char c : q) encoded += c == '+' ? std::string("%2B") : c == '@' ? std::string("%40") : std::string(1, c);
        CHECK(found(op, encoded) == want);
    }
    CHECK_FALSE(expected(server, "lyon").empty());

    auto created = op.post("/api/leads", {{"firstName", "Éloïse"},
                                          {"lastName", "Quintard"},
                                          {"phone", "06 41 52 63 74"},
                                          {"email", "eloise.q@exemple.fr"},
                                          {"city", "Annecy"},
                                          {"zip", "74000"}});
    REQUIRE(created.status == 201);
    const auto id = created.json()["id"].get<std::int64_t>();
    const std::set<std::int64_t> just{id};
    CHECK(found(op, "quintard") == just);
    CHECK(found(op, "%C3%89LO%C3%8FSE") == just);  // "ÉLOÏSE": accented capitals fold too
    CHECK(found(op, "eloise.q%40") == just);
    CHECK(found(op, "41%2052") == just);  // "41 52" inside the phone as typed
    CHECK(found(op, "%2B33641") == just);

    REQUIRE(
        op.request("PATCH", "/api/leads/" + std::to_string(id), R"({"city": "Valence", "lastName": "Morel"})").status ==
        200);
    CHECK(found(op, "quintard").empty());
    CHECK(found(op, "annecy").count(id) == 0);
    CHECK(found(op, "valence").count(id) == 1);
    CHECK(found(op, "morel").count(id) == 1);

    // Search syntax and wildcards are plain text: no error, no match-everything.
    for (const std::string q : {"%22", "%22%22%22", "a%22b*c", "NEAR(a%20b)", "%25", "50%25", "_", "%5E%2A",
                                "%FF%FE%FD", "%00abc", "AND%20OR%20NOT"}) {
        INFO("q = " << q);
        const auto res = op.get("/api/leads?q=" + q);
        REQUIRE((res.status == 200 || res.status == 422));
        if (res.status == 200) CHECK(res.json()["total"] == 0);
    }

    REQUIRE(op.request("DELETE", "/api/leads/" + std::to_string(id)).status == 204);
    CHECK(found(op, "valence").count(id) == 0);
    auto db = server.app().pool().acquire();
    if (db->dialect() == db::Dialect::sqlite)
        db->exec("INSERT INTO lead_search(lead_search) VALUES ('integrity-check')");  // index == table
}
