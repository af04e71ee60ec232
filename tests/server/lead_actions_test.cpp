// Stage moves, tasks and appointments on a lead, as the operator makes them.
#include <catch2/catch.hpp>

#include "support/test_server.hpp"

using namespace crm;
using namespace crm::testing;

namespace {
std::string first_lead_in_stage(Client& op, const std::string& stage) {
    const auto list = op.get("/api/leads?stage=" + stage + "&limit=1").json();
    REQUIRE(list["items"].size() == 1);
    return list["items"][0]["id"].dump();
}
int audit_rows(TestServer& s, const std::string& action) {
    auto db = s.app().pool().acquire();
    auto st = db->prepare("SELECT COUNT(*) FROM audit_log WHERE action = ?");
    st.bind(1, action);
    st.step();
    return st.get_int(0);
}
}  // namespace

TEST_CASE("moving a lead between pipeline columns is saved and audited") {
    TestServer server;
    Client op = server.client();
    REQUIRE(op.login("admin").status == 200);
    const auto id = first_lead_in_stage(op, "qualified");
    auto res = op.post("/api/leads/" + id + "/stage", {{"stage", "booked"}});
    REQUIRE(res.status == 200);
    CHECK(res.json()["stage"] == "booked");
    CHECK(op.get("/api/leads/" + id).json()["stage"] == "booked");
    CHECK(audit_rows(server, "lead.stage") == 1);
    const auto audit = op.get("/api/audit?entity=lead&entityId=" + id).json();
    REQUIRE(audit["items"].size() >= 1);
    CHECK(audit["items"][0]["action"] == "lead.stage");
    CHECK(audit["items"][0]["before"]["stage"] == "qualified");
    CHECK(audit["items"][0]["after"]["stage"] == "booked");
    CHECK(audit["items"][0]["userName"] == "Opérateur");

    CHECK(op.post("/api/leads/" + id + "/stage", {{"stage", "limbo"}}).status == 422);
    CHECK(op.post("/api/leads/999999/stage", {{"stage", "new"}}).status == 404);
    CHECK(op.get("/api/leads/" + id).json()["stage"] == "booked");
}

TEST_CASE("a follow-up task sets the lead's next action") {
    TestServer server;
    Client op = server.client();
    REQUIRE(op.login("admin").status == 200);
    const auto id = first_lead_in_stage(op, "new");
    auto res = op.post("/api/leads/" + id + "/tasks", {{"dueAt", "2026-11-23T09:00:00Z"}, {"note", "Rappeler lundi"}});
    REQUIRE(res.status == 201);
    CHECK(res.json()["dueAt"] == "2026-11-23T09:00:00Z");
    CHECK(op.get("/api/leads/" + id).json()["nextActionAt"] == "2026-11-23T09:00:00Z");
    const auto timeline = op.get("/api/leads/" + id + "/timeline").json();
    bool found = false;
    for (const auto& item : timeline["items"])
        if (item["type"] == "task" && item["note"] == "Rappeler lundi") found = true;
    CHECK(found);
    CHECK(op.post("/api/leads/" + id + "/tasks", {{"dueAt", "lundi"}}).status == 422);
}

TEST_CASE("GET /api/tasks: today's follow-ups (Paris day, overdue included), not later ones") {
    TestServer server;  // Friday 20/11 10:30 in Paris
    Client op = server.client();
    REQUIRE(op.login("admin").status == 200);
    const auto id = first_lead_in_stage(op, "new");
    auto task = [&](const char* due, const char* note) {
        REQUIRE(op.post("/api/leads/" + id + "/tasks", {{"dueAt", due}, {"note", note}}).status == 201);
    };
    task("2026-11-19T15:00:00Z", "hier");
    task("2026-11-20T22:30:00Z", "ce soir 23:30");  // still Friday in Paris
    task("2026-11-20T23:30:00Z", "samedi 00:30");   // Saturday in Paris
    auto notes = [&](const std::string& query) {
        std::vector<std::string> out;
        const auto items = op.get("/api/tasks" + query).json();
        for (const auto& t : items["items"])
            if (t["leadId"].dump() == id) out.push_back(t["note"].get<std::string>());
        return out;
    };
    CHECK(notes("?due=today") == std::vector<std::string>{"hier", "ce soir 23:30"});
    CHECK(notes("?due=overdue") == std::vector<std::string>{"hier"});
    CHECK(notes("?leadId=" + id) == std::vector<std::string>{"hier", "ce soir 23:30", "samedi 00:30"});
    CHECK(op.get("/api/tasks?due=someday").status == 422);
}

TEST_CASE("appointments need a coherent slot and a real agent") {
    TestServer server;
    Client op = server.client();
    REQUIRE(op.login("admin").status == 200);
    const auto id = first_lead_in_stage(op, "qualified");
    const auto agents_ok =
        op.post("/api/leads/" + id + "/appointments",
                {{"start", "2026-11-24T13:00:00Z"}, {"end", "2026-11-24T14:00:00Z"}, {"location", "Sur place"}});
    REQUIRE(agents_ok.status == 201);
    CHECK(agents_ok.json()["start"] == "2026-11-24T13:00:00Z");
    CHECK_FALSE(agents_ok.json()["icsUid"].get<std::string>().empty());
    auto backwards = op.post("/api/leads/" + id + "/appointments",
                             {{"start", "2026-11-24T14:00:00Z"}, {"end", "2026-11-24T13:00:00Z"}});
    CHECK(backwards.status == 422);
    CHECK(backwards.json()["error"]["fields"].contains("end"));
    auto ghost = op.post("/api/leads/" + id + "/appointments",
                         {{"start", "2026-11-24T13:00:00Z"}, {"end", "2026-11-24T14:00:00Z"}, {"withAgentId", 3}});
    CHECK(ghost.status == 422);  // user 3 is the operator, not an agent
    CHECK(audit_rows(server, "appointment.create") == 1);
}
