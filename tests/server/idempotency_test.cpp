// Idempotency-Key on writes: a retried write applies once and answers the same, a key is
// never reused for another request, refused requests can be retried, keys are per user.
#include <catch2/catch.hpp>

#include "auth/passwords.hpp"
#include "support/test_server.hpp"

using namespace crm;
using namespace crm::testing;

namespace {

using Headers = std::map<std::string, std::string>;

std::string lead_in_stage(TestServer& s, const std::string& stage) {
    auto db = s.app().pool().acquire();
    auto st = db->prepare("SELECT id FROM leads WHERE stage = ? AND dnc = 0 AND bad_number = 0 ORDER BY id LIMIT 1");
    st.bind(1, stage);
    REQUIRE(st.step());
    return std::to_string(st.get_int64(0));
}

HttpResult send(Client& c, const std::string& method, const std::string& target, const nlohmann::json& body,
                const std::string& key) {
    return c.request(method, target, body.dump(), key.empty() ? Headers{} : Headers{{"Idempotency-Key", key}});
}

void add_operator(TestServer& s, const char* username) {
    auto db = s.app().pool().acquire();
    db->prepare(
          "INSERT INTO users(username, display_name, role, password_hash, created_at) VALUES (?, ?, 'operator', ?, 0)")
        .bind_all(username, username, auth::hash_password("demo123"))
        .run();
}

}  // namespace

TEST_CASE("an outcome sent twice under one key is recorded once and answered the same") {
    TestServer server;
    Client op = server.client();
    REQUIRE(op.login("admin").status == 200);
    const auto id = lead_in_stage(server, "new");
    const auto target = "/api/leads/" + id + "/outcome";
    const auto calls = "SELECT COUNT(*) FROM interactions WHERE lead_id = " + id;
    const auto sms = "SELECT COUNT(*) FROM jobs WHERE lead_id = " + id + " AND kind = 'send_sms'";
    const int before = query_int(server, calls);
    const int sms_before = query_int(server, sms);
    const nlohmann::json body = {{"outcome", "no_answer"}, {"note", "Pas de réponse"}};

    const auto first = send(op, "POST", target, body, "outbox-42");
    REQUIRE(first.status == 200);
    CHECK(first.header("idempotent-replayed").empty());
    const auto second = send(op, "POST", target, body, "outbox-42");
    CHECK(second.status == 200);
    CHECK(second.body == first.body);
    CHECK(second.header("content-type") == first.header("content-type"));
    CHECK(second.header("idempotent-replayed") == "true");
    CHECK(query_int(server, calls) == before + 1);
    CHECK(query_int(server, sms) == sms_before + 1);  // the rule's SMS is planned once

    SECTION("the same key for another request is refused") {
        const auto other_body = send(op, "POST", target, {{"outcome", "voicemail"}}, "outbox-42");
        CHECK(other_body.status == 422);
        CHECK(other_body.json()["error"]["code"] == "idempotency_mismatch");
        const auto other_path = send(op, "POST", "/api/leads/" + id + "/notes", {{"text", "x"}}, "outbox-42");
        CHECK(other_path.status == 422);
        CHECK(other_path.json()["error"]["code"] == "idempotency_mismatch");
        CHECK(query_int(server, calls) == before + 1);
    }
    SECTION("without a key every request applies, as before") {
        REQUIRE(send(op, "POST", target, body, "").status == 200);
        CHECK(query_int(server, calls) == before + 2);
    }
}

