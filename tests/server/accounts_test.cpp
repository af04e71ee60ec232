// Accounts over HTTP: changing one's password, creating people with a one-time setup link,
// resetting, turning accounts off and on, and the audit trail of all of it.
#include <catch2/catch.hpp>

#include "auth/passwords.hpp"
#include "support/processes.hpp"
#include "support/test_server.hpp"

using namespace crm;
using namespace crm::testing;

namespace {

constexpr const char* kStrong = "Velo-Rouge-Quai-42";
constexpr const char* kStronger = "Tartine!Soleil-2027";

HttpResult choose_password(Client& anonymous, const std::string& token, const std::string& password) {
    return anonymous.post("/setup/" + token, {{"password", password}});
}

bool audited(Client& op, const std::string& action, std::int64_t user_id) {
    const auto items = op.get("/api/audit?entity=user&entityId=" + std::to_string(user_id)).json()["items"];
    for (const auto& a : items)
        if (a["action"] == action) return true;
    return false;
}

}  // namespace

TEST_CASE("changing one's password: the current one is required, weak ones are refused in French") {
    TestServer server;
    Client alice = server.client();
    REQUIRE(alice.login("alice.martin").status == 200);
    Client alice_phone = server.client();  // another session of the same person
    REQUIRE(alice_phone.login("alice.martin").status == 200);

    SECTION("wrong current password") {
        auto res = alice.post("/api/me/password", {{"currentPassword", "nope"}, {"newPassword", kStrong}});
        CHECK(res.status == 403);
        CHECK(res.json()["error"]["code"] == "wrong_password");
        CHECK(alice.get("/api/me").status == 200);  // a refusal does not sign anyone out
        CHECK(alice_phone.get("/api/me").status == 200);
    }
    SECTION("weak new passwords, each with its reason") {
        const std::pair<const char*, const char*> weak[] = {
            {"court", "10 caractères"},
            {"azertyuiop", "dictionnaire"},    // cracklib's dictionary
            {"1234567890", "trop simple"},     // a sequence
            {"alice.martin2", "identifiant"},  // the username
        };
        for (const auto& [password, reason] : weak) {
            auto res = alice.post("/api/me/password", {{"currentPassword", "demo123"}, {"newPassword", password}});
            INFO(password << " -> " << res.body);
            CHECK(res.status == 422);
            CHECK(res.json()["error"]["code"] == "weak_password");
            CHECK(res.json()["error"]["message"].get<std::string>().find(reason) != std::string::npos);
            CHECK(res.json()["error"]["fields"].contains("newPassword"));
        }
        CHECK(server.client().login("alice.martin", "demo123").status == 200);  // unchanged
    }
    SECTION("success: this session goes on, every other one ends, the new password works") {
        auto res = alice.post("/api/me/password", {{"currentPassword", "demo123"}, {"newPassword", kStrong}});
        REQUIRE(res.status == 204);
        CHECK(alice.get("/api/me").status == 200);
        CHECK(alice_phone.get("/api/me").status == 401);
        CHECK(server.client().login("alice.martin", "demo123").status == 401);
        CHECK(server.client().login("alice.martin", kStrong).status == 200);
        Client op = server.client();
        REQUIRE(op.login("admin").status == 200);
        CHECK(audited(op, "user.password_change", alice.get("/api/me").json()["id"]));
    }
    SECTION("malformed bodies") {
        CHECK(alice.post("/api/me/password", {{"currentPassword", "demo123"}}).status == 422);
        CHECK(alice.post("/api/me/password", {{"currentPassword", 12}, {"newPassword", kStrong}}).status == 400);
        CHECK(alice.request("POST", "/api/me/password", "{nope").status == 400);
    }
}

TEST_CASE("wrong current passwords count in the login limiter") {
    TestServer server([](Config& c) { c.login_max_failures_user = 3; });
    Client ben = server.client();
    REQUIRE(ben.login("ben.leroy").status == 200);
    for (int i = 0; i < 3; ++i)
        CHECK(ben.post("/api/me/password", {{"currentPassword", "guess" + std::to_string(i)}, {"newPassword", kStrong}})
                  .status == 403);
    auto limited = ben.post("/api/me/password", {{"currentPassword", "demo123"}, {"newPassword", kStrong}});
    CHECK(limited.status == 429);
    CHECK_FALSE(limited.header("retry-after").empty());
}

