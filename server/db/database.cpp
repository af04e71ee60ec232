#include "db/database.hpp"

#include <algorithm>
#include <atomic>
#include <cstdlib>
#include <stdexcept>
#include <string_view>

#include <sqlite3.h>

namespace crm::db {

bool DbError::is_constraint() const {
    return code_ == SQLITE_CONSTRAINT;
}
bool DbError::is_busy() const {
    return code_ == SQLITE_BUSY || code_ == SQLITE_LOCKED;
}
bool DbError::is_readonly() const {
    return code_ == SQLITE_READONLY;
}
bool DbError::is_readonly_or_full() const {
    return code_ == SQLITE_READONLY || code_ == SQLITE_FULL || code_ == SQLITE_IOERR || code_ == SQLITE_CANTOPEN;
}

namespace {
[[noreturn]] void throw_db(sqlite3* db, int rc, std::string_view context) {
    const int ext = db ? sqlite3_extended_errcode(db) : rc;
    std::string msg(context);
    msg += ": ";
    msg += db ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
    throw DbError(rc & 0xff, ext, msg);
}
}  // namespace

Statement::Statement(sqlite3* db, std::string_view sql) : db_(db) {
    const int rc = sqlite3_prepare_v2(db, sql.data(), static_cast<int>(sql.size()), &stmt_, nullptr);
    if (rc != SQLITE_OK) throw_db(db, rc, "prepare");
}
Statement::Statement(Statement&& o) noexcept : db_(o.db_), stmt_(o.stmt_) {
    o.stmt_ = nullptr;
}
Statement& Statement::operator=(Statement&& o) noexcept {
    if (this != &o) {
        sqlite3_finalize(stmt_);
        db_ = o.db_;
        stmt_ = o.stmt_;
        o.stmt_ = nullptr;
    }
    return *this;
}
Statement::~Statement() {
    sqlite3_finalize(stmt_);
}

void Statement::check(int rc) const {
    if (rc != SQLITE_OK) throw_db(db_, rc, "bind");
}
Statement& Statement::bind(int i, std::int64_t v) {
    check(sqlite3_bind_int64(stmt_, i, v));
    return *this;
}
Statement& Statement::bind(int i, double v) {
    check(sqlite3_bind_double(stmt_, i, v));
    return *this;
}
Statement& Statement::bind(int i, std::string_view v) {
    check(sqlite3_bind_text(stmt_, i, v.data(), static_cast<int>(v.size()), SQLITE_TRANSIENT));
    return *this;
}
Statement& Statement::bind(int i, std::nullptr_t) {
    check(sqlite3_bind_null(stmt_, i));
    return *this;
}
Statement& Statement::bind_blob(int i, const void* data, int size) {
    check(sqlite3_bind_blob(stmt_, i, data, size, SQLITE_TRANSIENT));
    return *this;
}

namespace {
std::atomic<std::uint64_t> g_write_epoch{0};
// Called once a change is committed (never before): a reader that saw the old epoch may have
// cached the new data under it, which only wastes that entry; the reverse cannot happen.
void note_committed(sqlite3* db) {
    if (sqlite3_get_autocommit(db)) g_write_epoch.fetch_add(1, std::memory_order_acq_rel);
}
}  // namespace

std::uint64_t write_epoch() {
    return g_write_epoch.load(std::memory_order_acquire);
}

namespace {
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
}  // namespace

bool Statement::step() {
    if (strict_mode() && !sqlite3_stmt_busy(stmt_) && !sqlite3_stmt_readonly(stmt_))
        check_no_open_reader(sqlite3_db_handle(stmt_), stmt_);
    const int rc = sqlite3_step(stmt_);
    if (rc == SQLITE_ROW) return true;
    if (rc == SQLITE_DONE) {
        if (!sqlite3_stmt_readonly(stmt_)) note_committed(sqlite3_db_handle(stmt_));  // autocommit writes
        return false;
    }
    throw_db(db_, rc, "step");
}
void Statement::run() {
    while (step()) {
    }
}
void Statement::reset() {
    sqlite3_reset(stmt_);
    sqlite3_clear_bindings(stmt_);
}

bool Statement::is_null(int c) const {
    return sqlite3_column_type(stmt_, c) == SQLITE_NULL;
}
std::int64_t Statement::get_int64(int c) const {
    return sqlite3_column_int64(stmt_, c);
}
double Statement::get_double(int c) const {
    return sqlite3_column_double(stmt_, c);
}
std::string Statement::get_text(int c) const {
    const auto* p = sqlite3_column_text(stmt_, c);
    return p ? std::string(reinterpret_cast<const char*>(p), sqlite3_column_bytes(stmt_, c)) : std::string();
}
std::optional<std::int64_t> Statement::get_opt_int64(int c) const {
    if (is_null(c)) return std::nullopt;
    return get_int64(c);
}
std::optional<std::string> Statement::get_opt_text(int c) const {
    if (is_null(c)) return std::nullopt;
    return get_text(c);
}
int Statement::column_count() const {
    return sqlite3_column_count(stmt_);
}
std::string Statement::column_name(int c) const {
    return sqlite3_column_name(stmt_, c);
}

Database::Database(const std::string& path, std::int64_t max_bytes, bool read_only) {
    const int mode = read_only ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE;
    const int rc = sqlite3_open_v2(path.c_str(), &db_, mode | SQLITE_OPEN_NOMUTEX, nullptr);
    if (rc != SQLITE_OK) {
        std::string msg = "open " + path + ": " + (db_ ? sqlite3_errmsg(db_) : sqlite3_errstr(rc));
        sqlite3_close(db_);
        db_ = nullptr;
        throw DbError(rc, rc, msg);
    }
    sqlite3_busy_timeout(db_, 5000);
    sqlite3_extended_result_codes(db_, 1);
    if (read_only) {
        // The journal mode is stored in the file: a WAL database stays WAL without asking.
        exec("PRAGMA foreign_keys=ON;");
        return;
    }
    // secure_delete: freed space is overwritten with zeros, so an erased or deleted person's
    // old values do not linger in free pages or free blocks of the file (docs/PRIVACY.md).
    exec("PRAGMA journal_mode=WAL; PRAGMA foreign_keys=ON; PRAGMA synchronous=NORMAL; PRAGMA secure_delete=ON;");
    if (max_bytes > 0) {
        auto size = prepare("PRAGMA page_size");
        size.step();
        exec("PRAGMA max_page_count = " + std::to_string(std::max<std::int64_t>(1, max_bytes / size.get_int64(0))));
    }
}
Database::Database(Database&& o) noexcept : db_(o.db_) {
    o.db_ = nullptr;
}
Database& Database::operator=(Database&& o) noexcept {
    if (this != &o) {
        sqlite3_close(db_);
        db_ = o.db_;
        o.db_ = nullptr;
    }
    return *this;
}
Database::~Database() {
    sqlite3_close(db_);
}

Statement Database::prepare(std::string_view sql) {
    return Statement(db_, sql);
}
void Database::exec(const std::string& sql) {
    char* err = nullptr;
    const int rc = sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, &err);
    if (rc != SQLITE_OK) {
        std::string msg = err ? err : sqlite3_errstr(rc);
        sqlite3_free(err);
        throw DbError(rc & 0xff, sqlite3_extended_errcode(db_), "exec: " + msg);
    }
    note_committed(db_);  // COMMIT, migrations, maintenance (BEGIN leaves autocommit off: not counted)
}
std::int64_t Database::last_insert_id() const {
    return sqlite3_last_insert_rowid(db_);
}
int Database::changes() const {
    return sqlite3_changes(db_);
}
bool Database::read_only() const {
    return sqlite3_db_readonly(db_, "main") == 1;
}

