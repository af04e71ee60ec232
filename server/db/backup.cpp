#include "db/backup.hpp"

#include <sqlite3.h>

#include "db/database.hpp"

namespace crm::db {

void backup_database(const std::string& source_path, const std::string& target_path) {
    Database source(source_path);
    Database target(target_path);
    sqlite3_backup* backup = sqlite3_backup_init(target.handle(), "main", source.handle(), "main");
    if (!backup)
        throw DbError(sqlite3_errcode(target.handle()), sqlite3_extended_errcode(target.handle()),
                      std::string("backup: ") + sqlite3_errmsg(target.handle()));
    int rc;
    do {
        rc = sqlite3_backup_step(backup, 256);
        if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED) sqlite3_sleep(20);
    } while (rc == SQLITE_OK || rc == SQLITE_BUSY || rc == SQLITE_LOCKED);
    sqlite3_backup_finish(backup);
    if (rc != SQLITE_DONE) throw DbError(rc, rc, std::string("backup: ") + sqlite3_errstr(rc));
    target.exec("PRAGMA wal_checkpoint(TRUNCATE)");
}

}  // namespace crm::db