TEST_CASE("an operator creates an agent; the agent chooses a password through the one-time link") {
    TestServer server;
    Client op = server.client();
    REQUIRE(op.login("admin").status == 200);
    auto created = op.post("/api/users", {{"username", "chloe.petit"},
                                          {"displayName", "Chloé Petit"},
                                          {"role", "agent"},
                                          {"email", "chloe@example.fr"},
                                          {"zips", {"44000"}}});
    REQUIRE(created.status == 201);
    const auto user = created.json()["user"];
    CHECK(user["role"] == "agent");
    CHECK(user["active"] == true);
    CHECK(user["passwordSet"] == false);
    CHECK(user["lastLoginAt"].is_null());
    CHECK(created.json()["emailed"] == false);  // no SMTP server configured: the link is shown
    const auto url = created.json()["setupUrl"].get<std::string>();
    CHECK(url.rfind(server.app().public_url() + "/setup/", 0) == 0);
    const auto token = token_of(url);
    CHECK(token.size() >= 43);  // 256 bits

    {  // stored hashed only
        auto db = server.app().pool().acquire();
        auto st = db->prepare("SELECT COUNT(*) FROM setup_links WHERE token_hash = ?");
        st.bind(1, auth::sha256_hex(token));
        st.step();
        CHECK(st.get_int(0) == 1);
        auto plain = db->prepare("SELECT COUNT(*) FROM setup_links WHERE token_hash = ?");
        plain.bind(1, token);
        plain.step();
        CHECK(plain.get_int(0) == 0);
    }
    CHECK(server.client().login("chloe.petit", "").status == 422);
    CHECK(server.client().login("chloe.petit", "anything-at-all").status == 401);  // no password yet

    Client anonymous = server.client();
    auto info = anonymous.request("GET", "/setup/" + token, "", {{"Accept", "application/json"}});
    REQUIRE(info.status == 200);
    CHECK(info.json()["username"] == "chloe.petit");
    CHECK(info.json()["displayName"] == "Chloé Petit");
    auto weak = choose_password(anonymous, token, "chloe.petit1");
    CHECK(weak.status == 422);
    CHECK(weak.json()["error"]["code"] == "weak_password");
    CHECK(anonymous.request("POST", "/setup/" + token, R"({"password":"x"})", {}, /*csrf=*/false).status == 403);
    REQUIRE(choose_password(anonymous, token, kStrong).status == 204);

    Client chloe = server.client();
    auto login = chloe.login("chloe.petit", kStrong);
    REQUIRE(login.status == 200);
    CHECK(login.json()["user"]["role"] == "agent");
    CHECK(chloe.get("/api/leads/assigned").status == 200);

    SECTION("the link works once") {
        CHECK(choose_password(anonymous, token, kStronger).status == 410);
        CHECK(anonymous.request("GET", "/setup/" + token, "", {{"Accept", "application/json"}}).status == 410);
        auto page = anonymous.get("/setup/" + token);
        CHECK(page.status == 410);
        CHECK(page.header("content-type").find("text/html") != std::string::npos);
        CHECK(page.body.find("Lien plus valable") != std::string::npos);
        CHECK(page.header("referrer-policy") == "no-referrer");
        CHECK(anonymous.get("/setup/unknowntoken").status == 404);
        CHECK(server.client().login("chloe.petit", kStronger).status == 401);
    }
    SECTION("the list shows the account with its last login, and the creation is audited") {
        const auto users = op.get("/api/users").json()["items"];
        bool found = false;
        for (const auto& u : users)
            if (u["username"] == "chloe.petit") {
                found = true;
                CHECK(u["passwordSet"] == true);
                CHECK(u["lastLoginAt"] == "2026-11-20T09:30:00Z");
                CHECK_FALSE(u.contains("passwordHash"));
            }
        CHECK(found);
        CHECK(audited(op, "user.create", user["id"]));
        CHECK(audited(op, "user.password_set", user["id"]));
        // The new agent can be routed leads in the zip given at creation.
        CHECK(op.get("/api/agents").body.find("chloe.petit") != std::string::npos);
    }
}

TEST_CASE("setup links expire after 24 hours") {
    TestServer server;
    Client op = server.client();
    REQUIRE(op.login("admin").status == 200);
    auto created =
        op.post("/api/users", {{"username", "marc.durand"}, {"displayName", "Marc Durand"}, {"role", "operator"}});
    REQUIRE(created.status == 201);
    server.set_clock(server.now() + 24 * 3600);
    Client anonymous = server.client();
    CHECK(choose_password(anonymous, token_of(created.json()["setupUrl"]), kStrong).status == 410);
}

TEST_CASE("creating accounts: bad input is refused and nothing is written") {
    TestServer server;
    Client op = server.client();
    REQUIRE(op.login("admin").status == 200);
    const auto before = op.get("/api/users").json()["items"].size();
    auto bad = op.post("/api/users", {{"username", "A B"}, {"displayName", ""}, {"role", "admin"}, {"email", "x@"}});
    CHECK(bad.status == 422);
    for (const char* field : {"username", "displayName", "role", "email"})
        CHECK(bad.json()["error"]["fields"].contains(field));
    CHECK(op.post("/api/users", {{"username", "admin"}, {"displayName", "X"}, {"role", "operator"}}).status == 409);
    CHECK(op.post("/api/users",
                  {{"username", "zoe.roux"}, {"displayName", "Zoé"}, {"role", "operator"}, {"zips", {"69001"}}})
              .status == 422);
    CHECK(op.post("/api/users", {{"username", 5}}).status == 400);
    CHECK(op.get("/api/users").json()["items"].size() == before);
}

