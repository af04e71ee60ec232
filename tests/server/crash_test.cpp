// Crash safety of the job queue: the real crm-server binary is killed with SIGKILL while it
// works through 1,000 due messages; after a restart (clock past the lease) every job ends done
// exactly once: no message lost, none written twice, and the database is intact.
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>

#include <atomic>
#include <boost/asio/ip/tcp.hpp>
#include <catch2/catch.hpp>
#include <chrono>
#include <filesystem>
#include <mutex>
#include <thread>

#include "db/migrator.hpp"
#include "seeds/demo_seed.hpp"
#include "support/processes.hpp"
#include "support/test_server.hpp"

extern char** environ;

using namespace crm;
using crm::testing::scalar;

namespace {

pid_t spawn_server(const std::string& db, const std::string& now, int port = 0) {
    std::vector<std::string> env_strings = {"CRM_DB=" + db,
                                            "CRM_PORT=" + std::to_string(port),
                                            "CRM_HOST=127.0.0.1",
                                            "CRM_SEED=0",
                                            "CRM_TEST_CLOCK=1",
                                            "CRM_TEST_NOW=" + now,
                                            "CRM_SCHEDULER_SECONDS=1",
                                            "CRM_ACCESS_LOG=0",
                                            "PATH=/usr/bin:/bin"};
    std::vector<char*> envp;
    for (auto& s : env_strings) envp.push_back(s.data());
    envp.push_back(nullptr);
    std::string bin = CRM_SERVER_BINARY;
    char* argv[] = {bin.data(), nullptr};
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0);
    pid_t pid = 0;
    REQUIRE(posix_spawn(&pid, bin.c_str(), &actions, nullptr, argv, envp.data()) == 0);
    posix_spawn_file_actions_destroy(&actions);
    return pid;
}

}  // namespace

TEST_CASE("kill -9 during 1,000 due jobs: after a restart each is done exactly once", "[sqlite]") {
    const auto dir = testing::make_temp_dir();
    const std::string path = dir + "/crash.db";
    const auto t0 = *parse_iso_utc(testing::kTestNow);
    {
        db::Database db(path);
        db::migrate(db);
        seeds::seed_if_empty(db, t0);
        db::Transaction tx(db);
        auto lead =
            db.prepare("SELECT id FROM leads WHERE dnc = 0 AND bad_number = 0 AND phone_e164 IS NOT NULL LIMIT 1");
        REQUIRE(lead.step());
        const auto lead_id = lead.get_int64(0);
        for (int i = 1; i <= 1000; ++i)
            db.prepare(
                  "INSERT INTO jobs(lead_id, kind, payload, due_at, idempotency_key, created_at) "
                  "VALUES (?, 'send_sms', ?, ?, ?, ?)")
                .bind_all(lead_id, nlohmann::json{{"manual", true}, {"body", "Message " + std::to_string(i)}}.dump(),
                          t0 - 60, "crash:" + std::to_string(i), t0 - 60)
                .run();
        tx.commit();
    }
    db::Database watch(path);

    // First run: killed as soon as the first messages are written.
    const pid_t first = spawn_server(path, testing::kTestNow);
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
    int written = 0;
    while (written == 0 && std::chrono::steady_clock::now() < deadline) {
        try {
            written = scalar(watch,
                             "SELECT COUNT(*) FROM messages WHERE job_id IN (SELECT id FROM jobs WHERE idempotency_key "
                             "LIKE 'crash:%')");
        } catch (const db::DbError&) {
        }
        if (written == 0) std::this_thread::sleep_for(std::chrono::milliseconds(2));
    }
    kill(first, SIGKILL);
    waitpid(first, nullptr, 0);
    REQUIRE(written > 0);
    const int done_at_crash =
        scalar(watch, "SELECT COUNT(*) FROM jobs WHERE status = 'done' AND idempotency_key LIKE 'crash:%'");
    INFO("done when killed: " << done_at_crash);
    CHECK(done_at_crash < 1000);  // the crash happened mid-batch

    // Second run, three minutes later: leases of the jobs claimed by the dead process expired.
    const pid_t second = spawn_server(path, format_iso_utc(t0 + 180));
    int done = 0;
    const auto deadline2 = std::chrono::steady_clock::now() + std::chrono::seconds(60);
    while (done < 1000 && std::chrono::steady_clock::now() < deadline2) {
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
        try {
            done = scalar(watch, "SELECT COUNT(*) FROM jobs WHERE status = 'done' AND idempotency_key LIKE 'crash:%'");
        } catch (const db::DbError&) {
        }
    }
    kill(second, SIGTERM);
    waitpid(second, nullptr, 0);

    CHECK(done == 1000);
    CHECK(scalar(watch,
                 "SELECT COUNT(*) FROM messages WHERE job_id IN (SELECT id FROM jobs WHERE idempotency_key LIKE "
                 "'crash:%')") == 1000);
    CHECK(scalar(watch,
                 "SELECT COUNT(DISTINCT job_id) FROM messages WHERE job_id IN (SELECT id FROM jobs WHERE "
                 "idempotency_key LIKE 'crash:%')") == 1000);
    CHECK(scalar(watch,
                 "SELECT COUNT(*) FROM messages WHERE status <> 'outbox' AND job_id IN (SELECT id FROM jobs WHERE "
                 "idempotency_key LIKE 'crash:%')") == 0);  // the default provider: kept, never "sent"
    CHECK(scalar(watch, "SELECT COUNT(*) FROM jobs WHERE completed_at IS NULL AND idempotency_key LIKE 'crash:%'") ==
          0);
    auto integrity = watch.prepare("PRAGMA integrity_check");
    REQUIRE(integrity.step());
    CHECK(integrity.get_text(0) == "ok");
    std::filesystem::remove_all(dir);
}

