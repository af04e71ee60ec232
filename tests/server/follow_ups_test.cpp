// Follow-ups ("À rappeler") over HTTP: done and snooze move the lead's date with them, an
// outcome completes them, and a due one raises its lead in the queue with the time it was
// planned for (the domain library's reason, as the console shows it).
#include <catch2/catch.hpp>

#include "db/database.hpp"
#include "support/test_server.hpp"

using namespace crm;
using namespace crm::testing;

namespace {

std::int64_t new_lead(Client& op, const char* name, const char* phone) {
    auto res = op.post("/api/leads", {{"lastName", name}, {"phone", phone}, {"source", "website"}});
    REQUIRE(res.status == 201);
    return res.json()["id"].get<std::int64_t>();
}

std::int64_t add_task(Client& op, std::int64_t lead, const char* due, const char* note) {
    auto res = op.post("/api/leads/" + std::to_string(lead) + "/tasks", {{"dueAt", due}, {"note", note}});
    REQUIRE(res.status == 201);
    return res.json()["id"].get<std::int64_t>();
}

// The queue's reasons for one lead (empty when it is not in the queue).
std::vector<std::string> reasons_of(Client& op, std::int64_t lead) {
    const auto q = op.get("/api/queue?limit=5000").json();
    for (const auto& item : q["items"])
        if (item["leadId"] == lead) return item["reasons"].get<std::vector<std::string>>();
    return {};
}

bool has(const std::vector<std::string>& v, const std::string& s) {
    return std::find(v.begin(), v.end(), s) != v.end();
}

}  // namespace

TEST_CASE("done and snooze: the follow-up and its lead's date move together") {
    TestServer server;
    Client op = server.client();
    REQUIRE(op.login("admin").status == 200);
    const auto lead = new_lead(op, "Relance", "06 20 00 00 01");
    const auto task = add_task(op, lead, "2026-11-20T13:00:00Z", "Rappeler après le déjeuner");  // 14:00 Paris
    const auto path = "/api/tasks/" + std::to_string(task);

    // 10:30: planned for 14:00, not due yet.
    for (const auto& r : reasons_of(op, lead)) CHECK(r.find("relance") == std::string::npos);
    // 14:05: due, the lead is raised and the why says when.
    move_clock(op, "2026-11-20T13:05:00Z");
    CHECK(has(reasons_of(op, lead), "relance prévue 14:00 +20"));
    const auto listed = op.get("/api/tasks?due=today").json();
    REQUIRE(listed["items"].size() >= 1);
    CHECK(listed["items"][0]["id"] == task);
    CHECK(listed["items"][0]["overdue"] == true);

    SECTION("snooze to tomorrow 10:00: the raise ends until then") {
        CHECK(op.request("POST", path + "/snooze", "{").status == 400);
        CHECK(op.post(path + "/snooze", nlohmann::json::object()).status == 422);
        CHECK(op.post(path + "/snooze", {{"dueAt", "demain"}}).status == 422);
        CHECK(op.post(path + "/snooze", {{"dueAt", "2026-11-20T12:00:00Z"}}).status == 422);  // in the past
        CHECK(op.post(path + "/snooze", {{"dueAt", "2028-11-20T12:00:00Z"}}).status == 422);  // beyond a year
        CHECK(op.post("/api/tasks/999999/snooze", {{"dueAt", "2026-11-21T09:00:00Z"}}).status == 404);
        CHECK(op.get("/api/leads/" + std::to_string(lead)).json()["nextActionAt"] == "2026-11-20T13:00:00Z");

        auto res = op.post(path + "/snooze", {{"dueAt", "2026-11-21T09:00:00Z"}});
        REQUIRE(res.status == 200);
        CHECK(res.json()["dueAt"] == "2026-11-21T09:00:00Z");
        CHECK(res.json()["doneAt"].is_null());
        CHECK(res.json()["lead"]["nextActionAt"] == "2026-11-21T09:00:00Z");
        CHECK(op.get("/api/leads/" + std::to_string(lead)).json()["nextActionAt"] == "2026-11-21T09:00:00Z");
        for (const auto& r : reasons_of(op, lead)) CHECK(r.find("relance") == std::string::npos);
        CHECK(query_int(server, "SELECT COUNT(*) FROM audit_log WHERE action = 'task.snooze'") == 1);
        move_clock(op, "2026-11-21T09:00:00Z");
        CHECK(has(reasons_of(op, lead), "relance prévue 10:00 +20"));
    }
    SECTION("done: off the list, the lead's date goes, doing it again changes nothing") {
        auto res = op.post(path + "/done");
        REQUIRE(res.status == 200);
        CHECK(res.json()["doneAt"] == "2026-11-20T13:05:00Z");
        CHECK(res.json()["lead"]["nextActionAt"].is_null());
        for (const auto& r : reasons_of(op, lead)) CHECK(r.find("relance") == std::string::npos);
        CHECK(op.get("/api/tasks?leadId=" + std::to_string(lead)).json()["items"].empty());
        move_clock(op, "2026-11-20T13:10:00Z");
        res = op.post(path + "/done");  // an offline replay after the fact
        REQUIRE(res.status == 200);
        CHECK(res.json()["doneAt"] == "2026-11-20T13:05:00Z");
        CHECK(op.post(path + "/snooze", {{"dueAt", "2026-11-21T09:00:00Z"}}).status == 409);
        CHECK(op.post("/api/tasks/999999/done").status == 404);
        CHECK(query_int(server, "SELECT COUNT(*) FROM audit_log WHERE action = 'task.done'") == 1);
    }
}

