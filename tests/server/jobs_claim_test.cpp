// Two schedulers claiming due jobs at the same moment, each on its own connection (two
// instances, docs/SCALING.md): every job is claimed by exactly one of them. On PostgreSQL the
// claims run side by side (FOR UPDATE SKIP LOCKED, no writers' lock); on SQLite one at a time.
#include <catch2/catch.hpp>
#include <set>
#include <thread>
#include <vector>

#include "automation/jobs_repo.hpp"
#include "support/test_server.hpp"

using namespace crm;
using namespace crm::testing;

TEST_CASE("two schedulers claiming at once never claim the same job") {
    TestServer server;
    const auto now = server.now();
    {
        auto db = server.app().pool().acquire();
        db::Transaction tx(*db);
        const auto lead = scalar(*db, "SELECT id FROM leads ORDER BY id LIMIT 1");
        for (int i = 1; i <= 2000; ++i)
            db->prepare(
                  "INSERT INTO jobs(lead_id, kind, payload, due_at, idempotency_key, created_at) "
                  "VALUES (?, 'send_sms', '{}', ?, ?, ?)")
                .bind_all(lead, now - 60, "claim:" + std::to_string(i), now - 60)
                .run();
        tx.commit();
    }
    // Each scheduler with its own connection, as two instances have; batches of 7 so the two
    // loops overlap many times.
    std::vector<std::int64_t> claimed[2];
    auto scheduler = [&](int which) {
        db::Database db(server.db_path());
        for (;;) {
            const auto batch = automation::claim_due(db, now, 7);
            if (batch.empty()) return;
            for (const auto& job : batch) claimed[which].push_back(job.id);
        }
    };
    std::thread a(scheduler, 0), b(scheduler, 1);
    a.join();
    b.join();
    const std::set<std::int64_t> by_a(claimed[0].begin(), claimed[0].end()), by_b(claimed[1].begin(), claimed[1].end());
    CHECK(by_a.size() == claimed[0].size());
    CHECK(by_b.size() == claimed[1].size());
    std::vector<std::int64_t> both;
    for (const auto id : by_a)
        if (by_b.count(id)) both.push_back(id);
    CHECK(both.empty());
    CHECK(by_a.size() + by_b.size() == 2000);
    auto db = server.app().pool().acquire();
    CHECK(scalar(*db, "SELECT COUNT(*) FROM jobs WHERE idempotency_key LIKE 'claim:%' AND attempts = 1") == 2000);
}
