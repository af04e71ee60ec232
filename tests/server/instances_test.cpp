// Several crm-server processes over one PostgreSQL database (docs/SCALING.md), behind Debian's
// haproxy as an owner would run them: what one of them writes, the next read on another sees at
// once, whatever it had cached; a login throttle and an idempotency key hold across them; one
// dying under load loses no acknowledged write.
#include <atomic>
#include <catch2/catch.hpp>
#include <chrono>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <thread>

#include "support/processes.hpp"
#include "support/test_server.hpp"

using namespace crm;
using namespace crm::testing;

namespace {

std::map<std::string, std::string> instance_env(const std::string& url, int scheduler_seconds = 0) {
    return {{"CRM_DB", url},
            {"CRM_HOST", "127.0.0.1"},
            {"CRM_PORT", "0"},
            {"CRM_SEED", "0"},
            {"CRM_ACCESS_LOG", "0"},
            {"CRM_SCHEDULER_SECONDS", std::to_string(scheduler_seconds)},
            {"CRM_TEST_CLOCK", "1"},
            {"CRM_TEST_NOW", kTestNow},
            {"CRM_SHARE_LINK_KEY", kTestShareLinkKey}};
}

bool in_queue(const HttpResult& queue, const std::string& lead_id) {
    const auto json = queue.json();
    for (const auto& item : json["items"])
        if (item["leadId"].dump() == lead_id) return true;
    return false;
}

// GETs `target` through the balancer until both instances have answered it (round-robin: two
// or three tries), checking every answer.
void from_both(Client& c, const std::string& target, const std::function<void(const HttpResult&)>& check) {
    std::set<std::string> served_by;
    for (int i = 0; i < 6 && served_by.size() < 2; ++i) {
        const auto res = c.get(target);
        INFO(target << " from " << res.header("x-served-by"));
        check(res);
        served_by.insert(res.header("x-served-by"));
    }
    CHECK(served_by == std::set<std::string>{"a", "b"});
}

// Two crm-server processes on the test's database, behind haproxy.
struct TwoInstances {
    explicit TwoInstances(const std::string& url, int scheduler_seconds = 0)
        : a(with_proxy(instance_env(url, scheduler_seconds))), b(with_proxy(instance_env(url, scheduler_seconds))) {
        if (!a.started() || !b.started()) throw std::runtime_error("an instance did not start: " + a.err() + b.err());
        balancer = std::make_unique<LoadBalancer>(std::vector<int>{a.port(), b.port()});
    }
    static std::map<std::string, std::string> with_proxy(std::map<std::string, std::string> env) {
        env["CRM_TRUSTED_PROXY"] = "127.0.0.1";  // the balancer: its X-Forwarded-For is believed
        return env;
    }
    Client client() const { return Client(static_cast<unsigned short>(balancer->port())); }
    ServerProcess a, b;
    std::unique_ptr<LoadBalancer> balancer;
};

}  // namespace

TEST_CASE("two instances behind a load balancer answer as one server") {
    if (!on_postgres()) return;  // SQLite is one process's file
    TestServer seeded;           // makes and seeds the database the two instances share
    seeded.stop();
    TwoInstances two(seeded.db_path());
    Client op = two.client();
    REQUIRE(op.login("admin").status == 200);

    SECTION("the operator's outcome on one instance is in the next queue of both") {
        std::string first;
        from_both(op, "/api/queue?limit=1000", [&](const HttpResult& queue) {  // both rank it, and keep it
            if (first.empty()) first = queue.json()["items"][0]["leadId"].dump();
            CHECK(in_queue(queue, first));
        });
        REQUIRE(op.post("/api/leads/" + first + "/outcome", {{"outcome", "bad_number"}}).status == 200);
        from_both(op, "/api/queue?limit=1000", [&](const HttpResult& queue) { CHECK_FALSE(in_queue(queue, first)); });
    }

    SECTION("a session works on both, and a logout on one ends it on both") {
        Client agent = two.client();
        REQUIRE(agent.login("alice.martin").status == 200);
        from_both(agent, "/api/me", [](const HttpResult& me) { CHECK(me.status == 200); });
        REQUIRE(agent.post("/api/auth/logout").status == 204);
        from_both(agent, "/api/me", [](const HttpResult& me) { CHECK(me.status == 401); });
    }

    SECTION("login failures count on both: the second instance is not five more free guesses") {
        Client attacker = two.client();
        attacker.set_source_address("127.0.0.2");
        std::set<std::string> tried_on;
        int refused = 0;
        for (int i = 0; i < 5; ++i) {
            const auto res = attacker.login("admin", "guess-" + std::to_string(i));
            refused += res.status == 401;
            tried_on.insert(res.header("x-served-by"));
        }
        CHECK(refused == 5);
        CHECK(tried_on.size() == 2);
        from_both(attacker, "/healthz", [](const HttpResult&) {});  // whichever answers next…
        CHECK(attacker.login("admin", "demo123").status == 429);
        CHECK(attacker.login("admin", "demo123").status == 429);  // …and the other one
        Client owner = two.client();
        owner.set_source_address("127.0.0.3");
        CHECK(owner.login("admin", "demo123").status == 200);
    }

    SECTION("a retried write with its Idempotency-Key is answered by the other instance, not done twice") {
        const auto lead = op.get("/api/queue?limit=1").json()["items"][0]["leadId"].dump();
        const auto body = nlohmann::json{{"text", "Rappeler après 18 h"}}.dump();
        const std::map<std::string, std::string> key = {{"Idempotency-Key", "note-retry-1"}};
        const auto first = op.request("POST", "/api/leads/" + lead + "/notes", body, key);
        const auto again = op.request("POST", "/api/leads/" + lead + "/notes", body, key);
        REQUIRE(first.status == 201);
        CHECK(again.header("x-served-by") != first.header("x-served-by"));
        CHECK(again.status == 201);
        CHECK(again.header("idempotent-replayed") == "true");
        CHECK(again.body == first.body);
        db::Database store(seeded.db_path());
        CHECK(scalar(store, "SELECT COUNT(*) FROM interactions WHERE summary = 'Rappeler après 18 h'") == 1);
    }
}

