#pragma once
// What an engine provides to db::Database and db::Statement (db/database.hpp): one
// implementation per engine, SQLite (db/sqlite_connection.cpp) and PostgreSQL
// (db/postgres_connection.cpp). Only db/ sees this header.
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "db/database.hpp"

namespace crm::db::detail {

class StatementImpl {
public:
    virtual ~StatementImpl() = default;
    virtual void bind_int64(int index, std::int64_t value) = 0;
    virtual void bind_double(int index, double value) = 0;
    virtual void bind_text(int index, std::string_view value) = 0;
    virtual void bind_blob(int index, const void* data, int size) = 0;
    virtual void bind_null(int index) = 0;
    virtual bool step() = 0;
    virtual void reset() = 0;
    // Whether the next step begins a write outside any transaction (SQLite's autocommit).
    virtual bool begins_autocommit_write() const { return false; }
    virtual bool is_null(int col) const = 0;
    virtual std::int64_t get_int64(int col) const = 0;
    virtual double get_double(int col) const = 0;
    virtual std::string get_text(int col) const = 0;
    virtual int column_count() const = 0;
    virtual std::string column_name(int col) const = 0;
};

class ConnectionImpl {
public:
    virtual ~ConnectionImpl() = default;
    virtual Dialect dialect() const = 0;
    virtual std::unique_ptr<StatementImpl> prepare(std::string_view sql) = 0;
    virtual void exec(const std::string& sql) = 0;
    virtual void begin_write() = 0;  // Transaction: see db/database.hpp
    virtual void begin_read() = 0;   // ReadTransaction: one snapshot for every statement
    virtual int changes() const = 0;
    virtual bool read_only() const = 0;
    virtual sqlite3* sqlite_handle() const { return nullptr; }
};

std::unique_ptr<ConnectionImpl> open_sqlite(const std::string& path, std::int64_t max_bytes, bool read_only);
std::unique_ptr<ConnectionImpl> open_postgresql(const std::string& url, bool read_only);

// Moves db::write_epoch() on; an engine calls it once a change is committed, never before.
void note_committed();

}  // namespace crm::db::detail
