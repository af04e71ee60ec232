#pragma once
// One interface over two engines: SQLite (a file path, the embedded default) and PostgreSQL (a
// postgresql:// URL, for several server instances over one store). Statements move but never
// copy, transactions roll back unless committed, and every error says what kind it is (mapped
// to HTTP in one place: core/app.cpp). SQL is written once with SQLite's `?` / `?N` parameters;
// on PostgreSQL they become `$N` (db/placeholders.hpp).
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

struct sqlite3;

namespace crm::db {

class WriteTurns;

enum class Dialect { sqlite, postgresql };

// A postgresql:// (or postgres://) URL selects PostgreSQL; anything else is a SQLite file.
Dialect dialect_of(std::string_view location);

class DbError : public std::runtime_error {
public:
    enum class Kind {
        other,
        constraint,   // a UNIQUE, CHECK or foreign key refused the write (409)
        busy,         // locked, or a conflict the caller may retry (503)
        read_only,    // CRM_DB_READ_ONLY, a file that cannot be written, a read-only replica (503)
        unavailable,  // disk full, I/O error, the database cannot be reached (503)
    };
    // `code` is the engine's own (SQLite's primary result code; 0 on PostgreSQL, whose
    // SQLSTATE is in the message).
    DbError(Kind kind, int code, const std::string& what) : std::runtime_error(what), kind_(kind), code_(code) {}
    Kind kind() const { return kind_; }
    int code() const { return code_; }
    bool is_constraint() const { return kind_ == Kind::constraint; }
    bool is_busy() const { return kind_ == Kind::busy; }
    bool is_readonly() const { return kind_ == Kind::read_only; }
    bool is_readonly_or_full() const { return kind_ == Kind::read_only || kind_ == Kind::unavailable; }

private:
    Kind kind_;
    int code_;
};

namespace detail {
class StatementImpl;
class ConnectionImpl;
}  // namespace detail

class Statement {
public:
    // `turns`: the pool's, for a write outside a transaction (db/write_turns.hpp).
    explicit Statement(std::unique_ptr<detail::StatementImpl> impl, WriteTurns* turns = nullptr);
    Statement(Statement&& other) noexcept;
    Statement& operator=(Statement&& other) noexcept;
    Statement(const Statement&) = delete;
    Statement& operator=(const Statement&) = delete;
    ~Statement();

    // Parameters are 1-based, as in SQLite.
    Statement& bind(int index, std::int64_t value);
    Statement& bind(int index, int value) { return bind(index, static_cast<std::int64_t>(value)); }
    Statement& bind(int index, bool value) { return bind(index, static_cast<std::int64_t>(value ? 1 : 0)); }
    Statement& bind(int index, double value);
    Statement& bind(int index, std::string_view value);
    Statement& bind(int index, const char* value) { return bind(index, std::string_view(value)); }
    Statement& bind(int index, const std::string& value) { return bind(index, std::string_view(value)); }
    Statement& bind(int index, std::nullptr_t);
    template <typename T>
    Statement& bind(int index, const std::optional<T>& value) {
        return value ? bind(index, *value) : bind(index, nullptr);
    }
    Statement& bind_blob(int index, const void* data, int size);

    // Binds every argument in order, starting at 1.
    template <typename... Args>
    Statement& bind_all(const Args&... args) {
        int i = 1;
        (bind(i++, args), ...);
        return *this;
    }

    bool step();  // true while a row is available
    void run();   // steps to completion (INSERT/UPDATE/DELETE)
    // For `INSERT … RETURNING id`: runs the statement to completion and returns the id.
    std::int64_t run_returning_id();
    void reset();