TEST_CASE("an earlier open follow-up keeps the lead's date when another is done") {
    TestServer server;
    Client op = server.client();
    REQUIRE(op.login("admin").status == 200);
    const auto lead = new_lead(op, "Deux relances", "06 20 00 00 02");
    const auto first = add_task(op, lead, "2026-11-23T09:00:00Z", "Lundi");
    add_task(op, lead, "2026-11-25T09:00:00Z", "Mercredi");
    // The lead's date is the earliest open one, whatever order they were made in.
    REQUIRE(op.post("/api/tasks/" + std::to_string(first) + "/done").status == 200);
    CHECK(op.get("/api/leads/" + std::to_string(lead)).json()["nextActionAt"] == "2026-11-25T09:00:00Z");
}

TEST_CASE("recording an outcome completes the lead's open follow-ups; its rule plans the next") {
    TestServer server;
    Client op = server.client();
    REQUIRE(op.login("admin").status == 200);
    const auto lead = new_lead(op, "Rappel", "06 20 00 00 03");
    add_task(op, lead, "2026-11-20T09:00:00Z", "Ce matin");
    add_task(op, lead, "2026-11-24T09:00:00Z", "Mardi");
    auto res = op.post("/api/leads/" + std::to_string(lead) + "/outcome", {{"outcome", "no_answer"}});
    REQUIRE(res.status == 200);
    CHECK(res.json()["completedFollowUps"] == 2);
    const auto open = op.get("/api/tasks?leadId=" + std::to_string(lead)).json()["items"];
    REQUIRE(open.size() == 1);  // the no-answer rule's J+2
    CHECK(open[0]["note"] == "Relance J+2");
    CHECK(res.json()["lead"]["nextActionAt"] == open[0]["dueAt"]);
    CHECK(query_int(server, "SELECT COUNT(*) FROM tasks WHERE lead_id = " + std::to_string(lead) +
                                " AND done_at = " + std::to_string(server.now())) == 2);
}

TEST_CASE("touch and contact: a no-answer is a first touch, not a first connect") {
    TestServer server;
    Client op = server.client();
    REQUIRE(op.login("admin").status == 200);
    const auto lead = new_lead(op, "Joint", "06 20 00 00 04");
    const auto path = "/api/leads/" + std::to_string(lead);
    REQUIRE(op.post(path + "/outcome", {{"outcome", "no_answer"}}).status == 200);
    auto l = op.get(path).json();
    CHECK(l["firstTouchAt"] == kTestNow);
    CHECK(l["firstConnectAt"].is_null());
    move_clock(op, "2026-11-20T09:42:00Z");
    REQUIRE(op.post(path + "/outcome", {{"outcome", "answered"}}).status == 200);
    l = op.get(path).json();
    CHECK(l["firstTouchAt"] == kTestNow);
    CHECK(l["firstConnectAt"] == "2026-11-20T09:42:00Z");
}
