#include "db/backup.hpp"

#include <spawn.h>
#include <sqlite3.h>
#include <sys/wait.h>

#include <vector>

#include "db/database.hpp"
#include "db/postgres_url.hpp"

extern char** environ;

namespace crm::db {

namespace {

// pg_dump's custom format (restore with pg_restore): one consistent snapshot while the
// instances keep serving. The password goes through PGPASSWORD, never the command line.
void dump_postgresql(const std::string& url, const std::string& target_path) {
    const auto parts = split_password(url);
    std::vector<std::string> env_strings;
    for (char** e = environ; *e; ++e)
        if (std::string(*e).rfind("PGPASSWORD=", 0) != 0) env_strings.emplace_back(*e);
    if (!parts.password.empty()) env_strings.push_back("PGPASSWORD=" + parts.password);
    std::vector<char*> envp;
    for (auto& e : env_strings) envp.push_back(e.data());
    envp.push_back(nullptr);
    std::vector<std::string> args = {"pg_dump", "--format=custom", "--no-owner", "--file=" + target_path,
                                     "--dbname=" + parts.url};
    std::vector<char*> argv;
    for (auto& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    pid_t pid = 0;
    if (posix_spawnp(&pid, "pg_dump", nullptr, nullptr, argv.data(), envp.data()) != 0)
        throw DbError(DbError::Kind::unavailable, 0, "backup: pg_dump not found (Debian package postgresql-client-15)");
    int status = 0;
    waitpid(pid, &status, 0);
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
        throw DbError(DbError::Kind::unavailable, 0, "backup: pg_dump failed (its message is above)");
}

}  // namespace

void backup_database(const std::string& source_path, const std::string& target_path) {
    if (dialect_of(source_path) == Dialect::postgresql) return dump_postgresql(source_path, target_path);
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
