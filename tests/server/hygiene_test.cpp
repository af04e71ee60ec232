// Data hygiene over HTTP: duplicates across phone formats, merging (all history moved, the
// counters kept), the duplicate groups view, CSV import with its per-row report (and nothing
// imported from a malformed file), and DNC / bad number at every outbound entry point.
#include <catch2/catch.hpp>

#include "db/database.hpp"
#include "support/test_server.hpp"

using namespace crm;
using namespace crm::testing;

namespace {

std::int64_t rows_for_lead(TestServer& server, const char* table, std::int64_t lead) {
    return query_int(server, std::string("SELECT COUNT(*) FROM ") + table + " WHERE lead_id = " + std::to_string(lead));
}

HttpResult import(Client& op, const std::string& csv) {
    return op.request("POST", "/api/leads/import", csv, {{"Content-Type", "text/csv; charset=utf-8"}});
}

const char* const kHistory[] = {"interactions", "messages", "tasks",        "appointments",
                                "deliveries",   "jobs",     "notifications"};

}  // namespace

TEST_CASE("hygiene: the same mobile in three formats is one person, on create and on edit") {
    TestServer server;
    Client op = server.client();
    REQUIRE(op.login("admin").status == 200);
    auto first = op.post("/api/leads", {{"firstName", "Inès"}, {"lastName", "Morel"}, {"phone", "06 12 34 56 78"}});
    REQUIRE(first.status == 201);
    CHECK(first.json()["phoneE164"] == "+33612345678");
    for (const char* phone : {"06 12 34 56 78", "+33 6 12 34 56 78", "0033 6 12 34 56 78"}) {
        INFO(phone);
        auto dup = op.post("/api/leads", {{"lastName", "Autre"}, {"phone", phone}});
        REQUIRE(dup.status == 409);
        CHECK(dup.json()["error"]["code"] == "duplicate");
        CHECK(dup.json()["candidates"][0]["id"] == first.json()["id"]);
    }
    auto other = op.post("/api/leads", {{"lastName", "Blanc"}, {"phone", "07 55 44 33 22"}});
    REQUIRE(other.status == 201);
    const auto path = "/api/leads/" + other.json()["id"].dump();
    for (const char* phone : {"+33 6 12 34 56 78", "0033 6 12 34 56 78"}) {
        INFO(phone);
        auto edit = op.request("PATCH", path, nlohmann::json{{"phone", phone}}.dump());
        REQUIRE(edit.status == 409);
        CHECK(edit.json()["error"]["code"] == "duplicate");
        CHECK(edit.json()["candidates"][0]["matchedOn"] == "phone");
    }
}

