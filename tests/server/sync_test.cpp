// GET /api/sync: a full first sync, incremental syncs from a cursor, pagination, a cursor from
// the future, bad parameters and roles.
#include <catch2/catch.hpp>
#include <filesystem>
#include <set>

#include "db/migrator.hpp"
#include "support/test_server.hpp"

using namespace crm;
using namespace crm::testing;

namespace {

using Ids = std::set<std::int64_t>;

Ids ids_of(const nlohmann::json& items) {
    Ids out;
    for (const auto& item : items)
        out.insert(item.is_object() ? item["id"].get<std::int64_t>() : item.get<std::int64_t>());
    return out;
}

Ids query_ids(TestServer& s, const std::string& sql) {
    auto db = s.app().pool().acquire();
    auto st = db->prepare(sql);
    Ids out;
    while (st.step()) out.insert(st.get_int64(0));
    return out;
}

std::int64_t first_id(TestServer& s, const std::string& sql) {
    const auto ids = query_ids(s, sql);
    REQUIRE_FALSE(ids.empty());
    return *ids.begin();
}

nlohmann::json sync(Client& c, const std::string& query = "") {
    auto res = c.get("/api/sync" + query);
    REQUIRE(res.status == 200);
    return res.json();
}

bool nothing_changed(const nlohmann::json& page) {
    return page["leads"].empty() && page["interactions"].empty() && page["tasks"].empty() &&
           page["deleted"]["leads"].empty() && page["deleted"]["interactions"].empty() &&
           page["deleted"]["tasks"].empty();
}

// The log in sequence order, as "lead:7 task:5".
constexpr const char* kLogged =
    "SELECT group_concat(entity || ':' || entity_id, ' ') FROM (SELECT entity, entity_id FROM change_log ORDER BY seq)";

}  // namespace

TEST_CASE("a first sync returns every lead, interaction and task, and the settings") {
    TestServer server;
    Client op = server.client();
    REQUIRE(op.login("admin").status == 200);
    const auto page = sync(op);
    CHECK(page["full"] == true);
    CHECK(page["more"] == false);
    CHECK(page["cursor"].get<std::int64_t>() > 0);
    CHECK(page["serverTime"] == kTestNow);
    CHECK(ids_of(page["leads"]) == query_ids(server, "SELECT id FROM leads"));
    CHECK(ids_of(page["interactions"]) == query_ids(server, "SELECT id FROM interactions"));
    CHECK(ids_of(page["tasks"]) == query_ids(server, "SELECT id FROM tasks"));
    CHECK(page["settings"] == op.get("/api/settings").json());
    CHECK(page["deleted"] == nlohmann::json::parse(R"({"leads": [], "interactions": [], "tasks": []})"));

    SECTION("items have the shapes of the other routes") {
        const auto& lead = page["leads"][0];
        CHECK(lead == op.get("/api/leads/" + lead["id"].dump()).json());
        const auto& task = page["tasks"][0];
        const auto listed = op.get("/api/tasks?leadId=" + task["leadId"].dump()).json()["items"];
        bool same = false;
        for (auto t : listed) {
            t.erase("overdue");
            t.erase("lead");
            same = same || t == task;
        }
        CHECK(same);
        const auto& interaction = page["interactions"][0];
        CHECK(interaction.contains("leadId"));
        CHECK(interaction.contains("userName"));
    }
    SECTION("an empty or zero cursor is a full sync too") {
        CHECK(sync(op, "?since=0")["full"] == true);
        CHECK(sync(op, "?since=")["full"] == true);
    }
}

