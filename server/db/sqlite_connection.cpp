// SQLite, the embedded default: a file beside the server, WAL so readers run beside the writer.
#include <sqlite3.h>

#include <algorithm>
#include <cstdlib>
#include <stdexcept>
#include <string_view>

#include "db/connection.hpp"

namespace crm::db::detail {

namespace {

DbError::Kind kind_of(int rc) {
    switch (rc & 0xff) {
        case SQLITE_CONSTRAINT:
            return DbError::Kind::constraint;
        case SQLITE_BUSY:
        case SQLITE_LOCKED:
            return DbError::Kind::busy;
        case SQLITE_READONLY:
            return DbError::Kind::read_only;
        case SQLITE_FULL:
        case SQLITE_IOERR:
        case SQLITE_CANTOPEN:
            return DbError::Kind::unavailable;
        default:
            return DbError::Kind::other;
    }
}

[[noreturn]] void throw_db(sqlite3* db, int rc, std::string_view context) {
    std::string msg(context);
    msg += ": ";
    msg += db ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
    throw DbError(kind_of(rc), rc & 0xff, msg);
}

// A write in autocommit mode while another statement of the same connection is still reading
// (stepped, not reset): the reader pins an old WAL snapshot, and if another connection has
// committed since, SQLite refuses the upgrade at once with SQLITE_BUSY_SNAPSHOT (no busy
// timeout), which the API turns into a 503. Reset readers before writing. Under
// CRM_DB_STRICT=1 (the tests) this programming error throws every time instead of failing
// only when the race is lost.
bool strict_mode() {
    static const bool strict = [] {
        const char* v = std::getenv("CRM_DB_STRICT");
        return v && std::string_view(v) == "1";
    }();
    return strict;
}
void check_no_open_reader(sqlite3* db, sqlite3_stmt* writer) {
    if (!sqlite3_get_autocommit(db)) return;  // inside BEGIN IMMEDIATE the write lock is held
    for (sqlite3_stmt* s = sqlite3_next_stmt(db, nullptr); s; s = sqlite3_next_stmt(db, s))
        if (s != writer && sqlite3_stmt_busy(s))
            throw std::logic_error(std::string("write while a read is open on the same connection: ") + sqlite3_sql(s));
}

// Only a change that is committed moves the epoch: in autocommit mode (BEGIN turns it off).
void note_if_committed(sqlite3* db) {
    if (sqlite3_get_autocommit(db)) note_committed();
}

class SqliteStatement final : public StatementImpl {
public:
    SqliteStatement(sqlite3* db, std::string_view sql) : db_(db) {
        const int rc = sqlite3_prepare_v2(db, sql.data(), static_cast<int>(sql.size()), &stmt_, nullptr);
        if (rc != SQLITE_OK) throw_db(db, rc, "prepare");
    }
    ~SqliteStatement() override { sqlite3_finalize(stmt_); }
    SqliteStatement(const SqliteStatement&) = delete;
    SqliteStatement& operator=(const SqliteStatement&) = delete;

    void bind_int64(int i, std::int64_t v) override { check(sqlite3_bind_int64(stmt_, i, v)); }
    void bind_double(int i, double v) override { check(sqlite3_bind_double(stmt_, i, v)); }
    void bind_text(int i, std::string_view v) override {
        check(sqlite3_bind_text(stmt_, i, v.data(), static_cast<int>(v.size()), SQLITE_TRANSIENT));
    }
    void bind_blob(int i, const void* data, int size) override {
        check(sqlite3_bind_blob(stmt_, i, data, size, SQLITE_TRANSIENT));
    }
    void bind_null(int i) override { check(sqlite3_bind_null(stmt_, i)); }

    bool step() override {
        if (strict_mode() && !sqlite3_stmt_busy(stmt_) && !sqlite3_stmt_readonly(stmt_))
            check_no_open_reader(db_, stmt_);
        const int rc = sqlite3_step(stmt_);
        if (rc == SQLITE_ROW) return true;
        if (rc == SQLITE_DONE) {
            if (!sqlite3_stmt_readonly(stmt_)) note_if_committed(db_);  // autocommit writes
            return false;
        }
        throw_db(db_, rc, "step");
    }
    void reset() override {
        sqlite3_reset(stmt_);
        sqlite3_clear_bindings(stmt_);
    }
    bool begins_autocommit_write() const override {
        return !sqlite3_stmt_busy(stmt_) && !sqlite3_stmt_readonly(stmt_) && sqlite3_get_autocommit(db_);
    }