TEST_CASE("two instances behind a load balancer: kill -9 one under write load") {
    if (!on_postgres()) return;
    TestServer seeded;
    seeded.stop();
    TwoInstances two(seeded.db_path());
    Client op = two.client();
    REQUIRE(op.login("admin").status == 200);
    const auto lead = op.get("/api/queue?limit=1").json()["items"][0]["leadId"].dump();

    // Each write is a note with its own Idempotency-Key, retried with the same key while the
    // balancer answers 502/503 (the instance died under it) — what a client does. Acknowledged:
    // 201, first time or replayed. Unknown: still "in progress" on the dead instance (409).
    std::atomic<bool> killed{false};
    std::atomic<int> retried{0};
    std::atomic<int> acked_after_kill{0};
    std::mutex m;
    std::vector<std::string> acked, unknown, other_answers;  // (Catch2 asserts on this thread only)
    std::set<std::string> served_after_kill;
    auto writer = [&](int w) {
        Client c = two.client();
        c.set_cookie(op.cookie());
        for (int i = 0; acked_after_kill < 100 && i < 5000; ++i) {
            const auto text = "charge " + std::to_string(w) + "-" + std::to_string(i);
            const auto body = nlohmann::json{{"text", text}}.dump();
            const std::map<std::string, std::string> key = {
                {"Idempotency-Key", "load-" + std::to_string(w) + "-" + std::to_string(i)}};
            int status = 0;
            std::string by;
            for (int attempt = 0; attempt < 50; ++attempt) {
                const auto res = c.request("POST", "/api/leads/" + lead + "/notes", body, key);
                status = res.status;
                by = res.header("x-served-by");
                if (status != 502 && status != 503) break;
                ++retried;
            }
            std::lock_guard<std::mutex> lock(m);
            if (status == 201) {
                acked.push_back(text);
                if (killed) {
                    ++acked_after_kill;
                    served_after_kill.insert(by);
                }
            } else if (status == 409) {
                unknown.push_back(text);
            } else {
                other_answers.push_back(text + " answered " + std::to_string(status));
            }
        }
    };
    std::thread w1(writer, 1), w2(writer, 2);
    for (;;) {  // until some writes went through both instances
        {
            std::lock_guard<std::mutex> lock(m);
            if (acked.size() >= 100) break;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    two.a.kill_hard();
    killed = true;
    w1.join();
    w2.join();

    INFO(acked.size() << " acknowledged, " << unknown.size() << " unknown, " << retried << " retries after a 502/503");
    CHECK(other_answers.empty());
    for (const auto& a : other_answers) FAIL_CHECK(a);
    CHECK(acked_after_kill >= 100);                          // the other instance carried on
    CHECK(served_after_kill == std::set<std::string>{"b"});  // (only b is left)
    db::Database store(seeded.db_path());
    for (const auto& text : acked) {
        INFO(text);
        CHECK(scalar(store, "SELECT COUNT(*) FROM interactions WHERE summary = '" + text + "'") == 1);
    }
    for (const auto& text : unknown) {
        INFO(text);
        CHECK(scalar(store, "SELECT COUNT(*) FROM interactions WHERE summary = '" + text + "'") <= 1);
    }
    CHECK(unknown.size() <= 2);  // at most the one in flight on each writer when a died
}

TEST_CASE("two instances behind a load balancer, two schedulers: 1,000 due jobs each run once") {
    if (!on_postgres()) return;
    TestServer seeded;
    const auto t0 = seeded.now();
    {
        auto db = seeded.app().pool().acquire();
        db::Transaction tx(*db);
        const auto lead = scalar(*db,
                                 "SELECT id FROM leads WHERE dnc = 0 AND bad_number = 0 AND phone_e164 IS NOT "
                                 "NULL ORDER BY id LIMIT 1");
        for (int i = 1; i <= 1000; ++i)
            db->prepare(
                  "INSERT INTO jobs(lead_id, kind, payload, due_at, idempotency_key, created_at) "
                  "VALUES (?, 'send_sms', ?, ?, ?, ?)")
                .bind_all(lead, nlohmann::json{{"manual", true}, {"body", "Message " + std::to_string(i)}}.dump(),
                          t0 - 60, "twice:" + std::to_string(i), t0 - 60)
                .run();
        tx.commit();
    }
    seeded.stop();
    TwoInstances two(seeded.db_path(), 1);  // behind haproxy, as deployed; the schedulers need no request
    db::Database watch(seeded.db_path());
    const auto count = [&](const std::string& where) {
        return scalar(watch, "SELECT COUNT(*) FROM jobs WHERE idempotency_key LIKE 'twice:%' AND " + where);
    };
    // Both schedulers pass every second; done when no job is left (bounded: 60 s).
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
    while (count("status = 'done'") < 1000 && std::chrono::steady_clock::now() < deadline)
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
    two.a.stop();
    two.b.stop();
    CHECK(count("status = 'done'") == 1000);
    CHECK(count("attempts <> 1") == 0);  // a job claimed by both would count two attempts
    CHECK(scalar(watch,
                 "SELECT COUNT(*) FROM messages WHERE job_id IN (SELECT id FROM jobs WHERE idempotency_key LIKE "
                 "'twice:%')") == 1000);
}
