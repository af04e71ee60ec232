#include "db/database.hpp"

#include <atomic>
#include <utility>

#include "db/connection.hpp"
#include "db/write_turns.hpp"

namespace crm::db {

Dialect dialect_of(std::string_view location) {
    const bool pg = location.rfind("postgresql://", 0) == 0 || location.rfind("postgres://", 0) == 0;
    return pg ? Dialect::postgresql : Dialect::sqlite;
}

namespace {
std::atomic<std::uint64_t> g_write_epoch{0};
}  // namespace

// A reader that saw the old epoch may have cached the new data under it, which only wastes
// that entry; the reverse cannot happen, because the epoch moves after the commit.
void detail::note_committed() {
    g_write_epoch.fetch_add(1, std::memory_order_acq_rel);
}

std::uint64_t write_epoch() {
    return g_write_epoch.load(std::memory_order_acquire);
}

Statement::Statement(std::unique_ptr<detail::StatementImpl> impl, WriteTurns* turns)
    : impl_(std::move(impl)), turns_(turns) {}
Statement::Statement(Statement&& o) noexcept
    : impl_(std::move(o.impl_)), turns_(o.turns_), turn_(std::exchange(o.turn_, nullptr)) {}
Statement& Statement::operator=(Statement&& o) noexcept {
    if (this != &o) {
        impl_.reset();
        give_turn_back();
        impl_ = std::move(o.impl_);
        turns_ = o.turns_;
        turn_ = std::exchange(o.turn_, nullptr);
    }
    return *this;
}
Statement::~Statement() {
    impl_.reset();  // finalized first: an unfinished autocommit write ends here
    give_turn_back();
}
void Statement::give_turn_back() {
    if (!turn_) return;
    turn_->give_back();
    turn_ = nullptr;
}

Statement& Statement::bind(int i, std::int64_t v) {
    impl_->bind_int64(i, v);
    return *this;
}
Statement& Statement::bind(int i, double v) {
    impl_->bind_double(i, v);
    return *this;
}
Statement& Statement::bind(int i, std::string_view v) {
    impl_->bind_text(i, v);
    return *this;
}
Statement& Statement::bind(int i, std::nullptr_t) {
    impl_->bind_null(i);
    return *this;
}
Statement& Statement::bind_blob(int i, const void* data, int size) {
    impl_->bind_blob(i, data, size);
    return *this;
}
bool Statement::step() {
    if (turns_ && !turn_ && impl_->begins_autocommit_write() && turns_->take_unless_held()) turn_ = turns_;
    bool row = false;
    try {
        row = impl_->step();
    } catch (...) {
        give_turn_back();
        throw;
    }
    if (!row) give_turn_back();  // done: an autocommit write has committed
    return row;
}
void Statement::run() {
    while (step()) {
    }
}
std::int64_t Statement::run_returning_id() {
    if (!step()) throw std::logic_error("run_returning_id: the statement returned no row");
    const auto id = get_int64(0);
    run();  // to completion: SQLite commits an autocommit write only then
    return id;
}
void Statement::reset() {
    impl_->reset();
    give_turn_back();
}
bool Statement::is_null(int c) const {
    return impl_->is_null(c);
}
std::int64_t Statement::get_int64(int c) const {
    return impl_->get_int64(c);
}
double Statement::get_double(int c) const {
    return impl_->get_double(c);
}
std::string Statement::get_text(int c) const {
    return impl_->get_text(c);
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
    return impl_->column_count();
}
std::string Statement::column_name(int c) const {
    return impl_->column_name(c);
}

Database::Database(const std::string& location, std::int64_t max_bytes, bool read_only)
    : impl_(dialect_of(location) == Dialect::postgresql ? detail::open_postgresql(location, read_only)
                                                        : detail::open_sqlite(location, max_bytes, read_only)) {}
Database::Database(Database&&) noexcept = default;
Database& Database::operator=(Database&&) noexcept = default;
Database::~Database() = default;

Dialect Database::dialect() const {
    return impl_->dialect();
}
Statement Database::prepare(std::string_view sql) {
    return Statement(impl_->prepare(sql), write_turns_.get());
}
void Database::exec(const std::string& sql) {
    impl_->exec(sql);
}
int Database::changes() const {
    return impl_->changes();
}
bool Database::read_only() const {
    return impl_->read_only();
}
sqlite3* Database::sqlite_handle() const {
    return impl_->sqlite_handle();
}

Transaction::Transaction(Database& db) : db_(db) {
    if (db_.write_turns_ && db_.write_turns_->take_unless_held()) turn_ = db_.write_turns_.get();
    try {
        db_.impl_->begin_write();
    } catch (...) {
        give_turn_back();
        throw;
    }
}
Transaction::~Transaction() {
    if (!done_) {
        try {
            db_.exec("ROLLBACK");
        } catch (...) {
        }
    }
    give_turn_back();
}
void Transaction::commit() {
    db_.exec("COMMIT");
    done_ = true;
    give_turn_back();
}
void Transaction::give_turn_back() {
    if (!turn_) return;
    turn_->give_back();
    turn_ = nullptr;
}

ReadTransaction::ReadTransaction(Database& db) : db_(db) {
    db_.impl_->begin_read();
}
ReadTransaction::~ReadTransaction() {
    try {
        db_.prepare("ROLLBACK").run();  // nothing was written; also ends reads still open
    } catch (...) {
    }
}

Pool::Pool(std::string location, int size, std::int64_t max_bytes, bool read_only)
    : path_(std::move(location)),
      max_bytes_(max_bytes),
      read_only_(read_only),
      write_turns_(dialect_of(path_) == Dialect::sqlite ? std::make_shared<WriteTurns>() : nullptr) {
    for (int i = 0; i < size; ++i) free_.push_back(open());
}
std::unique_ptr<Database> Pool::open() const {
    auto db = std::make_unique<Database>(path_, max_bytes_, read_only_);
    db->share_write_turns(write_turns_);
    return db;
}
Pool::Lease Pool::acquire() {
    std::lock_guard<std::mutex> lock(mutex_);
    if (free_.empty()) return Lease(*this, open());
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