TEST_CASE("notes, stage moves and deletions replay under their key") {
    TestServer server;
    Client op = server.client();
    REQUIRE(op.login("admin").status == 200);
    const auto id = lead_in_stage(server, "qualified");

    const nlohmann::json note = {{"text", "Rappeler après 18 h"}};
    const auto n1 = send(op, "POST", "/api/leads/" + id + "/notes", note, "note-1");
    const auto n2 = send(op, "POST", "/api/leads/" + id + "/notes", note, "note-1");
    REQUIRE(n1.status == 201);
    CHECK(n2.status == 201);
    CHECK(n2.body == n1.body);
    CHECK(n2.header("idempotent-replayed") == "true");
    CHECK(query_int(server,
                    "SELECT COUNT(*) FROM interactions WHERE kind = 'note' AND summary = 'Rappeler après 18 h'") == 1);

    const nlohmann::json stage = {{"stage", "booked"}};
    const auto s1 = send(op, "POST", "/api/leads/" + id + "/stage", stage, "stage-1");
    REQUIRE(s1.status == 200);
    // Meanwhile the lead moves on: the replay is the first answer, not the lead as it is now.
    REQUIRE(send(op, "POST", "/api/leads/" + id + "/stage", {{"stage", "sold"}}, "").status == 200);
    const auto s2 = send(op, "POST", "/api/leads/" + id + "/stage", stage, "stage-1");
    CHECK(s2.status == 200);
    CHECK(s2.body == s1.body);
    CHECK(s2.json()["stage"] == "booked");
    CHECK(op.get("/api/leads/" + id).json()["stage"] == "sold");

    const auto gone = lead_in_stage(server, "new");
    const auto d1 = op.request("DELETE", "/api/leads/" + gone, "", {{"Idempotency-Key", "del-1"}});
    const auto d2 = op.request("DELETE", "/api/leads/" + gone, "", {{"Idempotency-Key", "del-1"}});
    CHECK(d1.status == 204);
    CHECK(d2.status == 204);  // not 404: the first answer again
    CHECK(d2.header("idempotent-replayed") == "true");
}

TEST_CASE("two users may use the same key independently") {
    TestServer server;
    add_operator(server, "second.op");
    Client a = server.client();
    Client b = server.client();
    REQUIRE(a.login("admin").status == 200);
    REQUIRE(b.login("second.op").status == 200);
    const auto id = lead_in_stage(server, "new");
    const auto target = "/api/leads/" + id + "/notes";
    const auto na = send(a, "POST", target, {{"text", "note de A"}}, "same-key");
    const auto nb = send(b, "POST", target, {{"text", "note de B"}}, "same-key");
    REQUIRE(na.status == 201);
    REQUIRE(nb.status == 201);
    CHECK(nb.header("idempotent-replayed").empty());
    CHECK(nb.json()["summary"] == "note de B");
    CHECK(send(b, "POST", target, {{"text", "note de B"}}, "same-key").body == nb.body);
    CHECK(send(a, "POST", target, {{"text", "note de A"}}, "same-key").body == na.body);
    CHECK(query_int(server, "SELECT COUNT(*) FROM interactions WHERE lead_id = " + id + " AND kind = 'note'") >= 2);
    CHECK(query_int(server, "SELECT COUNT(*) FROM interactions WHERE summary IN ('note de A', 'note de B')") == 2);
}

TEST_CASE("a refused request leaves its key free for a retry") {
    TestServer server;
    Client op = server.client();
    REQUIRE(op.login("admin").status == 200);
    const auto id = lead_in_stage(server, "qualified");
    const auto target = "/api/leads/" + id + "/outcome";
    const auto no_slot = send(op, "POST", target, {{"outcome", "booked"}}, "book-1");
    CHECK(no_slot.status == 422);
    CHECK(no_slot.json()["error"]["code"] == "validation");
    CHECK(query_int(server, "SELECT COUNT(*) FROM idempotency_keys") == 0);

    const nlohmann::json booked = {
        {"outcome", "booked"},
        {"slot", {{"start", "2026-11-24T13:00:00Z"}, {"end", "2026-11-24T14:00:00Z"}, {"location", "Sur place"}}}};
    const auto ok = send(op, "POST", target, booked, "book-1");
    CHECK(ok.status == 200);
    CHECK(ok.header("idempotent-replayed").empty());
    CHECK(send(op, "POST", target, booked, "book-1").header("idempotent-replayed") == "true");
    CHECK(query_int(server, "SELECT COUNT(*) FROM appointments WHERE lead_id = " + id) >= 1);
    CHECK(query_int(server, "SELECT COUNT(*) FROM interactions WHERE outcome = 'booked' AND lead_id = " + id) == 1);

    SECTION("a missing lead too") {
        CHECK(send(op, "POST", "/api/leads/999999/notes", {{"text", "x"}}, "ghost").status == 404);
        CHECK(send(op, "POST", "/api/leads/" + id + "/notes", {{"text", "x"}}, "ghost").status == 201);
    }
}

