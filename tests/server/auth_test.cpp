// Login, sessions (hashed, rotated, expiring), logout and the login rate limit, over HTTP.
#include <catch2/catch.hpp>

#include <atomic>
#include <chrono>
#include <thread>

#include "auth/login_limiter.hpp"
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

TEST_CASE("an attacker hammering admin from one address does not lock the owner out") {
    TestServer server;
    Client attacker = server.client();
    attacker.set_source_address("127.0.0.2");
    int refused = 0, limited = 0;
    for (int i = 0; i < 12; ++i) {
        const auto status = attacker.login("admin", "guess-" + std::to_string(i)).status;
        refused += status == 401;
        limited += status == 429;
    }
    CHECK(refused == 5);  // the free failures, then growing delays
    CHECK(limited == 7);
    auto still_locked = attacker.login("admin", "demo123");  // even the right password, from there
    CHECK(still_locked.status == 429);
    CHECK(std::stoi(still_locked.header("retry-after")) > 0);

    Client owner = server.client();
    owner.set_source_address("127.0.0.3");
    CHECK(owner.login("admin", "demo123").status == 200);
}

TEST_CASE("the delays grow with each failure past the free ones, then a quiet window resets them") {
    TestServer server;
    Client c = server.client();
    for (int i = 0; i < 5; ++i) REQUIRE(c.login("admin", "nope").status == 401);
    const auto first = std::stoi(c.login("admin", "nope").header("retry-after"));
    server.set_clock(server.now() + first);
    REQUIRE(c.login("admin", "nope").status == 401);  // allowed again, and wrong again
    const auto second = std::stoi(c.login("admin", "nope").header("retry-after"));
    CHECK(second >= 2 * first - 1);
    server.set_clock(server.now() + 16 * 60 + second);
    CHECK(c.login("admin", "demo123").status == 200);
}

TEST_CASE("the throttling table stays small under a flood of usernames, and keeps the flooding address") {
    TestServer server;
    auto db = server.app().pool().acquire();
    const auth::LoginLimiter limiter(auth::LoginLimits{5, 20, 30, 900, 900});
    // What the login route does for each try: a locked key is refused before any check.
    auto attempt = [&](const std::string& username, const std::string& address, std::int64_t now) {
        if (limiter.retry_after(*db, username, address, now) > 0) return false;
        limiter.record_failure(*db, username, address, now);
        return true;
    };
    int checked = 0;
    for (int i = 0; i < 5000; ++i) checked += attempt("spray" + std::to_string(i), "203.0.113.9", 1000);
    CHECK(checked == 20);                                             // the 20th failure locks the address
    CHECK(scalar(*db, "SELECT COUNT(*) FROM login_failures") == 21);  // 20 pairs + the address
    CHECK(limiter.retry_after(*db, "anyone", "203.0.113.9", 1001) > 0);
    CHECK(limiter.retry_after(*db, "admin", "192.0.2.1", 1001) == 0);  // others untouched

    SECTION("rows whose window and lock have passed go with the next failure") {
        attempt("admin", "198.51.100.7", 1000 + 900 + 900);
        CHECK(scalar(*db, "SELECT COUNT(*) FROM login_failures") == 2);
    }
    SECTION("neither a username nor an address is stored in clear") {
        CHECK(scalar(*db,
                     "SELECT COUNT(*) FROM login_failures WHERE key_sha256 LIKE '%spray%' "
                     "OR key_sha256 LIKE '%203.0.113%'") == 0);
        CHECK(scalar(*db, "SELECT COUNT(*) FROM login_failures WHERE length(key_sha256) = 64") == 21);
    }
}