TEST_CASE("an incremental sync returns exactly what changed since the cursor, then nothing") {
    TestServer server;
    Client op = server.client();
    REQUIRE(op.login("admin").status == 200);
    const auto cursor = sync(op)["cursor"].get<std::int64_t>();
    CHECK(sync(op, "?since=" + std::to_string(cursor))["full"] == false);
    CHECK(nothing_changed(sync(op, "?since=" + std::to_string(cursor))));

    // A lead created, a call recorded, a task added, a lead deleted, two leads merged.
    auto created = op.post("/api/leads", {{"firstName", "Nina"},
                                          {"lastName", "Sync"},
                                          {"phone", "06 12 34 56 78"},
                                          {"intention", "sell"},
                                          {"consent", true},
                                          {"allowDuplicate", true}});
    REQUIRE(created.status == 201);
    const auto new_id = created.json()["id"].get<std::int64_t>();
    const auto called = first_id(server, "SELECT id FROM leads WHERE stage = 'new' AND dnc = 0 AND bad_number = 0");
    auto outcome = op.post("/api/leads/" + std::to_string(called) + "/outcome", {{"outcome", "answered"}});
    REQUIRE(outcome.status == 200);
    const auto interaction_id = outcome.json()["interaction"]["id"].get<std::int64_t>();
    const auto tasked = first_id(server, "SELECT id FROM leads WHERE stage = 'qualified'");
    auto task = op.post("/api/leads/" + std::to_string(tasked) + "/tasks", {{"dueAt", "2026-11-23T09:00:00Z"}});
    REQUIRE(task.status == 201);
    const auto task_id = task.json()["id"].get<std::int64_t>();

    const auto deleted =
        first_id(server, "SELECT id FROM leads WHERE stage = 'contacted' AND id <> " + std::to_string(called) +
                             " AND id IN (SELECT lead_id FROM interactions) AND id NOT IN "
                             "(SELECT lead_id FROM deliveries)");
    const auto deleted_interactions =
        query_ids(server, "SELECT id FROM interactions WHERE lead_id = " + std::to_string(deleted));
    const auto deleted_tasks = query_ids(server, "SELECT id FROM tasks WHERE lead_id = " + std::to_string(deleted));
    REQUIRE_FALSE(deleted_interactions.empty());
    REQUIRE(op.request("DELETE", "/api/leads/" + std::to_string(deleted)).status == 204);

    const auto keep = called;
    const auto from = first_id(server, "SELECT id FROM leads WHERE stage = 'qualified' AND id <> " +
                                           std::to_string(tasked) + " AND id IN (SELECT lead_id FROM interactions)");
    const auto moved_interactions =
        query_ids(server, "SELECT id FROM interactions WHERE lead_id = " + std::to_string(from));
    const auto moved_tasks = query_ids(server, "SELECT id FROM tasks WHERE lead_id = " + std::to_string(from));
    REQUIRE(op.post("/api/leads/" + std::to_string(keep) + "/merge", {{"fromId", from}}).status == 200);

    const auto page = sync(op, "?since=" + std::to_string(cursor));
    CHECK(page["full"] == false);
    CHECK(page["more"] == false);
    CHECK(page["cursor"].get<std::int64_t>() > cursor);
    CHECK(ids_of(page["leads"]) == Ids{new_id, called, tasked});  // keep == called
    Ids interactions = moved_interactions;
    interactions.insert(interaction_id);
    CHECK(ids_of(page["interactions"]) == interactions);
    Ids tasks = moved_tasks;
    tasks.insert(task_id);
    CHECK(ids_of(page["tasks"]) == tasks);
    CHECK(ids_of(page["deleted"]["leads"]) == Ids{deleted, from});
    CHECK(ids_of(page["deleted"]["interactions"]) == deleted_interactions);
    CHECK(ids_of(page["deleted"]["tasks"]) == deleted_tasks);
    for (const auto& i : page["interactions"]) CHECK(i["leadId"] == keep);  // the moved ones too
    for (const auto& l : page["leads"]) CHECK(l == op.get("/api/leads/" + l["id"].dump()).json());  // as they are now

    const auto next = page["cursor"].get<std::int64_t>();
    const auto after = sync(op, "?since=" + std::to_string(next));
    CHECK(nothing_changed(after));
    CHECK(after["cursor"] == next);
    CHECK(after["full"] == false);

    SECTION("a settings change moves the cursor and comes with the next sync") {
        REQUIRE(op.request("PUT", "/api/settings", R"({"pricing": {"baseCents": 2500}})").status == 200);
        const auto changed = sync(op, "?since=" + std::to_string(next));
        CHECK(changed["cursor"].get<std::int64_t>() > next);
        CHECK(changed["settings"] == op.get("/api/settings").json());
        CHECK(nothing_changed(changed));
    }
}

TEST_CASE("a small page size walks through everything, and a change made meanwhile still arrives") {
    TestServer server;
    Client op = server.client();
    REQUIRE(op.login("admin").status == 200);
    Ids leads, interactions, tasks;
    std::int64_t cursor = 0;
    int pages = 0;
    bool edited = false;
    std::int64_t edited_id = 0;
    for (bool more = true; more; ++pages) {
        REQUIRE(pages < 1000);
        const auto page = sync(op, "?limit=7&since=" + std::to_string(cursor));
        CHECK(page["full"] == (pages == 0));
        // Every page says how many leads the book holds (the console's progress), not the page.
        CHECK(page["leadTotal"].get<std::size_t>() == query_ids(server, "SELECT id FROM leads").size());
        CHECK(page["leads"].size() + page["interactions"].size() + page["tasks"].size() <= 7);
        for (const auto& l : page["leads"]) leads.insert(l["id"].get<std::int64_t>());
        for (const auto& i : page["interactions"]) interactions.insert(i["id"].get<std::int64_t>());
        for (const auto& t : page["tasks"]) tasks.insert(t["id"].get<std::int64_t>());
        CHECK(page["cursor"].get<std::int64_t>() > cursor);
        cursor = page["cursor"].get<std::int64_t>();
        more = page["more"].get<bool>();
        if (!edited && !page["leads"].empty()) {
            // A lead already received changes again: its new sequence is past every cursor so far.
            edited_id = page["leads"][0]["id"].get<std::int64_t>();
            leads.erase(edited_id);
            REQUIRE(op.request("PATCH", "/api/leads/" + std::to_string(edited_id), R"({"city": "Valence"})").status ==
                    200);
            edited = true;
        }
    }
    CHECK(pages > 5);
    CHECK(edited);
    CHECK(leads == query_ids(server, "SELECT id FROM leads"));
    CHECK(interactions == query_ids(server, "SELECT id FROM interactions"));
    CHECK(tasks == query_ids(server, "SELECT id FROM tasks"));
    CHECK(nothing_changed(sync(op, "?since=" + std::to_string(cursor))));
}

