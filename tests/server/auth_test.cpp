// Login, sessions (hashed, rotated, expiring), logout and the login rate limit, over HTTP.
#include <catch2/catch.hpp>

#include "auth/passwords.hpp"
#include "support/test_server.hpp"

using namespace crm;
using namespace crm::testing;

TEST_CASE("the three seeded accounts log in with their roles") {
    TestServer server;
    const std::pair<const char*, const char*> accounts[] = {
        {"admin", "operator"}, {"alice.martin", "agent"}, {"ben.leroy", "agent"}};
    for (const auto& [username, role] : accounts) {
        Client c = server.client();
        auto login = c.login(username);
        REQUIRE(login.status == 200);
        CHECK(login.json()["user"]["role"] == role);
        auto me = c.get("/api/me");
        REQUIRE(me.status == 200);
        CHECK(me.json()["username"] == username);
        CHECK(me.json()["role"] == role);
        CHECK(me.json().contains("displayName"));
    }
}

TEST_CASE("the session cookie is HttpOnly, SameSite=Lax, and stored only as a hash") {
    TestServer server;
    Client c = server.client();
    auto res = c.login("alice.martin");
    REQUIRE(res.status == 200);
    const auto cookie = res.header("set-cookie");
    CHECK(cookie.find("HttpOnly") != std::string::npos);
    CHECK(cookie.find("SameSite=Lax") != std::string::npos);
    CHECK(cookie.find("Path=/") != std::string::npos);
    REQUIRE(c.cookie().size() >= 43);  // 256 bits, base64url

    auto db = server.app().pool().acquire();
    auto st = db->prepare("SELECT COUNT(*) FROM sessions WHERE token_hash = ?");
    st.bind(1, auth::sha256_hex(c.cookie()));
    st.step();
    CHECK(st.get_int(0) == 1);
    auto clear = db->prepare("SELECT COUNT(*) FROM sessions WHERE token_hash = ? OR csrf = ?");
    clear.bind_all(c.cookie(), c.cookie());
    clear.step();
    CHECK(clear.get_int(0) == 0);
}

TEST_CASE("a wrong password is refused without a cookie") {
    TestServer server;
    Client c = server.client();
    auto res = c.login("alice.martin", "wrong");
    CHECK(res.status == 401);
    CHECK(res.json()["error"]["code"] == "unauthenticated");
    CHECK(res.header("set-cookie").empty());
    CHECK(c.login("nobody", "demo123").status == 401);
    CHECK(c.get("/api/me").status == 401);
}

TEST_CASE("logout ends the session") {
    TestServer server;
    Client c = server.client();
    REQUIRE(c.login("ben.leroy").status == 200);
    const auto old = c.cookie();
    CHECK(c.post("/api/auth/logout").status == 204);
    c.set_cookie(old);
    CHECK(c.get("/api/me").status == 401);
}

TEST_CASE("logging in again rotates the session") {
    TestServer server;
    Client c = server.client();
    REQUIRE(c.login("admin").status == 200);
    const auto first = c.cookie();
    REQUIRE(c.login("admin").status == 200);
    CHECK(c.cookie() != first);
    Client old = server.client();
    old.set_cookie(first);
    CHECK(old.get("/api/me").status == 401);
    CHECK(c.get("/api/me").status == 200);
}

TEST_CASE("sessions expire after the idle time and after their lifetime") {
    TestServer server([](Config& c) {
        c.session_idle_minutes = 60;
        c.session_max_hours = 3;
    });
    const auto t0 = server.now();
    Client c = server.client();
    REQUIRE(c.login("alice.martin").status == 200);

    SECTION("idle") {
        server.set_clock(t0 + 59 * 60);
        CHECK(c.get("/api/me").status == 200);  // activity refreshes the idle timer
        server.set_clock(t0 + 118 * 60);
        CHECK(c.get("/api/me").status == 200);
        server.set_clock(t0 + 118 * 60 + 3600);
        CHECK(c.get("/api/me").status == 401);
    }
    SECTION("absolute lifetime, even when active") {
        for (int minutes = 50; minutes < 180; minutes += 50) {
            server.set_clock(t0 + minutes * 60);
            CHECK(c.get("/api/me").status == 200);
        }
        server.set_clock(t0 + 3 * 3600);
        CHECK(c.get("/api/me").status == 401);
    }
}

TEST_CASE("repeated login failures are rate limited per username, then released") {
    TestServer server([](Config& c) { c.login_max_failures_user = 3; });
    Client c = server.client();
    for (int i = 0; i < 3; ++i) CHECK(c.login("alice.martin", "nope").status == 401);
    auto blocked = c.login("alice.martin", "demo123");
    CHECK(blocked.status == 429);
    CHECK(blocked.json()["error"]["code"] == "rate_limited");
    CHECK(c.login("ben.leroy").status == 200);  // other users are not affected
    server.set_clock(server.now() + 16 * 60);
    CHECK(c.login("alice.martin").status == 200);
}

TEST_CASE("repeated login failures are rate limited per address") {
    TestServer server([](Config& c) {
        c.login_max_failures_user = 100;
        c.login_max_failures_addr = 4;
    });
    Client c = server.client();
    for (int i = 0; i < 4; ++i) CHECK(c.login("user" + std::to_string(i), "nope").status == 401);
    CHECK(c.login("admin").status == 429);
}

TEST_CASE("state-changing API calls need the X-Requested-With header") {
    TestServer server;
    Client c = server.client();
    REQUIRE(c.login("alice.martin").status == 200);
    auto res = c.request("POST", "/api/auth/logout", "", {}, /*csrf=*/false);
    CHECK(res.status == 403);
    CHECK(res.json()["error"]["code"] == "csrf");
    CHECK(c.get("/api/me").status == 200);  // the session is still there
}