TEST_CASE("hygiene: merge moves every piece of history and keeps the counters") {
    TestServer server;
    Client op = server.client();
    REQUIRE(op.login("admin").status == 200);
    // The older record has a name and a phone; the newer one an e-mail, consent and history.
    auto keep = op.post("/api/leads", {{"firstName", "Hugo"}, {"phone", "06 11 22 33 44"}, {"costCents", 300}});
    REQUIRE(keep.status == 201);
    auto from = op.post("/api/leads", {{"firstName", "Hugo"},
                                       {"lastName", "Perrin"},
                                       {"phone", "+33 6 11 22 33 44"},
                                       {"email", "hugo.perrin@example.fr"},
                                       {"city", "Lyon"},
                                       {"zip", "69003"},
                                       {"consent", true},
                                       {"costCents", 500},
                                       {"allowDuplicate", true}});
    REQUIRE(from.status == 201);
    const auto keep_id = keep.json()["id"].get<std::int64_t>();
    const auto from_id = from.json()["id"].get<std::int64_t>();
    const auto fpath = "/api/leads/" + std::to_string(from_id);
    REQUIRE(op.post("/api/leads/" + std::to_string(keep_id) + "/outcome", {{"outcome", "answered"}}).status == 200);
    REQUIRE(op.post(fpath + "/outcome", {{"outcome", "no_answer"}}).status == 200);  // SMS job, task
    REQUIRE(op.post(fpath + "/outcome", {{"outcome", "voicemail"}}).status == 200);
    REQUIRE(op.post(fpath + "/notes", {{"text", "Préfère être appelé le soir"}}).status == 201);
    REQUIRE(op.post(fpath + "/tasks", {{"dueAt", "2026-11-24T09:00:00Z"}, {"note", "Rappeler"}}).status == 201);
    REQUIRE(op.post(fpath + "/appointments",
                    {{"start", "2026-11-25T13:00:00Z"}, {"end", "2026-11-25T14:00:00Z"}, {"location", "Lyon"}})
                .status == 201);
    REQUIRE(op.post(fpath + "/messages", {{"channel", "email"}, {"body", "Bonjour"}}).status == 202);
    REQUIRE(op.post("/api/jobs/run-due").status == 200);  // messages written
    {
        // POST /api/deliveries is being built in parallel: the delivery and a notification go
        // straight into the test server's database.
        db::Database db(server.db_path());
        db.exec("INSERT INTO deliveries(lead_id, agent_id, status, price_cents, sent_at, created_at) SELECT " +
                std::to_string(from_id) + ", id, 'sent', 2000, 0, 0 FROM users WHERE username = 'alice.martin'");
        db.exec("INSERT INTO notifications(kind, lead_id, message, created_at) VALUES ('test', " +
                std::to_string(from_id) + ", 'x', 0)");
    }
    std::map<std::string, std::int64_t> expected;
    for (const char* t : kHistory) {
        expected[t] = rows_for_lead(server, t, keep_id) + rows_for_lead(server, t, from_id);
        INFO(t);
        CHECK(rows_for_lead(server, t, from_id) > 0);
    }

    const auto kpath = "/api/leads/" + std::to_string(keep_id);
    CHECK(op.post(kpath + "/merge", {{"fromId", keep_id}}).status == 409);
    CHECK(op.post(kpath + "/merge", {{"fromId", 999999}}).status == 404);
    CHECK(op.post("/api/leads/999999/merge", {{"fromId", from_id}}).status == 404);
    CHECK(op.post(kpath + "/merge", nlohmann::json::object()).status == 422);

    auto merged = op.post(kpath + "/merge", {{"fromId", from_id}});
    REQUIRE(merged.status == 200);
    const auto lead = merged.json();
    CHECK(lead["id"] == keep_id);
    CHECK(lead["firstName"] == "Hugo");
    CHECK(lead["lastName"] == "Perrin");  // filled from the removed record
    CHECK(lead["email"] == "hugo.perrin@example.fr");
    CHECK(lead["city"] == "Lyon");
    CHECK(lead["consent"] == true);
    CHECK(lead["costCents"] == 800);  // both were paid for
    CHECK(lead["liveTouches"] == 1);
    CHECK(lead["unansweredAttempts"] == 2);
    CHECK(lead["stage"] == "contacted");
    CHECK(lead["firstTouchAt"] == kTestNow);
    CHECK(op.get(fpath).status == 404);
    for (const char* t : kHistory) {
        INFO(t);
        CHECK(rows_for_lead(server, t, keep_id) == expected[t]);
        CHECK(rows_for_lead(server, t, from_id) == 0);
    }
    // The timeline shows it all; the merge is audited with both records.
    CHECK(op.get(kpath + "/timeline").json()["items"].size() >= 7);
    CHECK(query_int(server, "SELECT COUNT(*) FROM audit_log WHERE action = 'lead.merge' AND entity_id = " +
                                std::to_string(keep_id) + " AND before_json LIKE '%Perrin%'") == 1);
}

TEST_CASE("hygiene: merging keeps a do-not-contact wish from either record") {
    TestServer server;
    Client op = server.client();
    REQUIRE(op.login("admin").status == 200);
    auto a = op.post("/api/leads", {{"lastName", "Vidal"}, {"phone", "06 44 55 66 77"}}).json();
    auto b =
        op.post("/api/leads", {{"lastName", "Vidal"}, {"phone", "06 44 55 66 77"}, {"allowDuplicate", true}}).json();
    REQUIRE(op.post("/api/leads/" + b["id"].dump() + "/outcome", {{"outcome", "dnc"}}).status == 200);
    auto merged = op.post("/api/leads/" + a["id"].dump() + "/merge", {{"fromId", b["id"]}});
    REQUIRE(merged.status == 200);
    CHECK(merged.json()["dnc"] == true);
    CHECK(merged.json()["status"] == "dnc");
}

