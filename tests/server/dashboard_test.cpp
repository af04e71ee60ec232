// The dashboard over HTTP after a scripted day driven by the test clock, every figure checked
// against numbers computed by hand (docs/DASHBOARD.md has the definitions).
//
// POST /api/deliveries is being built by another developer in parallel: deliveries, their
// Stripe payments, the credit top-up and the refund are written through the test's own SQLite
// connection to the server's database file; accepting uses the agent route and the agents'
// first calls the agent interactions route, as in production.
#include <catch2/catch.hpp>

#include <atomic>
#include <thread>

#include "dashboard/dashboard_cache.hpp"
#include "db/database.hpp"
#include "support/test_server.hpp"

using namespace crm;
using namespace crm::testing;

namespace {

std::int64_t new_lead(Client& op, const char* name, const char* phone, const char* source, int cost) {
    auto res = op.post("/api/leads", {{"lastName", name}, {"phone", phone}, {"source", source}, {"costCents", cost}});
    REQUIRE(res.status == 201);
    return res.json()["id"].get<std::int64_t>();
}

void outcome(Client& op, std::int64_t lead, const nlohmann::json& body) {
    auto res = op.post("/api/leads/" + std::to_string(lead) + "/outcome", body);
    INFO(res.body);
    REQUIRE(res.status == 200);
}

std::int64_t insert_delivery(db::Database& db, std::int64_t lead, std::int64_t agent, int price, const char* method,
                             std::int64_t created) {
    return db
        .prepare(
            "INSERT INTO deliveries(lead_id, agent_id, status, price_cents, payment_method, sent_at, created_at) "
            "VALUES (?,?,'sent',?,?,?,?) RETURNING id")
        .bind_all(lead, agent, price, method, created, created)
        .run_returning_id();
}

const nlohmann::json& cell(const nlohmann::json& heatmap, int weekday, int hour) {
    const auto& c = heatmap[weekday * 24 + hour];
    REQUIRE(c["weekday"] == weekday);
    REQUIRE(c["hour"] == hour);
    return c;
}

const nlohmann::json& row_of(const nlohmann::json& rows, const char* key, const std::string& value) {
    for (const auto& r : rows)
        if (r[key] == value) return r;
    FAIL("no row " << key << " = " << value);
    return rows[0];
}

}  // namespace

