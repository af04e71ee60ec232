#include "db/backup.hpp"

#include <sqlite3.h>

#include "db/database.hpp"

namespace crm::db {

void backup_database(const std::string& source_path, const std::string& target_path) {
    Database source(source_path);
    Database target(target_path);
    sqlite3_backup* backup = sqlite3_backup_init(target.sqlite_handle(), "main", source.sqlite_handle(), "main");
    if (!backup)
        throw DbError(DbError::Kind::unavailable, sqlite3_errcode(target.sqlite_handle()),
                      std::string("backup: ") + sqlite3_errmsg(target.sqlite_handle()));
    int rc;
    do {
        rc = sqlite3_backup_step(backup, 256);
        if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED) sqlite3_sleep(20);
    } while (rc == SQLITE_OK || rc == SQLITE_BUSY || rc == SQLITE_LOCKED);
    sqlite3_backup_finish(backup);
    if (rc != SQLITE_DONE) throw DbError(DbError::Kind::unavailable, rc, std::string("backup: ") + sqlite3_errstr(rc));
    target.exec("PRAGMA wal_checkpoint(TRUNCATE)");
}

}  // namespace crm::db
