// Migrations on an empty database, on an already-migrated one, and a failing one.
#include <catch2/catch.hpp>
#include <filesystem>

#include "db/migrator.hpp"
#include "seeds/demo_seed.hpp"
#include "support/test_server.hpp"

using namespace crm;
using crm::testing::scalar;

namespace {}  // namespace

TEST_CASE("migrations build the whole data model on an empty database", "[sqlite]") {
    const auto dir = testing::make_temp_dir();
    {
        db::Database db(dir + "/m.db");
        const auto n = static_cast<int>(db::embedded_migrations().size());
        REQUIRE(n >= 1);
        CHECK(db::migrate(db) == n);
        CHECK(db::schema_version(db) == db::embedded_migrations().back().version);
        for (const char* table :
             {"users", "sessions", "leads", "interactions", "appointments", "deliveries", "payments", "credit_ledger",
              "rules", "jobs", "tasks", "templates", "messages", "audit_log", "settings"}) {
            INFO(table);
            CHECK(scalar(db, std::string("SELECT COUNT(*) FROM sqlite_master WHERE type='table' AND name='") + table +
                                 "'") == 1);
        }
        // The role enum is enforced by the database itself.
        CHECK_THROWS_AS(db.exec("INSERT INTO users(username, display_name, role, password_hash, created_at) "
                                "VALUES ('x','x','boss','h',0)"),
                        db::DbError);
        CHECK(scalar(db, "PRAGMA foreign_keys") == 1);
        auto mode = db.prepare("PRAGMA journal_mode");
        mode.step();
        CHECK(mode.get_text(0) == "wal");
    }
    std::filesystem::remove_all(dir);
}

TEST_CASE("migrating an already-migrated database changes nothing and keeps the data") {
    const auto dir = testing::make_temp_dir();
    {
        db::Database db(dir + "/m.db");
        db::migrate(db);
        REQUIRE(seeds::seed_if_empty(db, 1'800'000'000));
        const int leads = scalar(db, "SELECT COUNT(*) FROM leads");
        CHECK(leads >= 40);
        CHECK(db::migrate(db) == 0);
        CHECK_FALSE(seeds::seed_if_empty(db, 1'800'000'000));  // seeds only an empty database
        CHECK(scalar(db, "SELECT COUNT(*) FROM leads") == leads);
        CHECK(scalar(db, "SELECT COUNT(*) FROM users") == 3);
    }
    std::filesystem::remove_all(dir);
}

TEST_CASE("a failing migration is rolled back whole", "[sqlite]") {
    const auto dir = testing::make_temp_dir();
    {
        db::Database db(dir + "/m.db");
        db::migrate(db);
        const int before = db::schema_version(db);
        std::vector<db::Migration> next = db::embedded_migrations();
        next.push_back({before + 1, "broken", "CREATE TABLE half_done(x INTEGER); INSERT INTO nowhere VALUES (1);",
                        "CREATE TABLE half_done(x INTEGER); INSERT INTO nowhere VALUES (1);"});
        CHECK_THROWS_AS(db::migrate(db, next), db::DbError);
        CHECK(db::schema_version(db) == before);
        CHECK(scalar(db, "SELECT COUNT(*) FROM sqlite_master WHERE name='half_done'") == 0);
    }
    std::filesystem::remove_all(dir);
}

TEST_CASE("a migration numbered below the newest applied still runs (parallel branches)", "[sqlite]") {
    const auto dir = testing::make_temp_dir();
    {
        db::Database db(dir + "/m.db");
        db::migrate(db);
        const int newest = db::schema_version(db);
        // This database got newest+2 from one branch; newest+1 arrives later from another.
        std::vector<db::Migration> first = db::embedded_migrations();
        first.push_back(
            {newest + 2, "later", "CREATE TABLE from_later(x INTEGER);", "CREATE TABLE from_later(x INTEGER);"});
        CHECK(db::migrate(db, first) == 1);
        std::vector<db::Migration> both = db::embedded_migrations();
        both.push_back(
            {newest + 1, "earlier", "CREATE TABLE from_earlier(x INTEGER);", "CREATE TABLE from_earlier(x INTEGER);"});
        both.push_back(
            {newest + 2, "later", "CREATE TABLE from_later(x INTEGER);", "CREATE TABLE from_later(x INTEGER);"});
        CHECK(db::migrate(db, both) == 1);
        CHECK(scalar(db, "SELECT COUNT(*) FROM sqlite_master WHERE name='from_earlier'") == 1);
        CHECK(db::migrate(db, both) == 0);
        CHECK(db::schema_version(db) == newest + 2);
    }
    std::filesystem::remove_all(dir);
}

TEST_CASE("seeding is deterministic for a fixed clock") {
    const auto dir = testing::make_temp_dir();
    std::string dumps[2];
    for (int i = 0; i < 2; ++i) {
        db::Database db(dir + "/s" + std::to_string(i) + ".db");
        db::migrate(db);
        seeds::seed_if_empty(db, 1'800'000'000);
        auto st = db.prepare(
            "SELECT group_concat(first_name || last_name || phone_e164 || stage || created_at, '|') FROM leads");
        st.step();
        dumps[i] = st.get_text(0);
    }
    CHECK(dumps[0] == dumps[1]);
    CHECK_FALSE(dumps[0].empty());
    std::filesystem::remove_all(dir);
}
