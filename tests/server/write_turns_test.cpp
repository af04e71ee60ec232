// A request's write does not starve behind a background writer that commits and begins again
// in a loop (the scheduler's sweep of idle leads): on a pooled SQLite file it waits for the
// transaction in progress only, not for a lucky moment (db/write_turns.hpp).
#include <catch2/catch.hpp>

#include <atomic>
#include <filesystem>
#include <random>
#include <thread>

#include <sqlite3.h>

#include "db/database.hpp"

using namespace crm::db;

namespace {
// A SQLite file of its own, removed with its WAL side files at the end.
struct TempDbFile {
    std::string path =
        (std::filesystem::temp_directory_path() / ("crm-write-turns-" + std::to_string(std::random_device()()) + ".db"))
            .string();
    ~TempDbFile() {
        for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path + suffix);
    }
};
}  // namespace

TEST_CASE("a writer waits for the transaction in progress, not behind a writer that loops", "[sqlite]") {
    const TempDbFile file;
    Pool pool(file.path, 2);
    pool.acquire()->exec("CREATE TABLE counter(n INTEGER NOT NULL); INSERT INTO counter VALUES (0);");

    std::atomic<bool> stop{false};
    std::atomic<long> commits{0};
    std::thread background([&] {
        auto db = pool.acquire();
        while (!stop) {
            Transaction tx(*db);
            db->prepare("UPDATE counter SET n = n + 1").run();
            tx.commit();
            ++commits;
        }
    });

    long worst = 0;
    auto db = pool.acquire();
    for (int round = 0; round < 30; ++round) {
        // Let the loop run on between rounds: it always has a transaction in progress or
        // about to begin when the next write asks.
        const auto target = commits.load() + 20;
        while (commits.load() < target) std::this_thread::yield();
        const auto asked = commits.load();
        Transaction tx(*db);
        worst = std::max(worst, commits.load() - asked);
        db->prepare("UPDATE counter SET n = n + 1").run();
        tx.commit();
    }
    stop = true;
    background.join();
    // The loop's one transaction in progress, and at most its counter moving just after.
    CHECK(worst <= 2);
    auto st = pool.acquire()->prepare("SELECT n FROM counter");
    REQUIRE(st.step());
    CHECK(st.get_int64(0) == commits.load() + 30);  // every write went in, none twice
}

TEST_CASE("a thread's second transaction on another connection of the pool does not wait for itself", "[sqlite]") {
    const TempDbFile file;
    Pool pool(file.path, 2);
    auto first = pool.acquire();
    first->exec("CREATE TABLE t(n INTEGER)");
    auto second = pool.acquire();
    Transaction outer(*first);
    // SQLite itself refuses it (the file's write lock is held), as it always did: busy,
    // after its own timeout; never a thread blocked on its own turn.
    sqlite3_busy_timeout(second->sqlite_handle(), 10);
    CHECK_THROWS_AS(Transaction(*second), DbError);
    outer.commit();
    Transaction after(*second);  // the turn was given back by the refused one too
    after.commit();
}
