// A request's write does not starve behind a background writer that commits and begins again
// in a loop (the scheduler's sweep of idle leads): on a pooled SQLite file it waits for the
// transaction in progress only, not for a lucky moment (db/write_turns.hpp), whether it is a
// transaction or a lone statement.
#include <catch2/catch.hpp>

#include <atomic>
#include <filesystem>
#include <random>
#include <thread>

#include <sqlite3.h>

#include "db/database.hpp"
#include "db/write_turns.hpp"

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
    // The counter's value as this write saw it tells how many of the loop's writes went in
    // before it since it asked. Once in a transaction, once as a lone statement (autocommit:
    // an idempotency key, a session), in turn; prepared before it asks.
    const auto write = [](Statement& st) {
        REQUIRE(st.step());
        const auto n = st.get_int64(0);
        st.run();
        return n;
    };
    for (int round = 0; round < 40; ++round) {
        // Let the loop run on between rounds: it always has a transaction in progress or
        // about to begin when the next write asks.
        const auto target = commits.load() + 20;
        while (commits.load() < target) std::this_thread::yield();
        std::int64_t seen = 0;
        long asked = 0;
        if (round % 2 == 0) {
            asked = commits.load();
            Transaction tx(*db);
            auto st = db->prepare("UPDATE counter SET n = n + 1 RETURNING n");
            seen = write(st);
            tx.commit();
        } else {
            auto st = db->prepare("UPDATE counter SET n = n + 1 RETURNING n");
            asked = commits.load();
            seen = write(st);
        }
        const auto loop_writes_before = seen - 1 - round;  // this thread wrote `round` times before
        worst = std::max<long>(worst, loop_writes_before - asked);
    }
    stop = true;
    background.join();
    // The loop's one transaction in progress when this write asked, and one more if its counter
    // had not yet moved on after a commit.
    CHECK(worst <= 2);
    auto st = pool.acquire()->prepare("SELECT n FROM counter");
    REQUIRE(st.step());
    CHECK(st.get_int64(0) == commits.load() + 40);  // every write went in, none twice
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

TEST_CASE("a writer that waits too long is refused as busy, and the turns go on without it", "[sqlite]") {
    WriteTurns turns(std::chrono::milliseconds(50));
    REQUIRE(turns.take_unless_held());  // this thread holds it (a long transaction)
    std::string refused;
    std::thread impatient([&] {
        try {
            turns.take_unless_held();
            turns.give_back();
        } catch (const DbError& e) {
            refused = e.is_busy() ? "busy" : "other";
        }
    });
    impatient.join();
    CHECK(refused == "busy");  // 503, as SQLite's busy timeout answered before
    turns.give_back();
    // The next writer is not stuck behind the place given up.
    bool took = false;
    std::thread next([&] {
        took = turns.take_unless_held();
        turns.give_back();
    });
    next.join();
    CHECK(took);
}