TEST_CASE("X-Forwarded-For is believed only from the trusted proxy") {
    SECTION("behind a trusted proxy, each forwarded client has its own limit") {
        TestServer server([](Config& c) { c.trusted_proxy = "127.0.0.1"; });
        Client proxy = server.client();
        const std::map<std::string, std::string> attacker = {{"X-Forwarded-For", "203.0.113.5"}};
        for (int i = 0; i < 5; ++i)
            proxy.request("POST", "/api/auth/login", R"({"username":"admin","password":"nope"})", attacker);
        CHECK(
            proxy.request("POST", "/api/auth/login", R"({"username":"admin","password":"demo123"})", attacker).status ==
            429);
        CHECK(proxy
                  .request("POST", "/api/auth/login", R"({"username":"admin","password":"demo123"})",
                           {{"X-Forwarded-For", "198.51.100.7, 203.0.113.5"}})
                  .status == 429);  // the right-most hop is the one the proxy saw
        CHECK(proxy
                  .request("POST", "/api/auth/login", R"({"username":"admin","password":"demo123"})",
                           {{"X-Forwarded-For", "198.51.100.7"}})
                  .status == 200);
    }
    SECTION("from anyone else, the header changes nothing") {
        TestServer server;
        Client c = server.client();
        for (int i = 0; i < 5; ++i)
            c.request("POST", "/api/auth/login", R"({"username":"admin","password":"nope"})",
                      {{"X-Forwarded-For", "203.0.113." + std::to_string(i)}});
        CHECK(c.request("POST", "/api/auth/login", R"({"username":"admin","password":"demo123"})",
                        {{"X-Forwarded-For", "198.51.100.7"}})
                  .status == 429);
    }
}

namespace {
// The flood tests need checks that take as long as the server's (tens of ms): this account's
// hash is made at the real cost, whatever the test servers use.
void real_cost_password(TestServer& server, const std::string& username) {
    auth::use_minimum_hash_cost_in_tests(false);
    const auto hash = auth::hash_password("demo123");
    auth::use_minimum_hash_cost_in_tests(true);
    auto db = server.app().pool().acquire();
    db->prepare("UPDATE users SET password_hash = ? WHERE username = ?").bind_all(hash, username).run();
}
}  // namespace

TEST_CASE("a login flood runs on the password workers: the signed-in operator's queue still answers") {
    TestServer server([](Config& c) {
        c.password_workers = 1;
        c.password_queue = 100;
    });
    real_cost_password(server, "admin");
    Client op = server.client();
    REQUIRE(op.login("admin").status == 200);
    std::vector<std::thread> flood;
    for (int i = 0; i < 16; ++i)
        flood.emplace_back([&, i] {
            Client c = server.client();
            c.set_source_address("127.0.1." + std::to_string(i + 1));
            c.login("admin", "wrong-" + std::to_string(i));
        });
    // One worker checks the passwords one after another (tens of ms each). Once several wait
    // for it, the queue must still be served by the I/O threads, before the flood is over.
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
    while (server.app().password_checks_waiting() < 8 && std::chrono::steady_clock::now() < deadline)
        std::this_thread::yield();
    REQUIRE(server.app().password_checks_waiting() >= 8);
    const auto res = op.get("/api/queue?limit=5");
    const auto still_waiting = server.app().password_checks_waiting();
    for (auto& t : flood) t.join();
    CHECK(res.status == 200);
    CHECK(still_waiting > 0);
}

TEST_CASE("past the password workers' queue, logins are refused at once with 429") {
    TestServer server([](Config& c) {
        c.password_workers = 1;
        c.password_queue = 1;
    });
    real_cost_password(server, "ben.leroy");
    std::atomic<int> busy{0}, ok{0};
    std::vector<std::thread> flood;
    for (int i = 0; i < 12; ++i)
        flood.emplace_back([&, i] {
            Client c = server.client();
            c.set_source_address("127.0.2." + std::to_string(i + 1));
            const auto res = c.login("ben.leroy");
            if (res.status == 429 && res.json()["error"]["code"] == "rate_limited") ++busy;
            if (res.status == 200) ++ok;
        });
    for (auto& t : flood) t.join();
    CHECK(busy > 0);
    CHECK(ok > 0);
    CHECK(busy + ok == 12);
}
