#include "db/migrator.hpp"

#include <ctime>
#include <set>

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
    schema_version(db);  // creates the table on a new database
    // Every migration not yet recorded, in order: one merged from a parallel branch with a
    // lower number than the newest applied still runs.
    std::set<int> done;
    {
        auto st = db.prepare("SELECT version FROM schema_migrations");
        while (st.step()) done.insert(st.get_int(0));
    }
    int applied = 0;
    for (const auto& m : migrations) {
        if (done.count(m.version)) continue;
        Transaction tx(db);
        db.exec(m.sql);
        db.prepare("INSERT INTO schema_migrations(version, name, applied_at) VALUES (?, ?, ?)")
            .bind_all(m.version, m.name, static_cast<std::int64_t>(std::time(nullptr)))
            .run();
        tx.commit();
        ++applied;
    }
    return applied;
}

}  // namespace crm::db