    bool is_null(int col) const;
    std::int64_t get_int64(int col) const;
    int get_int(int col) const { return static_cast<int>(get_int64(col)); }
    double get_double(int col) const;
    std::string get_text(int col) const;
    std::optional<std::int64_t> get_opt_int64(int col) const;
    std::optional<std::string> get_opt_text(int col) const;
    int column_count() const;
    std::string column_name(int col) const;

private:
    void give_turn_back();
    std::unique_ptr<detail::StatementImpl> impl_;
    WriteTurns* turns_ = nullptr;  // the pool's, if any
    WriteTurns* turn_ = nullptr;   // held by this statement's write, until it is done
};

// Counts committed writes in this process, on any connection. A cache keyed on it (with the
// database it read) is never served stale: every commit moves it on after the data is there.
std::uint64_t write_epoch();

class Database {
public:
    // `location` is a SQLite file path or a postgresql:// URL (dialect_of).
    // SQLite only: max_bytes > 0 caps the file (PRAGMA max_page_count): a write past it fails
    // as on a full disk, and the server answers 503. read_only opens an existing file with
    // SQLITE_OPEN_READONLY (the file itself is opened O_RDONLY, so even root cannot write
    // through it): every write fails as read-only (503). On PostgreSQL, read_only opens the
    // session with default_transaction_read_only; the size cap is the server's business.
    explicit Database(const std::string& location, std::int64_t max_bytes = 0, bool read_only = false);
    Database(Database&&) noexcept;
    Database& operator=(Database&&) noexcept;
    Database(const Database&) = delete;
    Database& operator=(const Database&) = delete;
    ~Database();

    Dialect dialect() const;
    Statement prepare(std::string_view sql);
    void exec(const std::string& sql);  // several statements, no parameters
    // A new row's id: `INSERT … RETURNING id` with Statement::run_returning_id (both engines).
    int changes() const;             // rows the last INSERT/UPDATE/DELETE touched
    bool read_only() const;          // what the engine says of this connection, not what was asked
    sqlite3* sqlite_handle() const;  // nullptr on PostgreSQL
    // The pool's connections to one SQLite file share one WriteTurns: their transactions begin
    // in the order they asked (db/write_turns.hpp).
    void share_write_turns(std::shared_ptr<WriteTurns> turns) { write_turns_ = std::move(turns); }

private:
    friend class Transaction;
    friend class ReadTransaction;
    std::unique_ptr<detail::ConnectionImpl> impl_;
    std::shared_ptr<WriteTurns> write_turns_;
};

// Writers take the write lock up front, so two writers never deadlock on an upgrade: BEGIN
// IMMEDIATE on SQLite; on PostgreSQL, BEGIN and a transaction-scoped advisory lock that every
// instance's writers share (the same one-writer-at-a-time the code was written for). Rolls
// back in the destructor unless committed. On a pooled SQLite connection it first waits for
// its turn (WriteTurns), held until COMMIT or ROLLBACK.
class Transaction {
public:
    explicit Transaction(Database& db);
    Transaction(const Transaction&) = delete;
    Transaction& operator=(const Transaction&) = delete;
    ~Transaction();
    void commit();

private:
    void give_turn_back();
    Database& db_;
    WriteTurns* turn_ = nullptr;  // held by this transaction, else null
    bool done_ = false;
};

// BEGIN (deferred) for reads that must agree with each other: every statement until the end
// sees one snapshot. Takes no write lock and, ended by ROLLBACK, moves no write epoch.
class ReadTransaction {
public:
    explicit ReadTransaction(Database& db);
    ReadTransaction(const ReadTransaction&) = delete;
    ReadTransaction& operator=(const ReadTransaction&) = delete;
    ~ReadTransaction();

private:
    Database& db_;
};

// A fixed set of connections, one lent per request; WAL lets readers run side by side.
class Pool {
public:
    Pool(std::string location, int size, std::int64_t max_bytes = 0, bool read_only = false);
    class Lease {
    public:
        Lease(Pool& pool, std::unique_ptr<Database> db) : pool_(&pool), db_(std::move(db)) {}
        Lease(Lease&& o) noexcept : pool_(o.pool_), db_(std::move(o.db_)) {}
        Lease(const Lease&) = delete;
        ~Lease();
        Database& operator*() { return *db_; }
        Database* operator->() { return db_.get(); }

    private:
        Pool* pool_;
        std::unique_ptr<Database> db_;
    };
    Lease acquire();
    const std::string& path() const { return path_; }
    Dialect dialect() const { return dialect_of(path_); }

private:
    friend class Lease;
    std::unique_ptr<Database> open() const;
    void give_back(std::unique_ptr<Database> db);
    std::string path_;
    std::int64_t max_bytes_ = 0;
    bool read_only_ = false;
    std::shared_ptr<WriteTurns> write_turns_;  // SQLite only
    std::mutex mutex_;
    std::vector<std::unique_ptr<Database>> free_;
};

}  // namespace crm::db