TEST_CASE("hygiene: duplicate groups in bulk, oldest first") {
    TestServer server;
    Client op = server.client();
    REQUIRE(op.login("admin").status == 200);
    auto before = op.get("/api/leads/duplicates");
    REQUIRE(before.status == 200);
    const auto groups_before = before.json()["total"].get<int>();
    auto a = op.post("/api/leads", {{"lastName", "Aubert"}, {"phone", "06 12 34 56 78"}}).json();
    server.set_clock(server.now() + 3600);
    auto b = op.post("/api/leads", {{"lastName", "Aubert"}, {"phone", "0033 6 12 34 56 78"}, {"allowDuplicate", true}})
                 .json();
    auto c = op.post("/api/leads", {{"lastName", "Roy"}, {"email", "Camille.Roy@Example.fr"}}).json();
    auto d = op.post("/api/leads", {{"lastName", "Roy"}, {"email", "camille.roy@example.FR"}, {"allowDuplicate", true}})
                 .json();
    const auto res = op.get("/api/leads/duplicates").json();
    CHECK(res["total"] == groups_before + 2);
    bool phone = false, email = false;
    for (const auto& g : res["groups"]) {
        if (g["by"] == "phone" && g["key"] == "+33612345678") {
            phone = true;
            REQUIRE(g["leads"].size() == 2);
            CHECK(g["count"] == 2);
            CHECK(g["leads"][0]["id"] == a["id"]);  // oldest first
            CHECK(g["leads"][1]["id"] == b["id"]);
        }
        if (g["by"] == "email" && g["key"] == "camille.roy@example.fr") {
            email = true;
            REQUIRE(g["leads"].size() == 2);
            CHECK(g["leads"][0]["id"] == c["id"]);
            CHECK(g["leads"][1]["id"] == d["id"]);
        }
    }
    CHECK(phone);
    CHECK(email);
    // After a merge the group is gone.
    REQUIRE(op.post("/api/leads/" + a["id"].dump() + "/merge", {{"fromId", b["id"]}}).status == 200);
    CHECK(op.get("/api/leads/duplicates").json()["total"] == groups_before + 1);
}

TEST_CASE("hygiene: CSV import reports created, duplicate and invalid rows") {
    TestServer server;
    Client op = server.client();
    REQUIRE(op.login("admin").status == 200);
    auto existing = op.post("/api/leads", {{"lastName", "Existant"}, {"phone", "06 12 34 56 78"}});
    REQUIRE(existing.status == 201);
    const auto leads_before = query_int(server, "SELECT COUNT(*) FROM leads");
    const std::string csv =
        "\xEF\xBB\xBF"
        "firstName;lastName;phone;email;city;zip;intention;timelineMonths;priceEstimate;source;costCents;consent\r\n"
        "Léa;Roux;06 98 76 54 32;lea@example.fr;Lyon;69003;sell;2;\"250 000,50\";facebook;450;oui\r\n"  // 2 created
        "Marc;\"Dupont; fils\";+33 6 12 34 56 78;;Paris;75011;estimate;;;;;non\r\n"  // 3 dup of existing
        "Léa;R.;0033 6 98 76 54 32;;Lyon;;;;;;;\r\n"                                 // 4 dup of line 2
        "Zoé;Martin;12;;;;;;;;;\r\n"                                                 // 5 invalid phone
        "\"Paul\nJean\";Blanc;;paul@example.fr;Nantes;44000;buy;abc;;;;\r\n"         // 6 invalid timeline
        "Anne;Petit;07 11 22 33 44;;;;;;;;;\r\n"                                     // 8 created
        "Solo;only;two\r\n";                                                         // 9 wrong column count
    auto res = import(op, csv);
    REQUIRE(res.status == 200);
    const auto body = res.json();
    CHECK(body["created"] == 2);
    CHECK(body["duplicates"] == 2);
    CHECK(body["invalid"] == 3);
    CHECK(body["separator"] == ";");
    const auto& rows = body["rows"];
    REQUIRE(rows.size() == 7);
    CHECK(rows[0]["line"] == 2);
    CHECK(rows[0]["status"] == "created");
    CHECK(rows[1]["line"] == 3);
    CHECK(rows[1]["status"] == "duplicate");
    CHECK(rows[1]["match"]["leadId"] == existing.json()["id"]);
    CHECK(rows[1]["match"]["by"] == "phone");
    CHECK(rows[2]["status"] == "duplicate");
    CHECK(rows[2]["match"]["leadId"] == rows[0]["leadId"]);
    CHECK(rows[2]["match"]["line"] == 2);
    CHECK(rows[3]["status"] == "invalid");
    CHECK(rows[3]["reason"].get<std::string>().find("phone") != std::string::npos);
    CHECK(rows[4]["line"] == 6);
    CHECK(rows[4]["status"] == "invalid");
    CHECK(rows[4]["reason"].get<std::string>().find("timelineMonths") != std::string::npos);
    CHECK(rows[5]["line"] == 8);
    CHECK(rows[5]["status"] == "created");
    CHECK(rows[6]["status"] == "invalid");
    CHECK(query_int(server, "SELECT COUNT(*) FROM leads") == leads_before + 2);

    const auto lea = op.get("/api/leads/" + rows[0]["leadId"].dump()).json();
    CHECK(lea["phoneE164"] == "+33698765432");
    CHECK(lea["priceEstimateCents"] == 25000050);
    CHECK(lea["source"] == "facebook");
    CHECK(lea["costCents"] == 450);
    CHECK(lea["consent"] == true);
    CHECK(lea["timelineMonths"] == 2);
    CHECK(op.get("/api/leads/" + rows[5]["leadId"].dump()).json()["source"] == "import");
}