TEST_CASE("dashboard: a scripted day, every figure computed by hand") {
    TestServer server;
    Client op = server.client();
    REQUIRE(op.login("admin").status == 200);
    db::Database db(server.db_path());
    // Start from an empty book (the demo seed would blur hand-computed numbers); keep the users.
    empty_book(db);
    const auto alice = scalar(db, "SELECT id FROM users WHERE username = 'alice.martin'");
    const auto ben = scalar(db, "SELECT id FROM users WHERE username = 'ben.leroy'");
    const auto claire = db.prepare(
                              "INSERT INTO users(username, display_name, role, password_hash, created_at) "
                              "VALUES ('claire.nodeliv', 'Claire Sans Livraison', 'agent', 'x', 0) RETURNING id")
                            .run_returning_id();

    // Before the window: an old lead with last month's delivery to Alice (first call 10 min).
    move_clock(op, "2026-10-01T08:00:00Z");
    const auto l0 = new_lead(op, "Ancien", "06 10 00 00 01", "facebook", 1000);
    const auto d0 = insert_delivery(db, l0, alice, 2000, "stripe", utc("2026-10-05T08:00:00Z"));
    db.prepare(
          "UPDATE deliveries SET status = 'accepted', accepted_at = ?1, paid_at = ?1, first_call_at = ?2 WHERE id = ?3")
        .bind_all(utc("2026-10-05T09:00:00Z"), utc("2026-10-05T08:10:00Z"), d0)
        .run();
    // In the 30 days, not in the 7.
    move_clock(op, "2026-11-05T09:00:00Z");
    const auto l5 = new_lead(op, "Novembre", "06 10 00 00 05", "seloger", 3000);
    (void)l5;
    // Manual costs: facebook this week, radio earlier this month.
    REQUIRE(op.post("/api/costs", {{"source", "facebook"}, {"amountCents", 5000}, {"spentAt", "2026-11-18T10:00:00Z"}})
                .status == 201);
    REQUIRE(op.post("/api/costs", {{"source", "radio"}, {"amountCents", 10000}, {"spentAt", "2026-11-01T10:00:00Z"}})
                .status == 201);

    // Thursday 23:30 Paris: yesterday. A lead and a call that is not "today".
    move_clock(op, "2026-11-19T22:30:00Z");
    const auto l1 = new_lead(op, "Jeudi", "06 10 00 00 11", "facebook", 1000);
    outcome(op, l1, {{"outcome", "no_answer"}});
    // Friday 00:30 Paris: today already.
    move_clock(op, "2026-11-19T23:30:00Z");
    outcome(op, l1, {{"outcome", "voicemail"}});
    move_clock(op, "2026-11-20T08:00:00Z");
    const auto l2 = new_lead(op, "Deux", "06 10 00 00 22", "facebook", 1000);
    const auto l3 = new_lead(op, "Trois", "06 10 00 00 33", "seloger", 3000);
    const auto l4 = new_lead(op, "Quatre", "06 10 00 00 44", "website", 0);
    move_clock(op, "2026-11-20T09:30:00Z");  // 10:30 Paris
    outcome(op, l2, {{"outcome", "answered"}});
    move_clock(op, "2026-11-20T09:40:00Z");
    outcome(op, l3, {{"outcome", "answered"}});
    move_clock(op, "2026-11-20T09:50:00Z");
    outcome(op, l4, {{"outcome", "no_answer"}});
    move_clock(op, "2026-11-20T10:10:00Z");  // 11:10 Paris
    outcome(op, l3,
            {{"outcome", "booked"}, {"slot", {{"start", "2026-11-24T13:00:00Z"}, {"end", "2026-11-24T14:00:00Z"}}}});

    // Money: Alice tops up 100 € by Stripe at 09:30 Paris.
    db.prepare(
          "INSERT INTO payments(agent_id, amount_cents, paid_at, stripe_id, kind) VALUES (?,10000,?,'cs_topup',"
          "'credit_topup')")
        .bind_all(alice, utc("2026-11-20T08:30:00Z"))
        .run();
    db.prepare("UPDATE users SET credits_cents = 10000 WHERE id = ?").bind(1, alice).run();
    db.prepare("UPDATE leads SET assigned_agent_id = ? WHERE id IN (?, ?)").bind_all(alice, l2, l3).run();
    db.prepare("UPDATE leads SET assigned_agent_id = ? WHERE id = ?").bind_all(ben, l1).run();
    // D1: L3 to Alice, 35 €, paid by Stripe at 12:00 Paris.
    const auto d1 = insert_delivery(db, l3, alice, 3500, "stripe", utc("2026-11-20T10:30:00Z"));
    db.prepare("UPDATE deliveries SET paid_at = ?1 WHERE id = ?2").bind_all(utc("2026-11-20T11:00:00Z"), d1).run();
    db.prepare(
          "INSERT INTO payments(agent_id, delivery_id, amount_cents, paid_at, stripe_id, kind) "
          "VALUES (?,?,3500,?,'cs_d1','delivery')")
        .bind_all(alice, d1, utc("2026-11-20T11:00:00Z"))
        .run();
    // D2: L2 to Alice, 20 €, paid from her credits when she accepts (not cash again).
    const auto d2 = insert_delivery(db, l2, alice, 2000, "credits", utc("2026-11-20T10:45:00Z"));
    // D3: L1 to Ben, sent, never paid nor accepted.
    insert_delivery(db, l1, ben, 2000, "stripe", utc("2026-11-20T12:00:00Z"));

    Client agent = server.client();
    move_clock(op, "2026-11-20T11:05:00Z");
    REQUIRE(agent.login("alice.martin").status == 200);
    REQUIRE(agent.post("/api/agent/deliveries/" + std::to_string(d1) + "/accept").status == 200);
    move_clock(op, "2026-11-20T11:10:00Z");
    REQUIRE(agent.login("alice.martin").status == 200);
    REQUIRE(agent.post("/api/agent/deliveries/" + std::to_string(d2) + "/accept").status == 200);
    // Alice's own calls: first calls 50 min (D1) and 2 h (D2) after sending; not operator calls.
    move_clock(op, "2026-11-20T11:20:00Z");
    REQUIRE(agent.login("alice.martin").status == 200);
    REQUIRE(agent
                .post("/api/agent/leads/" + std::to_string(l3) + "/interactions",
                      {{"kind", "call"}, {"summary", "RDV confirmé"}, {"outcome", "answered"}})
                .status == 201);
    move_clock(op, "2026-11-20T12:45:00Z");
    REQUIRE(agent.login("alice.martin").status == 200);
    REQUIRE(agent
                .post("/api/agent/leads/" + std::to_string(l2) + "/interactions",
                      {{"kind", "call"}, {"summary", "Pas vendeur"}})
                .status == 201);
    // D2 is refunded at 14:00 Paris: the 20 € go back to Alice's credits, not out of the till.
    move_clock(op, "2026-11-20T13:00:00Z");
    REQUIRE(op.post("/api/deliveries/" + std::to_string(d2) + "/refund", {{"reason", "Pas vendeur"}}).status == 200);

    move_clock(op, "2026-11-20T16:00:00Z");  // Friday 17:00 Paris
    CHECK(op.get("/api/dashboard?days=14").status == 422);
    CHECK(op.get("/api/dashboard?days=abc").status == 422);
    auto res = op.get("/api/dashboard?days=7");
    REQUIRE(res.status == 200);
    const auto d = res.json();
    CHECK(d["days"] == 7);
    CHECK(d["generatedAt"] == "2026-11-20T16:00:00Z");
    CHECK(d["period"]["from"] == "2026-11-13T23:00:00Z");  // Saturday 14 November 00:00 Paris
    CHECK(d["period"]["to"] == "2026-11-20T23:00:00Z");

    const auto& today = d["today"];
    CHECK(today["date"] == "2026-11-20");
    CHECK(today["from"] == "2026-11-19T23:00:00Z");
    CHECK(today["callsPlaced"] == 5);  // voicemail 00:30, answered ×2, no answer, booked
    CHECK(today["connects"] == 3);     // answered ×2 + booked
    CHECK(today["connectRate"] == 0.6);
    CHECK(today["booked"] == 1);
    CHECK(today["leadsDelivered"] == 3);
    CHECK(today["collected"]["topupCents"] == 10000);
    CHECK(today["collected"]["deliveryCents"] == 3500);  // D2 came out of credits
    CHECK(today["collected"]["refundCents"] == 0);       // D2's refund went back into credits
    CHECK(today["collectedCents"] == 13500);

    const auto& funnel = d["funnel"];
    CHECK(funnel["created"] == 4);    // L1..L4
    CHECK(funnel["contacted"] == 2);  // reached: L2 and L3 answered; L1 and L4 were only called
    CHECK(funnel["booked"] == 1);     // L3
    CHECK(funnel["delivered"] == 3);  // L1, L2, L3
    CHECK(funnel["won"] == 1);        // L3: accepted and paid; L2 was refunded
    CHECK(funnel["conversion"]["contacted"] == 0.5);
    // L3 was reached before it booked: booked is a step of contacted.
    CHECK(funnel["conversionOf"]["booked"] == "contacted");
    CHECK(funnel["conversion"]["booked"] == 0.5);
    // L1 and L2 were delivered without a booked slot: not a step of booked, so a share of the
    // created leads (3 of 4), not 300 % of the booked ones.
    CHECK(funnel["conversionOf"]["delivered"] == "created");
    CHECK(funnel["conversion"]["delivered"] == 0.75);
    CHECK(funnel["conversionOf"]["won"] == "delivered");
    CHECK(funnel["conversion"]["won"] == 0.3333);
    CHECK(funnel["conversion"]["overall"] == 0.25);

    const auto& roi = d["roiBySource"];
    REQUIRE(roi.size() == 3);  // radio's cost is older than 7 days
    const auto& fb = row_of(roi, "source", "facebook");
    CHECK(fb["leads"] == 2);
    CHECK(fb["leadCostCents"] == 2000);
    CHECK(fb["manualCostCents"] == 5000);
    CHECK(fb["costCents"] == 7000);
    CHECK(fb["paidCents"] == 2000);
    CHECK(fb["refundedCents"] == 2000);
    CHECK(fb["revenueCents"] == 0);
    CHECK(fb["roi"] == -1.0);
    const auto& sl = row_of(roi, "source", "seloger");
    CHECK(sl["leads"] == 1);
    CHECK(sl["costCents"] == 3000);
    CHECK(sl["revenueCents"] == 3500);
    CHECK(sl["roi"] == 0.1667);
    const auto& web = row_of(roi, "source", "website");
    CHECK(web["costCents"] == 0);
    CHECK(web["roi"].is_null());

    const auto& agents = d["agents"];
    const auto& a = row_of(agents, "username", "alice.martin");
    CHECK(a["agentId"] == alice);
    CHECK(a["deliveries"] == 3);  // D0, D1, D2
    CHECK(a["accepted"] == 3);
    CHECK(a["refunded"] == 1);
    CHECK(a["acceptanceRate"] == 1.0);
    CHECK(a["refundRate"] == 0.3333);
    CHECK(a["firstCalls"] == 3);
    CHECK(a["medianFirstCallSeconds"] == 3000);  // 600, 3000, 7200
    CHECK(a["ltvCents"] == 5500);                // D0 + D1; D2 refunded
    CHECK(a["monthCents"] == 3500);              // November (Paris): D1 only
    const auto& b = row_of(agents, "username", "ben.leroy");
    CHECK(b["deliveries"] == 1);
    CHECK(b["acceptanceRate"] == 0.0);
    CHECK(b["refundRate"] == 0.0);
    CHECK(b["medianFirstCallSeconds"].is_null());
    CHECK(b["ltvCents"] == 0);
    const auto& c = row_of(agents, "username", "claire.nodeliv");
    CHECK(c["agentId"] == claire);
    CHECK(c["deliveries"] == 0);
    CHECK(c["acceptanceRate"].is_null());
    CHECK(c["refundRate"].is_null());
    CHECK(c["medianFirstCallSeconds"].is_null());
    CHECK(c["firstCalls"] == 0);
    CHECK(c["ltvCents"] == 0);
    CHECK(c["monthCents"] == 0);

    // GET /api/agents shows the same figures (one definition: agents::agent_figures), with the
    // median also in minutes and the count also as `delivered`, their older names there.
    const auto listed = op.get("/api/agents").json()["items"];
    REQUIRE(listed.size() == agents.size());
    for (const auto& row : agents) {
        const auto& l = row_of(listed, "username", row["username"].get<std::string>());
        CHECK(l["id"] == row["agentId"]);
        for (const char* key : {"deliveries", "accepted", "refunded", "acceptanceRate", "refundRate", "firstCalls",
                                "medianFirstCallSeconds", "ltvCents", "monthCents"}) {
            INFO(row["username"] << " " << key);
            CHECK(l[key] == row[key]);
        }
        CHECK(l["delivered"] == row["deliveries"]);
    }
    CHECK(row_of(listed, "username", "alice.martin")["medianFirstCallMinutes"] == 50.0);  // 3000 s
    CHECK(row_of(listed, "username", "ben.leroy")["medianFirstCallMinutes"].is_null());

    const auto& heat = d["heatmap"];
    REQUIRE(heat.size() == 7 * 24);
    CHECK(d["heatmapDays"] == 90);
    CHECK(cell(heat, 4, 10)["calls"] == 3);  // Friday 10:xx Paris
    CHECK(cell(heat, 4, 10)["connects"] == 2);
    CHECK(cell(heat, 4, 10)["connectRate"] == 0.6667);
    CHECK(cell(heat, 4, 10)["legal"] == true);
    CHECK(cell(heat, 4, 11)["calls"] == 1);
    CHECK(cell(heat, 4, 11)["connects"] == 1);
    CHECK(cell(heat, 4, 0)["calls"] == 1);
    CHECK(cell(heat, 4, 0)["legal"] == false);
    CHECK(cell(heat, 3, 23)["calls"] == 1);  // Thursday 23:30 Paris
    CHECK(cell(heat, 4, 12)["calls"] == 0);  // Alice's call is hers, not the operator's
    CHECK(cell(heat, 4, 12)["connectRate"].is_null());
    CHECK(cell(heat, 0, 12)["legal"] == true);
    CHECK(cell(heat, 0, 13)["legal"] == false);  // lunch
    CHECK(cell(heat, 4, 19)["legal"] == true);
    CHECK(cell(heat, 4, 20)["legal"] == false);
    CHECK(cell(heat, 5, 11)["legal"] == false);  // Saturday
    CHECK(cell(heat, 6, 11)["legal"] == false);
    int calls = 0;
    for (const auto& h : heat) calls += h["calls"].get<int>();
    CHECK(calls == 6);

    // The heatmap's hourly rollup (kept by triggers) equals the raw count, also after deletes.
    const char* raw =
        "SELECT COUNT(*) FROM (SELECT timestamp / 3600 AS h, COUNT(*) AS c, SUM(CASE WHEN outcome IN ('answered', "
        "'booked', "
        "'not_seller') THEN 1 ELSE 0 END) AS k FROM interactions WHERE kind = 'call' AND user_id IN (SELECT id FROM "
        "users WHERE role IN "
        "('operator', 'admin')) GROUP BY 1) r FULL JOIN (SELECT * FROM call_hours WHERE calls > 0) h ON h.hour = r.h "
        "WHERE r.c IS DISTINCT FROM h.calls OR r.k IS DISTINCT FROM h.connects";
    CHECK(scalar(db, raw) == 0);
    CHECK(scalar(db, "SELECT SUM(calls) FROM call_hours") == 6);
    CHECK(op.request("DELETE", "/api/leads/" + std::to_string(l4)).status == 204);
    CHECK(scalar(db, raw) == 0);
    CHECK(scalar(db, "SELECT SUM(calls) FROM call_hours") == 5);

    // 30 days: L5 and the radio spend join in.
    const auto m = op.get("/api/dashboard?days=30").json();
    CHECK(m["days"] == 30);
    CHECK(m["funnel"]["created"] == 4);    // L1, L2, L3, L5 (L4 was deleted above)
    CHECK(m["funnel"]["contacted"] == 2);  // L2, L3 reached; L1 only called, L5 never
    const auto& sl30 = row_of(m["roiBySource"], "source", "seloger");
    CHECK(sl30["leads"] == 2);
    CHECK(sl30["costCents"] == 6000);
    CHECK(sl30["roi"] == -0.4167);
    const auto& radio = row_of(m["roiBySource"], "source", "radio");
    CHECK(radio["leads"] == 0);
    CHECK(radio["manualCostCents"] == 10000);
    CHECK(radio["roi"] == -1.0);
    CHECK(m["today"]["callsPlaced"] == 4);  // L4's no-answer went with it

    // GDPR erasure keeps the counts and the money.
    const auto before_erase = op.get("/api/dashboard?days=7").json();
    REQUIRE(op.post("/api/leads/" + std::to_string(l3) + "/erase").status == 204);
    const auto after = op.get("/api/dashboard?days=7").json();
    CHECK(after["funnel"] == before_erase["funnel"]);
    CHECK(after["roiBySource"] == before_erase["roiBySource"]);
    CHECK(after["agents"] == before_erase["agents"]);
    CHECK(after["today"] == before_erase["today"]);
    CHECK(after["heatmap"] == before_erase["heatmap"]);

    // Agents cannot see it.
    REQUIRE(agent.login("alice.martin").status == 200);
    CHECK(agent.get("/api/dashboard").status == 403);
}