TEST_CASE("a key still running answers 409, and one abandoned for 5 minutes runs again") {
    TestServer server;
    Client op = server.client();
    REQUIRE(op.login("admin").status == 200);
    const auto user = op.get("/api/me").json()["id"].get<std::int64_t>();
    const auto id = lead_in_stage(server, "new");
    const auto target = "/api/leads/" + id + "/notes";
    const std::string body = R"({"text":"après un crash"})";
    {
        // As a request that crashed between its handler's commit and its record leaves it.
        auto db = server.app().pool().acquire();
        db->prepare(
              "INSERT INTO idempotency_keys(key, user_id, method, path, body_sha256, status, response, created_at) "
              "VALUES (?, ?, 'POST', ?, ?, 0, '', ?)")
            .bind_all(std::to_string(user) + ":crashed", user, target, auth::sha256_hex(body), server.now())
            .run();
    }
    const auto running = op.request("POST", target, body, {{"Idempotency-Key", "crashed"}});
    CHECK(running.status == 409);
    CHECK(running.json()["error"]["code"] == "in_progress");
    server.set_clock(server.now() + 4 * 60);
    CHECK(op.request("POST", target, body, {{"Idempotency-Key", "crashed"}}).status == 409);
    server.set_clock(server.now() + 2 * 60);
    const auto rerun = op.request("POST", target, body, {{"Idempotency-Key", "crashed"}});
    CHECK(rerun.status == 201);
    CHECK(rerun.header("idempotent-replayed").empty());
    CHECK(op.request("POST", target, body, {{"Idempotency-Key", "crashed"}}).header("idempotent-replayed") == "true");
}

TEST_CASE("keys are forgotten after 7 days") {
    TestServer server;
    Client op = server.client();
    REQUIRE(op.login("admin").status == 200);
    const auto target = "/api/leads/" + lead_in_stage(server, "new") + "/notes";
    const nlohmann::json note = {{"text", "une semaine plus tard"}};
    REQUIRE(send(op, "POST", target, note, "week").status == 201);
    server.set_clock(server.now() + 6 * 86400);
    REQUIRE(op.login("admin").status == 200);  // sessions expire sooner than keys
    CHECK(send(op, "POST", target, note, "week").header("idempotent-replayed") == "true");
    server.set_clock(server.now() + 2 * 86400);
    REQUIRE(op.login("admin").status == 200);
    CHECK(send(op, "POST", target, note, "week").header("idempotent-replayed").empty());
    CHECK(query_int(server, "SELECT COUNT(*) FROM interactions WHERE summary = 'une semaine plus tard'") == 2);
    CHECK(query_int(server, "SELECT COUNT(*) FROM idempotency_keys") == 1);
}

TEST_CASE("a malformed key is a 400; reads and logins ignore the header") {
    TestServer server;
    Client op = server.client();
    REQUIRE(op.login("admin").status == 200);
    const auto target = "/api/leads/" + lead_in_stage(server, "new") + "/notes";
    for (const std::string& key : {std::string("a b"), std::string("clé"), std::string("a/b"), std::string(101, 'k')}) {
        INFO(key);
        const auto res = send(op, "POST", target, {{"text", "x"}}, key);
        CHECK(res.status == 400);
        CHECK(res.json()["error"]["code"] == "bad_request");
    }
    CHECK(send(op, "POST", target, {{"text", "x"}}, std::string(100, 'k')).status == 201);
    CHECK(send(op, "POST", target, {{"text", "y"}}, "A-z_0.9:x").status == 201);
    CHECK(op.request("GET", "/api/me", "", {{"Idempotency-Key", "a b"}}).status == 200);
    CHECK(op.request("POST", "/api/auth/logout", "", {{"Idempotency-Key", "a b"}}).status == 204);
    Client again = server.client();
    CHECK(send(again, "POST", "/api/auth/login", {{"username", "admin"}, {"password", "demo123"}}, "a b").status ==
          200);
}