TEST_CASE("kill -9 under HTTP writes: every acknowledged note is there after a restart, the file intact", "[sqlite]") {
    const auto dir = testing::make_temp_dir();
    const std::string path = dir + "/crash-http.db";
    const auto t0 = *parse_iso_utc(testing::kTestNow);
    std::int64_t lead_id = 0;
    {
        db::Database db(path);
        db::migrate(db);
        seeds::seed_if_empty(db, t0);
        auto lead = db.prepare("SELECT id FROM leads ORDER BY id LIMIT 1");
        REQUIRE(lead.step());
        lead_id = lead.get_int64(0);
    }
    const int port = testing::free_port();
    const pid_t server = spawn_server(path, testing::kTestNow, port);
    auto up = [&](testing::Client& c) {  // logged in once the server answers (bounded wait)
        const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
        while (std::chrono::steady_clock::now() < deadline) {
            try {
                if (c.login("admin").status == 200) return true;
            } catch (const std::exception&) {
            }
            std::this_thread::sleep_for(std::chrono::milliseconds(20));
        }
        return false;
    };
    std::mutex mutex;
    std::vector<std::string> acknowledged;
    std::atomic<bool> dead{false};
    auto writer = [&](int w) {
        testing::Client c(static_cast<unsigned short>(port));
        if (!up(c)) return;
        for (int i = 0; !dead; ++i) {
            const std::string text = "note " + std::to_string(w) + "-" + std::to_string(i);
            try {
                if (c.post("/api/leads/" + std::to_string(lead_id) + "/notes", {{"text", text}}).status == 201) {
                    std::lock_guard<std::mutex> lock(mutex);
                    acknowledged.push_back(text);
                }
            } catch (const std::exception&) {
                return;  // the server is gone
            }
        }
    };
    std::thread a(writer, 1), b(writer, 2);
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
    for (;;) {
        {
            std::lock_guard<std::mutex> lock(mutex);
            if (acknowledged.size() >= 200 || std::chrono::steady_clock::now() > deadline) break;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    kill(server, SIGKILL);  // while both writers are mid-request
    waitpid(server, nullptr, 0);
    dead = true;
    a.join();
    b.join();
    REQUIRE(acknowledged.size() >= 200);

    // Restart on the same file: it serves again, and every 201 is in it.
    const pid_t again = spawn_server(path, testing::kTestNow, port);
    testing::Client c(static_cast<unsigned short>(port));
    CHECK(up(c));
    kill(again, SIGTERM);
    waitpid(again, nullptr, 0);
    db::Database db(path);
    auto integrity = db.prepare("PRAGMA integrity_check");
    REQUIRE(integrity.step());
    CHECK(integrity.get_text(0) == "ok");
    int missing = 0;
    for (const auto& text : acknowledged) {
        auto st = db.prepare("SELECT COUNT(*) FROM interactions WHERE kind = 'note' AND summary = ?");
        st.bind(1, text);
        st.step();
        missing += st.get_int(0) == 1 ? 0 : 1;
    }
    INFO(acknowledged.size() << " notes acknowledged before the kill");
    CHECK(missing == 0);
    std::filesystem::remove_all(dir);
}
