#pragma once
// RAII wrapper over SQLite: statements move but never copy, transactions roll back unless
// committed, every error carries SQLite's code (mapped to HTTP in one place: api/errors.cpp).
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

struct sqlite3;
struct sqlite3_stmt;

namespace crm::db {

class DbError : public std::runtime_error {
public:
    DbError(int code, int extended_code, const std::string& what)
        : std::runtime_error(what), code_(code), extended_code_(extended_code) {}
    int code() const { return code_; }
    int extended_code() const { return extended_code_; }
    bool is_constraint() const;
    bool is_busy() const;
    bool is_readonly() const;  // SQLITE_READONLY: CRM_DB_READ_ONLY, or a file that cannot be written
    bool is_readonly_or_full() const;

private:
    int code_;
    int extended_code_;
};

class Statement {
public:
    Statement(sqlite3* db, std::string_view sql);
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
    void check(int rc) const;
    sqlite3* db_ = nullptr;
    sqlite3_stmt* stmt_ = nullptr;
};

// Counts committed writes in this process, on any connection. A cache keyed on it (with the
// database it read) is never served stale: every commit moves it on after the data is there.
std::uint64_t write_epoch();

class Database {
public:
    // max_bytes > 0 caps the file (PRAGMA max_page_count): a write past it fails with
    // SQLITE_FULL, exactly as on a full disk, and the server answers 503.
    // read_only opens an existing file with SQLITE_OPEN_READONLY (the file itself is opened
    // O_RDONLY, so even root cannot write through it): every write fails with SQLITE_READONLY
    // (503). A WAL database reads as usual; SQLite may still create its -wal/-shm side files.
    explicit Database(const std::string& path, std::int64_t max_bytes = 0, bool read_only = false);
    Database(Database&&) noexcept;
    Database& operator=(Database&&) noexcept;
    Database(const Database&) = delete;
    Database& operator=(const Database&) = delete;
    ~Database();

    Statement prepare(std::string_view sql);
    void exec(const std::string& sql);  // several statements, no parameters
    std::int64_t last_insert_id() const;
    int changes() const;
    bool read_only() const;  // what SQLite says of this handle, not what was asked
    sqlite3* handle() const { return db_; }

private:
    sqlite3* db_ = nullptr;
};

// BEGIN IMMEDIATE (writers take the lock up front, so two writers never deadlock on an
// upgrade); rolls back in the destructor unless committed.
class Transaction {
public:
    explicit Transaction(Database& db);
    Transaction(const Transaction&) = delete;
    Transaction& operator=(const Transaction&) = delete;
    ~Transaction();
    void commit();

private:
    Database& db_;
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
    Pool(std::string path, int size, std::int64_t max_bytes = 0, bool read_only = false);
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

private:
    friend class Lease;
    void give_back(std::unique_ptr<Database> db);
    std::string path_;
    std::int64_t max_bytes_ = 0;
    bool read_only_ = false;
    std::mutex mutex_;
    std::vector<std::unique_ptr<Database>> free_;
};

}  // namespace crm::db