    bool is_null(int c) const override { return sqlite3_column_type(stmt_, c) == SQLITE_NULL; }
    std::int64_t get_int64(int c) const override { return sqlite3_column_int64(stmt_, c); }
    double get_double(int c) const override { return sqlite3_column_double(stmt_, c); }
    std::string get_text(int c) const override {
        const auto* p = sqlite3_column_text(stmt_, c);
        return p ? std::string(reinterpret_cast<const char*>(p), sqlite3_column_bytes(stmt_, c)) : std::string();
    }
    int column_count() const override { return sqlite3_column_count(stmt_); }
    std::string column_name(int c) const override { return sqlite3_column_name(stmt_, c); }

private:
    void check(int rc) const {
        if (rc != SQLITE_OK) throw_db(db_, rc, "bind");
    }
    sqlite3* db_ = nullptr;
    sqlite3_stmt* stmt_ = nullptr;
};

class SqliteConnection final : public ConnectionImpl {
public:
    SqliteConnection(const std::string& path, std::int64_t max_bytes, bool read_only) {
        const int mode = read_only ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE;
        const int rc = sqlite3_open_v2(path.c_str(), &db_, mode | SQLITE_OPEN_NOMUTEX, nullptr);
        if (rc != SQLITE_OK) {
            std::string msg = "open " + path + ": " + (db_ ? sqlite3_errmsg(db_) : sqlite3_errstr(rc));
            sqlite3_close(db_);
            db_ = nullptr;
            throw DbError(kind_of(rc), rc, msg);
        }
        sqlite3_busy_timeout(db_, 5000);
        sqlite3_extended_result_codes(db_, 1);
        if (read_only) {
            // The journal mode is stored in the file: a WAL database stays WAL without asking.
            exec("PRAGMA foreign_keys=ON;");
            return;
        }
        // secure_delete: freed space is overwritten with zeros, so an erased or deleted
        // person's old values do not linger in free pages or free blocks of the file
        // (docs/PRIVACY.md).
        exec("PRAGMA journal_mode=WAL; PRAGMA foreign_keys=ON; PRAGMA synchronous=NORMAL; PRAGMA secure_delete=ON;");
        if (max_bytes > 0) {
            SqliteStatement size(db_, "PRAGMA page_size");
            size.step();
            exec("PRAGMA max_page_count = " + std::to_string(std::max<std::int64_t>(1, max_bytes / size.get_int64(0))));
        }
    }
    ~SqliteConnection() override { sqlite3_close(db_); }
    SqliteConnection(const SqliteConnection&) = delete;
    SqliteConnection& operator=(const SqliteConnection&) = delete;

    Dialect dialect() const override { return Dialect::sqlite; }
    std::unique_ptr<StatementImpl> prepare(std::string_view sql) override {
        return std::make_unique<SqliteStatement>(db_, sql);
    }
    void exec(const std::string& sql) override {
        char* err = nullptr;
        const int rc = sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, &err);
        if (rc != SQLITE_OK) {
            std::string msg = err ? err : sqlite3_errstr(rc);
            sqlite3_free(err);
            throw DbError(kind_of(rc), rc & 0xff, "exec: " + msg);
        }
        note_if_committed(db_);  // COMMIT, migrations, maintenance (BEGIN turns autocommit off)
    }
    void begin_write() override {
        if (strict_mode()) check_no_open_reader(db_, nullptr);
        exec("BEGIN IMMEDIATE");
    }
    // Transaction control statements count as read-only, so a statement's step leaves the
    // write epoch alone (exec would move it and drop the caches for a mere read).
    void begin_read() override { SqliteStatement(db_, "BEGIN").step(); }
    int changes() const override { return sqlite3_changes(db_); }
    bool read_only() const override { return sqlite3_db_readonly(db_, "main") == 1; }
    sqlite3* sqlite_handle() const override { return db_; }

private:
    sqlite3* db_ = nullptr;
};

}  // namespace

std::unique_ptr<ConnectionImpl> open_sqlite(const std::string& path, std::int64_t max_bytes, bool read_only) {
    return std::make_unique<SqliteConnection>(path, max_bytes, read_only);
}

}  // namespace crm::db::detail
