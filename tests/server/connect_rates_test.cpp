// The queue's call-window bonus learned from the operator's own calls (call_hours, 90 days):
// a history where Tuesday 11 h connects and Tuesday 16 h does not swaps two otherwise equal
// leads between those hours, in GET /api/queue as in the console (same domain library; the
// browser test compares the two), and the table is recomputed at most once an hour.
#include <catch2/catch.hpp>

#include "db/database.hpp"
#include "support/test_server.hpp"

using namespace crm;
using namespace crm::testing;

namespace {

std::vector<std::int64_t> queue_order(Client& op) {
    const auto res = op.get("/api/queue?limit=50");
    INFO(res.body);
    REQUIRE(res.status == 200);
    const auto queue = res.json();  // kept: a range-for over a member of a temporary reads freed memory
    std::vector<std::int64_t> ids;
    for (const auto& item : queue["items"]) ids.push_back(item["leadId"]);
    return ids;
}

// `n` operator calls at a UTC time, `connects` of them answered, on a lead out of the queue.
void calls(db::Database& db, std::int64_t lead, std::int64_t admin, const char* iso, int n, int connects) {
    for (int i = 0; i < n; ++i)
        db.prepare(
              "INSERT INTO interactions(lead_id, user_id, kind, direction, summary, outcome, timestamp) "
              "VALUES (?,?,'call','out','',?,?)")
            .bind_all(lead, admin, std::string(i < connects ? "answered" : "no_answer"), utc(iso) + i * 60)
            .run();
}

}  // namespace

TEST_CASE("Tuesday 11 h connects, Tuesday 16 h does not: the queue's order changes between them") {
    TestServer server;
    Client op = server.client();
    REQUIRE(op.login("admin").status == 200);
    db::Database db(server.db_path());
    empty_book(db);
    const auto admin = scalar(db, "SELECT id FROM users WHERE username = 'admin'");

    // Five days earlier (not idle for 7 days, which would send them to nurture): two leads with
    // the same priority without the bonus. "Déjà joint" was
    // reached once (+10) and came from a weaker source (manual 5 vs website 15); it is older.
    move_clock(op, "2026-11-12T08:00:00Z");
    auto res = op.post("/api/leads", {{"lastName", "Déjà joint"}, {"phone", "06 30 00 00 01"}, {"source", "manual"}});
    REQUIRE(res.status == 201);
    const auto reached = res.json()["id"].get<std::int64_t>();
    move_clock(op, "2026-11-12T08:05:00Z");
    res = op.post("/api/leads", {{"lastName", "Jamais joint"}, {"phone", "06 30 00 00 02"}, {"source", "website"}});
    REQUIRE(res.status == 201);
    const auto unreached = res.json()["id"].get<std::int64_t>();
    db.prepare("UPDATE leads SET live_touches = 1, first_touch_at = ?1, first_connect_at = ?1 WHERE id = ?2")
        .bind_all(utc("2026-11-12T08:01:00Z"), reached)
        .run();
    // The history: on Tuesdays 3 and 10 November, 11 h Paris answers, 16 h does not.
    res = op.post("/api/leads", {{"lastName", "Historique"}, {"phone", "06 30 00 00 03"}});
    REQUIRE(res.status == 201);
    const auto history = res.json()["id"].get<std::int64_t>();
    db.prepare("UPDATE leads SET dnc = 1, status = 'dnc' WHERE id = ?").bind(1, history).run();  // out of the queue
    calls(db, history, admin, "2026-11-03T10:00:00Z", 10, 9);
    calls(db, history, admin, "2026-11-10T10:00:00Z", 12, 11);
    calls(db, history, admin, "2026-11-03T15:00:00Z", 40, 0);
    calls(db, history, admin, "2026-11-10T15:00:00Z", 40, 0);

    // Tuesday 17 November, 11:15 Paris: the scheduler's pass learns the table.
    move_clock(op, "2026-11-17T10:15:00Z");
    REQUIRE(op.post("/api/jobs/run-due").status == 200);
    const auto settings = op.get("/api/settings").json();
    CHECK(settings["queue"]["connectRate"][1][11].get<double>() > 0.6);
    CHECK(settings["queue"]["connectRate"][1][16].get<double>() < 0.03);
    CHECK(settings["queue"]["connectRate"][0][11].get<double>() == 0.0);  // no calls on Mondays
    CHECK(queue_order(op) == std::vector<std::int64_t>{unreached, reached});
    const auto q = op.get("/api/queue?limit=50").json();
    REQUIRE(q["items"].size() == 2);
    const auto reasons = q["items"][0]["reasons"].get<std::vector<std::string>>();
    const auto overall = 20.0 / 102.0;
    const int percent = static_cast<int>(std::lround((20 + 10 * overall) / 32 * 100));
    CHECK(std::find(reasons.begin(), reasons.end(),
                    "bon créneau : " + std::to_string(percent) + " % joints le mardi à 11 h +" +
                        std::to_string(std::lround((20 + 10 * overall) / 32 * 15))) != reasons.end());

    // 16:15: the same two leads, the other way round.
    move_clock(op, "2026-11-17T15:15:00Z");
    REQUIRE(op.post("/api/jobs/run-due").status == 200);
    CHECK(queue_order(op) == std::vector<std::int64_t>{reached, unreached});

    SECTION("at most once an hour: calls made at 16:20 change nothing before 17 h") {
        const auto computed = scalar(db, "SELECT updated_at FROM settings WHERE key = 'connect_rates'");
        calls(db, history, admin, "2026-11-17T15:16:00Z", 30, 30);
        move_clock(op, "2026-11-17T15:50:00Z");
        REQUIRE(op.post("/api/jobs/run-due").status == 200);
        CHECK(scalar(db, "SELECT updated_at FROM settings WHERE key = 'connect_rates'") == computed);
        CHECK(queue_order(op) == std::vector<std::int64_t>{reached, unreached});
        move_clock(op, "2026-11-17T16:00:00Z");
        REQUIRE(op.post("/api/jobs/run-due").status == 200);
        CHECK(scalar(db, "SELECT updated_at FROM settings WHERE key = 'connect_rates'") == utc("2026-11-17T16:00:00Z"));
    }
    SECTION("the rates are learned, not typed: a PUT does not keep them; the thresholds relearn at once") {
        auto s = op.get("/api/settings").json();
        const auto learned = s["queue"]["connectRate"];
        s["queue"]["connectRate"][1][16] = 0.99;
        auto put = op.request("PUT", "/api/settings", s.dump());
        REQUIRE(put.status == 200);
        CHECK(put.json()["queue"]["connectRate"] == learned);
        CHECK(op.request("PUT", "/api/settings", R"({"queue": {"connectRateMinCalls": 0}})").status == 422);
        put = op.request("PUT", "/api/settings", R"({"queue": {"connectRateMinCalls": 500}})");
        REQUIRE(put.status == 200);
        CHECK(put.json()["queue"]["connectRate"][1][11] == 0.0);  // 22 calls: below 500
        CHECK(queue_order(op) == std::vector<std::int64_t>{reached, unreached});
    }
}