TEST_CASE("hygiene: a malformed CSV imports nothing") {
    TestServer server;
    Client op = server.client();
    REQUIRE(op.login("admin").status == 200);
    const auto leads_before = query_int(server, "SELECT COUNT(*) FROM leads");
    // Good rows first, then an unterminated quote: the whole file is refused.
    auto open_quote = import(op, "firstName,phone\nAlain,06 21 43 65 87\nBéa,\"06 31 42 53 64\n");
    CHECK(open_quote.status == 400);
    CHECK(open_quote.json()["error"]["code"] == "bad_request");
    CHECK(open_quote.json()["line"] == 3);
    auto unknown = import(op, "firstName,phone,shoeSize\nAlain,06 21 43 65 87,42\n");
    CHECK(unknown.status == 422);
    CHECK(unknown.json()["error"]["fields"].contains("columns"));
    CHECK(import(op, "city,zip\nLyon,69003\n").status == 422);  // no name, no contact column
    CHECK(import(op, "").status == 400);
    CHECK(import(op, "firstName,phone\nAl\xC3,06 21 43 65 87\n").status == 400);  // not UTF-8
    std::string huge = "firstName,phone\n";
    while (huge.size() < 1100 * 1024) huge += "Alain,06 21 43 65 87\n";
    CHECK(import(op, huge).status == 413);
    std::string many = "firstName,phone\n";
    for (int i = 0; i < 5001; ++i) many += "A,\n";
    CHECK(import(op, many).status == 413);
    CHECK(query_int(server, "SELECT COUNT(*) FROM leads") == leads_before);
    // Only operators import.
    Client agent = server.client();
    REQUIRE(agent.login("alice.martin").status == 200);
    CHECK(import(agent, "firstName,phone\nAlain,06 21 43 65 87\n").status == 403);
}

TEST_CASE("hygiene: DNC and bad number hold at every outbound entry point") {
    TestServer server;
    Client op = server.client();
    REQUIRE(op.login("admin").status == 200);
    auto lead =
        op.post("/api/leads", {{"lastName", "Faure"}, {"phone", "06 71 72 73 74"}, {"email", "f@example.fr"}}).json();
    const auto path = "/api/leads/" + lead["id"].dump();
    // An SMS is queued, then the number turns out bad: the job is cancelled when it runs.
    REQUIRE(op.post(path + "/messages", {{"channel", "sms"}, {"body", "Bonjour"}}).status == 202);
    REQUIRE(op.post(path + "/outcome", {{"outcome", "bad_number"}}).status == 200);
    op.post("/api/jobs/run-due");
    const auto messages = op.get("/api/messages?leadId=" + lead["id"].dump()).json();  // kept alive for the loop
    for (const auto& m : messages["items"]) CHECK(m["channel"] != "sms");
    CHECK(op.post(path + "/calls").json()["error"]["code"] == "bad_number");
    for (const char* ch : {"sms", "whatsapp"})
        CHECK(op.post(path + "/messages", {{"channel", ch}, {"body", "x"}}).json()["error"]["code"] == "bad_number");
    // Outcomes that mean a call took place (and may send an SMS) are refused too.
    for (const char* o : {"answered", "no_answer", "voicemail"}) {
        INFO(o);
        auto r = op.post(path + "/outcome", {{"outcome", o}});
        CHECK(r.status == 409);
        CHECK(r.json()["error"]["code"] == "bad_number");
    }
    // E-mail still works for a bad number; after DNC nothing goes at all.
    CHECK(op.post(path + "/messages", {{"channel", "email"}, {"body", "Un numéro à jour ?"}}).status == 202);
    REQUIRE(op.post(path + "/outcome", {{"outcome", "dnc"}}).status == 200);
    CHECK(op.post(path + "/messages", {{"channel", "email"}, {"body", "x"}}).json()["error"]["code"] == "dnc");
    auto booked = op.post(
        path + "/outcome",
        {{"outcome", "booked"}, {"slot", {{"start", "2026-11-24T13:00:00Z"}, {"end", "2026-11-24T14:00:00Z"}}}});
    CHECK(booked.status == 409);
    CHECK(booked.json()["error"]["code"] == "dnc");
    CHECK(op.post(path + "/calls").json()["error"]["code"] == "dnc");
}