TEST_CASE("a call or a slot written without touching the lead row still sends the lead again") {
    // The lead's sync copy carries its recent calls (the 4-in-30-days cap) and its booked slot:
    // an agent's call from the Agent CRM, or a slot moved, writes only the child table.
    TestServer server;
    Client op = server.client();
    REQUIRE(op.login("admin").status == 200);
    const auto cursor = sync(op)["cursor"].get<std::int64_t>();
    const auto called = first_id(server, "SELECT id FROM leads WHERE dnc = 0 AND consent = 0 ORDER BY id");
    const auto booked = first_id(server,
                                 "SELECT id FROM leads WHERE id NOT IN (SELECT lead_id FROM appointments) "
                                 "AND id <> " +
                                     std::to_string(called) + " ORDER BY id");
    const auto now = server.app().now();
    {
        auto db = server.app().pool().acquire();
        db->exec("INSERT INTO interactions(lead_id, kind, direction, summary, outcome, timestamp) VALUES (" +
                 std::to_string(called) + ", 'call', 'out', '', 'no_answer', " + std::to_string(now - 60) + ");" +
                 "INSERT INTO appointments(lead_id, start_at, end_at, location, ics_uid, created_at) VALUES (" +
                 std::to_string(booked) + ", " + std::to_string(now + 86400) + ", " + std::to_string(now + 90000) +
                 ", 'Sur place', 'sync-test', " + std::to_string(now) + ");");
    }
    const auto page = sync(op, "?since=" + std::to_string(cursor));
    CHECK(ids_of(page["leads"]) == Ids{called, booked});
    for (const auto& l : page["leads"]) {
        CHECK(l == op.get("/api/leads/" + l["id"].dump()).json());  // with the call and the slot
        if (l["id"] == booked) CHECK(l["hasBookedSlot"] == true);
        if (l["id"] == called) CHECK_FALSE(l["callAttemptTimes"].empty());
    }
    CHECK(page["interactions"].size() == 1);
}

TEST_CASE("the change-log migration logs what a database already holds, once per row") {
    const auto dir = make_temp_dir();
    {
        db::Database db(dir + "/before.db");
        std::vector<db::Migration> before;
        for (const auto& m : db::embedded_migrations())
            if (m.version < 8) before.push_back(m);
        db::migrate(db, before);
        db.exec(
            "INSERT INTO leads(id, first_name, created_at, updated_at) VALUES (7, 'Ancien', 0, 0), (9, 'Autre', 0, 0);"
            "INSERT INTO interactions(id, lead_id, kind, timestamp) VALUES (3, 7, 'note', 0);"
            "INSERT INTO tasks(id, lead_id, due_at, created_at) VALUES (5, 9, 0, 0);"
            "INSERT INTO settings(key, value_json, updated_at) VALUES ('domain', '{}', 0);");
        db::migrate(db);
        auto st = db.prepare(kLogged);
        REQUIRE(st.step());
        CHECK(st.get_text(0) == "lead:7 lead:9 interaction:3 task:5 settings:0");
        st.reset();
        db.exec("UPDATE leads SET city = 'Lyon' WHERE id = 7; DELETE FROM tasks WHERE id = 5;");
        auto after = db.prepare(kLogged);
        REQUIRE(after.step());
        CHECK(after.get_text(0) == "lead:9 interaction:3 settings:0 lead:7 task:5");  // one row per entity
    }
    std::filesystem::remove_all(dir);
}

TEST_CASE("a cursor from the future (a restored backup) starts a full sync") {
    TestServer server;
    Client op = server.client();
    REQUIRE(op.login("admin").status == 200);
    const auto cursor = sync(op)["cursor"].get<std::int64_t>();
    const auto page = sync(op, "?since=" + std::to_string(cursor + 1000));
    CHECK(page["full"] == true);
    CHECK(page["cursor"] == cursor);
    CHECK(ids_of(page["leads"]) == query_ids(server, "SELECT id FROM leads"));
}

TEST_CASE("sync: bad parameters are a 400, agents get a 403") {
    TestServer server;
    Client op = server.client();
    REQUIRE(op.login("admin").status == 200);
    for (const char* query : {"?since=-1", "?since=abc", "?since=1.5", "?since=99999999999999999999", "?limit=0",
                              "?limit=10001", "?limit=x"}) {
        INFO(query);
        const auto res = op.get(std::string("/api/sync") + query);
        CHECK(res.status == 400);
        CHECK(res.json()["error"]["code"] == "bad_request");
    }
    CHECK(op.get("/api/sync?limit=10000").status == 200);
    Client agent = server.client();
    REQUIRE(agent.login("alice.martin").status == 200);
    CHECK(agent.get("/api/sync").status == 403);
    CHECK(server.client().get("/api/sync").status == 401);
}