TEST_CASE("costs: manual entries per source are validated, listed and audited") {
    TestServer server;
    Client op = server.client();
    REQUIRE(op.login("admin").status == 200);
    auto bad = op.post("/api/costs", {{"amountCents", -5}, {"spentAt", "hier"}});
    REQUIRE(bad.status == 422);
    for (const char* f : {"source", "amountCents", "spentAt"}) CHECK(bad.json()["error"]["fields"].contains(f));
    auto ok = op.post("/api/costs", {{"source", "leboncoin"}, {"amountCents", 4200}, {"note", "Campagne novembre"}});
    REQUIRE(ok.status == 201);
    const auto cost = ok.json();
    CHECK(cost["source"] == "leboncoin");
    CHECK(cost["amountCents"] == 4200);
    CHECK(cost["spentAt"] == kTestNow);
    CHECK(cost["note"] == "Campagne novembre");
    const auto list = op.get("/api/costs").json();
    REQUIRE(list["items"].size() == 1);
    CHECK(list["items"][0] == cost);
    CHECK(list["totalCents"] == 4200);
    CHECK(op.get("/api/costs?source=radio").json()["items"].empty());
    Client agent = server.client();
    REQUIRE(agent.login("alice.martin").status == 200);
    CHECK(agent.get("/api/costs").status == 403);
}

