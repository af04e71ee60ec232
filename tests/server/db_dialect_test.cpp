// What lets one SQL text run on both engines: SQLite's `?` / `?N` parameters numbered `$N` for
// PostgreSQL, and URLs whose password never reaches a log or a command line.
#include <catch2/catch.hpp>

#include "db/placeholders.hpp"
#include "db/postgres_url.hpp"

using namespace crm::db;

TEST_CASE("? and ?N become $N; literals, quoted names and comments are left alone") {
    auto n = number_placeholders("SELECT a FROM t WHERE b = ? AND c = ?");
    CHECK(n.sql == "SELECT a FROM t WHERE b = $1 AND c = $2");
    CHECK(n.parameters() == 2);

    n = number_placeholders("UPDATE t SET x = ?2 WHERE id = ?1 OR parent = ?1");
    CHECK(n.sql == "UPDATE t SET x = $2 WHERE id = $1 OR parent = $1");
    CHECK(n.parameters() == 2);

    // A bare ? after ?N takes the next number, as SQLite does.
    n = number_placeholders("VALUES (?3, ?)");
    CHECK(n.sql == "VALUES ($3, $4)");

    n = number_placeholders("SELECT '?', \"odd?name\", 'it''s ?' -- why?\n, ? /* ?9 */ FROM t");
    CHECK(n.sql == "SELECT '?', \"odd?name\", 'it''s ?' -- why?\n, $1 /* ?9 */ FROM t");
    CHECK(n.parameters() == 1);

    // Numbers the text skips are known, so the driver can type them.
    n = number_placeholders("SELECT * FROM jobs WHERE lead_id = ?2 LIMIT ?3");
    REQUIRE(n.used.size() == 3);
    CHECK_FALSE(n.used[0]);
    CHECK(n.used[1]);
    CHECK(n.used[2]);
}

TEST_CASE("a database URL is shown and passed on without its password") {
    const auto parts = split_password("postgresql://crm:s3cr%40t@db.example:5432/crm?sslmode=require");
    CHECK(parts.url == "postgresql://crm@db.example:5432/crm?sslmode=require");
    CHECK(parts.password == "s3cr%40t");
    CHECK(printable_location("postgresql://crm:s3cret@db/crm") == "postgresql://crm:***@db/crm");
    CHECK(printable_location("postgresql://crm@db/crm") == "postgresql://crm@db/crm");
    CHECK(printable_location("postgresql://db/crm") == "postgresql://db/crm");
    CHECK(printable_location("./data/crm.db") == "./data/crm.db");
    CHECK(dialect_of("postgres://x/y") == Dialect::postgresql);
    CHECK(dialect_of("/srv/crm/crm.db") == Dialect::sqlite);
}
