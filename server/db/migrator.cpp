#include "db/migrator.hpp"

#include <ctime>

namespace crm::db {

int schema_version(Database& db) {
    db.exec(
        "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at "
        "INTEGER NOT NULL)");
    auto st = db.prepare("SELECT COALESCE(MAX(version), 0) FROM schema_migrations");
    st.step();
    return st.get_int(0);
}

int migrate(Database& db, const std::vector<Migration>& migrations) {
    schema_version(db);  // creates the bookkeeping table
    // Every migration not yet recorded runs, in order, even one numbered below the newest
    // applied: branches developed in parallel (004 here, 005 there) meet in one database.
    int applied = 0;
    for (const auto& m : migrations) {
        auto seen = db.prepare("SELECT COUNT(*) FROM schema_migrations WHERE version = ?");
        seen.bind(1, m.version);
        seen.step();
        const bool done = seen.get_int(0) > 0;
        seen.reset();  // no read left open under the migration's write transaction
        if (done) continue;
        Transaction tx(db);
        db.exec(m.sql_for(db.dialect()));
        db.prepare("INSERT INTO schema_migrations(version, name, applied_at) VALUES (?, ?, ?)")
            .bind_all(m.version, m.name, static_cast<std::int64_t>(std::time(nullptr)))
            .run();
        tx.commit();
        ++applied;
    }
    return applied;
}

std::vector<Migration> pending_migrations(Database& db, const std::vector<Migration>& migrations) {
    auto table =
        db.prepare(db.dialect() == Dialect::postgresql
                       ? "SELECT COUNT(*) FROM pg_tables WHERE tablename = 'schema_migrations' "
                         "AND schemaname = ANY (current_schemas(false))"
                       : "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'");
    table.step();
    if (table.get_int(0) == 0) return migrations;  // a new database: everything is pending
    table.reset();
    std::vector<Migration> pending;
    auto seen = db.prepare("SELECT COUNT(*) FROM schema_migrations WHERE version = ?");
    for (const auto& m : migrations) {
        seen.bind(1, m.version);
        seen.step();
        if (seen.get_int(0) == 0) pending.push_back(m);
        seen.reset();
    }
    return pending;
}

}  // namespace crm::db