TEST_CASE("dashboard: readers within one second share an answer, and a write is in the next one") {
    TestServer server;  // the test clock stands still: every request is in the same second
    Client op = server.client();
    REQUIRE(op.login("admin").status == 200);
    const auto manual_cost = [&op](const char* source) {
        const auto d = op.get("/api/dashboard?days=30").json();
        for (const auto& r : d["roiBySource"])
            if (r["source"] == source) return r["manualCostCents"].get<std::int64_t>();
        return std::int64_t{0};
    };
    const auto before = manual_cost("website");
    CHECK(manual_cost("website") == before);  // kept
    REQUIRE(op.post("/api/costs", {{"source", "website"}, {"amountCents", 12345}}).status == 201);
    CHECK(manual_cost("website") == before + 12345);
    // A write through another connection of this process (the scheduler's, a job's) counts too.
    {
        db::Database db(server.db_path());
        db.exec(
            "INSERT INTO costs(source, amount_cents, spent_at, note, created_by, created_at) "
            "SELECT 'website', 100, spent_at, '', created_by, created_at FROM costs LIMIT 1");
    }
    CHECK(manual_cost("website") == before + 12445);
}

TEST_CASE("dashboard cache: one computation per second and write epoch, shared by readers waiting for it",
          "[sqlite]") {  // no database: run once
    dashboard::DashboardCache cache;
    std::atomic<int> made{0};
    const auto make = [&made] {
        ++made;
        std::this_thread::yield();
        return std::to_string(made.load());
    };
    CHECK(cache.answer(7, 1000, 1, make) == "1");
    CHECK(cache.answer(7, 1000, 1, make) == "1");   // same second, no write
    CHECK(cache.answer(30, 1000, 1, make) == "2");  // the other period has its own
    CHECK(cache.answer(7, 1000, 2, make) == "3");   // a write
    CHECK(cache.answer(7, 1001, 2, make) == "4");   // the next second
    CHECK(cache.answer(30, 1000, 1, make) == "2");
    // Sixteen readers at once for a new second: one computes, the others get its answer.
    std::vector<std::thread> readers;
    std::vector<std::string> got(16);
    for (std::size_t i = 0; i < got.size(); ++i)
        readers.emplace_back([&, i] { got[i] = cache.answer(7, 1002, 2, make); });
    for (auto& t : readers) t.join();
    CHECK(made == 5);
    for (const auto& g : got) CHECK(g == "5");
}
