// What the PostgreSQL connection does when the server goes away under it.
#include <catch2/catch.hpp>
#include <string>

#include "support/test_server.hpp"

using namespace crm;
using namespace crm::testing;

TEST_CASE("a connection lost inside a transaction fails the rest of it instead of running it alone") {
    if (!on_postgres()) return;  // SQLite has no connection to lose
    TestServer server;
    server.stop();
    db::Database db(server.db_path());
    const auto before = scalar(db, "SELECT COUNT(*) FROM costs");
    const auto backend = scalar(db, "SELECT pg_backend_pid()");
    const std::string insert =
        "INSERT INTO costs(source, amount_cents, spent_at, created_at) VALUES ('perdu', 100, 0, 0)";
    {
        db::Transaction tx(db);
        db.prepare(insert).run();
        // The server ends the session (a restart, a failover); the call waits until it is gone.
        db::Database other(server.db_path());
        REQUIRE(scalar(other, "SELECT pg_terminate_backend(" + std::to_string(backend) + ", 5000)::int") == 1);
        CHECK_THROWS_AS(db.prepare(insert).run(), db::DbError);  // the loss itself
        CHECK_THROWS_AS(db.prepare(insert).run(), db::DbError);  // still the lost transaction's
    }
    // Rolled back; the connection serves again, and nothing of the transaction was written.
    CHECK(scalar(db, "SELECT COUNT(*) FROM costs") == before);
}