TEST_CASE("a reset gives a new link; the old password works until it is used") {
    TestServer server;
    Client op = server.client();
    REQUIRE(op.login("admin").status == 200);
    const auto ben_id = server.client().login("ben.leroy").json()["user"]["id"].get<std::int64_t>();
    Client ben = server.client();
    REQUIRE(ben.login("ben.leroy").status == 200);
    auto first = op.post("/api/users/" + std::to_string(ben_id) + "/reset");
    REQUIRE(first.status == 200);
    auto second = op.post("/api/users/" + std::to_string(ben_id) + "/reset");
    REQUIRE(second.status == 200);
    CHECK(server.client().login("ben.leroy", "demo123").status == 200);  // still works
    Client anonymous = server.client();
    CHECK(choose_password(anonymous, token_of(first.json()["setupUrl"]), kStrong).status == 410);  // superseded
    REQUIRE(choose_password(anonymous, token_of(second.json()["setupUrl"]), kStrong).status == 204);
    CHECK(server.client().login("ben.leroy", "demo123").status == 401);
    CHECK(server.client().login("ben.leroy", kStrong).status == 200);
    CHECK(ben.get("/api/me").status == 401);  // signed out everywhere by the reset
    CHECK(audited(op, "user.reset", ben_id));
    CHECK(op.post("/api/users/999999/reset").status == 404);
}

TEST_CASE("deactivating ends a live session at once and refuses logins; the agent's leads stay") {
    TestServer server;
    Client op = server.client();
    const auto admin_id = op.login("admin").json()["user"]["id"].get<std::int64_t>();
    Client alice = server.client();
    const auto alice_id = alice.login("alice.martin").json()["user"]["id"].get<std::int64_t>();
    const auto leads_before = alice.get("/api/leads/assigned").json()["items"].size();
    REQUIRE(leads_before > 0);

    auto off = op.post("/api/users/" + std::to_string(alice_id) + "/deactivate");
    REQUIRE(off.status == 200);
    CHECK(off.json()["active"] == false);
    CHECK(alice.get("/api/leads/assigned").status == 401);
    auto refused = server.client().login("alice.martin");
    CHECK(refused.status == 401);
    CHECK(refused.json()["error"]["message"].get<std::string>().find("désactivé") != std::string::npos);
    CHECK(server.client().login("alice.martin", "wrong").json()["error"]["message"] ==
          "Identifiant ou mot de passe incorrect.");  // the state is told only to the password's owner
    CHECK(op.post("/api/users/" + std::to_string(alice_id) + "/reset").status == 409);

    CHECK(op.post("/api/users/" + std::to_string(admin_id) + "/deactivate").status == 409);  // not oneself
    CHECK(op.get("/api/me").status == 200);

    REQUIRE(op.post("/api/users/" + std::to_string(alice_id) + "/reactivate").status == 200);
    Client again = server.client();
    REQUIRE(again.login("alice.martin").status == 200);
    CHECK(again.get("/api/leads/assigned").json()["items"].size() == leads_before);
    CHECK(audited(op, "user.deactivate", alice_id));
    CHECK(audited(op, "user.reactivate", alice_id));
}

TEST_CASE("agents cannot see or change accounts") {
    TestServer server;
    Client alice = server.client();
    REQUIRE(alice.login("alice.martin").status == 200);
    CHECK(alice.get("/api/users").status == 403);
    CHECK(alice.post("/api/users", {{"username", "evil"}, {"displayName", "E"}, {"role", "operator"}}).status == 403);
    CHECK(alice.post("/api/users/1/deactivate").status == 403);
    CHECK(alice.post("/api/users/1/reset").status == 403);
}

TEST_CASE("with SMTP configured, the setup link goes by e-mail and works") {
    SmtpMailbox smtp;
    ScopedEnv env;
    env.set("SMTP_URL", smtp.url());
    env.set("SMTP_FROM", "Lead CRM <crm@example.fr>");
    TestServer server;
    Client op = server.client();
    REQUIRE(op.login("admin").status == 200);
    auto created = op.post(
        "/api/users",
        {{"username", "lea.fabre"}, {"displayName", "Léa Fabre"}, {"role", "agent"}, {"email", "lea@example.fr"}});
    REQUIRE(created.status == 201);
    CHECK(created.json()["emailed"] == true);
    const auto mails = smtp.messages();
    REQUIRE(mails.size() == 1);
    CHECK(mails[0].find("To: <lea@example.fr>") != std::string::npos);
    const auto url = created.json()["setupUrl"].get<std::string>();
    CHECK(SmtpMailbox::plain_text(mails[0]).find(url) != std::string::npos);
    Client anonymous = server.client();
    REQUIRE(choose_password(anonymous, token_of(url), kStrong).status == 204);
    CHECK(server.client().login("lea.fabre", kStrong).status == 200);
    // The token never reaches the database in clear, not even in the audit log.
    auto db = server.app().pool().acquire();
    auto st = db->prepare("SELECT COUNT(*) FROM audit_log WHERE after_json LIKE ?");
    st.bind(1, "%" + token_of(url) + "%");
    st.step();
    CHECK(st.get_int(0) == 0);
}
