// Several crm-server processes over one PostgreSQL database (docs/SCALING.md): what one of
// them writes, the next read on another sees at once, whatever it had cached.
#include <catch2/catch.hpp>
#include <chrono>
#include <map>
#include <nlohmann/json.hpp>
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

bool in_queue(Client& c, const std::string& lead_id) {
    const auto queue = c.get("/api/queue?limit=1000").json();
    for (const auto& item : queue["items"])
        if (item["leadId"].dump() == lead_id) return true;
    return false;
}

}  // namespace

TEST_CASE("two instances: a write on one is in the next read of the other (queue and sessions)") {
    if (!on_postgres()) return;  // SQLite is one process's file
    TestServer seeded;           // makes and seeds the database the two instances share
    seeded.stop();
    ServerProcess a(instance_env(seeded.db_path())), b(instance_env(seeded.db_path()));
    REQUIRE(a.started());
    REQUIRE(b.started());
    Client on_a(static_cast<unsigned short>(a.port())), on_b(static_cast<unsigned short>(b.port()));
    REQUIRE(on_a.login("admin").status == 200);
    REQUIRE(on_b.login("admin").status == 200);

    // B ranks the queue (and keeps it); A records that the first lead's number is wrong.
    const auto top = on_b.get("/api/queue?limit=1");
    INFO(top.body.substr(0, 300));
    const auto first = top.json()["items"][0]["leadId"].dump();
    REQUIRE(in_queue(on_b, first));
    REQUIRE(on_a.post("/api/leads/" + first + "/outcome", {{"outcome", "bad_number"}}).status == 200);
    CHECK_FALSE(in_queue(on_b, first));
    CHECK_FALSE(in_queue(on_a, first));

    // A session signed in on A works on B, until A signs it out.
    Client roaming(static_cast<unsigned short>(a.port()));
    REQUIRE(roaming.login("alice.martin").status == 200);
    Client same_cookie_on_b(static_cast<unsigned short>(b.port()));
    same_cookie_on_b.set_cookie(roaming.cookie());
    REQUIRE(same_cookie_on_b.get("/api/me").status == 200);
    REQUIRE(roaming.post("/api/auth/logout").status == 204);
    CHECK(same_cookie_on_b.get("/api/me").status == 401);
}

TEST_CASE("two instances, two schedulers: 1,000 due jobs each run once") {
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
    ServerProcess a(instance_env(seeded.db_path(), 1)), b(instance_env(seeded.db_path(), 1));
    REQUIRE(a.started());
    REQUIRE(b.started());
    db::Database watch(seeded.db_path());
    const auto count = [&](const std::string& where) {
        return scalar(watch, "SELECT COUNT(*) FROM jobs WHERE idempotency_key LIKE 'twice:%' AND " + where);
    };
    // Both schedulers pass every second; done when no job is left (bounded: 60 s).
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
    while (count("status = 'done'") < 1000 && std::chrono::steady_clock::now() < deadline)
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
    a.stop();
    b.stop();
    CHECK(count("status = 'done'") == 1000);
    CHECK(count("attempts <> 1") == 0);  // a job claimed by both would count two attempts
    CHECK(scalar(watch,
                 "SELECT COUNT(*) FROM messages WHERE job_id IN (SELECT id FROM jobs WHERE idempotency_key LIKE "
                 "'twice:%')") == 1000);
}