Transaction::Transaction(Database& db) : db_(db) {
    if (strict_mode()) check_no_open_reader(db_.handle(), nullptr);
    db_.exec("BEGIN IMMEDIATE");
}
Transaction::~Transaction() {
    if (!done_) {
        try {
            db_.exec("ROLLBACK");
        } catch (...) {
        }
    }
}
void Transaction::commit() {
    db_.exec("COMMIT");
    done_ = true;
}

// Transaction control statements count as read-only for SQLite, so Statement::step leaves the
// write epoch alone (Database::exec would move it and drop the caches for a mere read).
ReadTransaction::ReadTransaction(Database& db) : db_(db) {
    db_.prepare("BEGIN").run();
}
ReadTransaction::~ReadTransaction() {
    try {
        db_.prepare("ROLLBACK").run();  // nothing was written; also ends reads still open
    } catch (...) {
    }
}

Pool::Pool(std::string path, int size, std::int64_t max_bytes, bool read_only)
    : path_(std::move(path)), max_bytes_(max_bytes), read_only_(read_only) {
    for (int i = 0; i < size; ++i) free_.push_back(std::make_unique<Database>(path_, max_bytes_, read_only_));
}
Pool::Lease Pool::acquire() {
    std::lock_guard<std::mutex> lock(mutex_);
    if (free_.empty()) return Lease(*this, std::make_unique<Database>(path_, max_bytes_, read_only_));
    auto db = std::move(free_.back());
    free_.pop_back();
    return Lease(*this, std::move(db));
}
void Pool::give_back(std::unique_ptr<Database> db) {
    std::lock_guard<std::mutex> lock(mutex_);
    free_.push_back(std::move(db));
}
Pool::Lease::~Lease() {
    if (db_ && pool_) pool_->give_back(std::move(db_));
}

}  // namespace crm::db
