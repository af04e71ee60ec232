// PostgreSQL through libpq, for several server instances over one store. Statements are
// prepared once per connection and their rows read whole: no cursor stays open on the server,
// so a connection goes back to the pool clean.
#include <libpq-fe.h>

#include <cstdlib>
#include <cstring>
#include <optional>
#include <unordered_map>
#include <vector>

#include "db/connection.hpp"
#include "db/placeholders.hpp"

namespace crm::db::detail {

namespace {

// PostgreSQL's type numbers (pg_type.oid) for the parameters this code binds; text goes as
// "unknown" (0) so the server gives it the type the context wants, as SQLite would.
constexpr Oid kInt8 = 20;
constexpr Oid kFloat8 = 701;
constexpr Oid kBytea = 17;
constexpr Oid kUnknown = 0;
constexpr Oid kText = 25;

// The same writer lock for every instance and connection: a transaction that writes holds it
// until COMMIT or ROLLBACK, like SQLite's BEGIN IMMEDIATE (db/database.hpp, Transaction).
constexpr const char* kWriterLock = "SELECT pg_advisory_xact_lock(4242)";

DbError::Kind kind_of_sqlstate(const char* state) {
    if (!state) return DbError::Kind::unavailable;  // no answer at all: the connection is gone
    const std::string_view s(state);
    if (s.substr(0, 2) == "23") return DbError::Kind::constraint;
    if (s == "40001" || s == "40P01" || s == "55P03" || s == "57014") return DbError::Kind::busy;
    if (s == "25006") return DbError::Kind::read_only;
    if (s.substr(0, 2) == "08" || s.substr(0, 2) == "53" || s.substr(0, 2) == "58" || s.substr(0, 3) == "57P")
        return DbError::Kind::unavailable;
    return DbError::Kind::other;
}

[[noreturn]] void throw_result(PGconn* conn, PGresult* res, std::string_view context) {
    const char* state = res ? PQresultErrorField(res, PG_DIAG_SQLSTATE) : nullptr;
    std::string msg(context);
    msg += ": ";
    if (state) {
        msg += state;
        msg += ' ';
    }
    msg += res ? PQresultErrorMessage(res) : PQerrorMessage(conn);
    while (!msg.empty() && (msg.back() == '\n' || msg.back() == ' ')) msg.pop_back();
    const auto kind = kind_of_sqlstate(state);
    PQclear(res);
    throw DbError(kind, 0, msg);
}

struct ResultDeleter {
    void operator()(PGresult* r) const { PQclear(r); }
};
using Result = std::unique_ptr<PGresult, ResultDeleter>;

class PostgresConnection;

class PostgresStatement final : public StatementImpl {
public:
    PostgresStatement(PostgresConnection& conn, std::string_view sql);
    void bind_int64(int i, std::int64_t v) override { set(i, std::to_string(v), kInt8, 0); }
    void bind_double(int i, double v) override {
        char buf[64];
        std::snprintf(buf, sizeof buf, "%.17g", v);
        set(i, buf, kFloat8, 0);
    }
    void bind_text(int i, std::string_view v) override { set(i, std::string(v), kUnknown, 0); }
    void bind_blob(int i, const void* data, int size) override {
        set(i, std::string(static_cast<const char*>(data), static_cast<std::size_t>(size)), kBytea, 1);
    }
    void bind_null(int i) override {
        check_index(i);
        values_[i - 1].reset();
        set_type(static_cast<std::size_t>(i - 1), kUnknown, 0);
    }
    bool step() override;
    void reset() override {
        result_.reset();
        row_ = -1;
        for (std::size_t n = 0; n < values_.size(); ++n) {
            values_[n].reset();
            set_type(n, kUnknown, 0);
        }
    }
    bool is_null(int c) const override { return PQgetisnull(result_.get(), row_, c) == 1; }
    std::int64_t get_int64(int c) const override {
        const char* v = PQgetvalue(result_.get(), row_, c);
        if (const auto b = boolean(v)) return *b;
        if (std::strpbrk(v, ".eE")) return static_cast<std::int64_t>(std::strtod(v, nullptr));  // numeric
        return std::strtoll(v, nullptr, 10);
    }
    double get_double(int c) const override {
        const char* v = PQgetvalue(result_.get(), row_, c);
        if (const auto b = boolean(v)) return *b;
        return std::strtod(v, nullptr);
    }
    std::string get_text(int c) const override {
        return std::string(PQgetvalue(result_.get(), row_, c),
                           static_cast<std::size_t>(PQgetlength(result_.get(), row_, c)));
    }
    int column_count() const override { return result_ ? PQnfields(result_.get()) : 0; }
    std::string column_name(int c) const override { return result_ ? PQfname(result_.get(), c) : ""; }

private:
    void check_index(int i) const {
        if (i < 1 || i > static_cast<int>(values_.size()))
            throw DbError(DbError::Kind::other, 0, "bind: parameter " + std::to_string(i) + " out of range");
    }
    // A boolean expression's value (x IS NULL, a = b) as SQLite gives it: 1 or 0.
    static std::optional<int> boolean(const char* v) {
        if (v[0] == 't' && v[1] == '\0') return 1;
        if (v[0] == 'f' && v[1] == '\0') return 0;
        return std::nullopt;
    }
    void set(int i, std::string v, Oid type, int format) {
        check_index(i);
        values_[i - 1] = std::move(v);
        set_type(static_cast<std::size_t>(i - 1), type, format);
    }
    // A number the SQL skips (a filter left out: "… AND lead_id = ?2" only when there is one)
    // has no context to type it: it goes as text, which nothing reads.
    void set_type(std::size_t n, Oid type, int format) {
        types_[n] = used_[n] ? type : kText;
        formats_[n] = used_[n] ? format : 0;
    }
    PostgresConnection& conn_;
    std::string sql_;
    std::vector<std::optional<std::string>> values_;
    std::vector<bool> used_;
    std::vector<Oid> types_;
    std::vector<int> formats_;
    Result result_;
    int row_ = -1;
};

class PostgresConnection final : public ConnectionImpl {
public:
    PostgresConnection(const std::string& url, bool read_only) : read_only_(read_only) {
        conn_ = PQconnectdb(url.c_str());
        if (PQstatus(conn_) != CONNECTION_OK) {
            // libpq's message names the host and the reason, never the password.
            std::string msg = std::string("connect: ") + PQerrorMessage(conn_);
            while (!msg.empty() && msg.back() == '\n') msg.pop_back();
            PQfinish(conn_);
            conn_ = nullptr;
            throw DbError(DbError::Kind::unavailable, 0, msg);
        }
        // NOTICEs ("relation already exists, skipping") are for a console, not the server log.
        PQsetNoticeProcessor(
            conn_, [](void*, const char*) {}, nullptr);
        configure();
    }
    ~PostgresConnection() override { PQfinish(conn_); }
    PostgresConnection(const PostgresConnection&) = delete;
    PostgresConnection& operator=(const PostgresConnection&) = delete;

    Dialect dialect() const override { return Dialect::postgresql; }
    std::unique_ptr<StatementImpl> prepare(std::string_view sql) override {
        return std::make_unique<PostgresStatement>(*this, sql);
    }
    void exec(const std::string& sql) override {
        ensure_connected();
        Result res(PQexec(conn_, sql.c_str()));
        track_transaction();
        const auto status = PQresultStatus(res.get());
        if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) throw_result(conn_, res.release(), "exec");
        after(res.get());
    }
    void begin_write() override {
        exec("BEGIN");
        exec(kWriterLock);
    }
    void begin_read() override { exec("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY"); }
    int changes() const override { return changes_; }
    bool read_only() const override { return read_only_; }

    // Runs one statement with its parameters; the caller owns the result.
    Result execute(const std::string& sql, const std::vector<std::optional<std::string>>& values,
                   const std::vector<Oid>& types, const std::vector<int>& formats) {
        ensure_connected();
        const auto n = values.size();
        std::vector<const char*> ptrs(n);
        std::vector<int> lengths(n);
        for (std::size_t i = 0; i < n; ++i) {
            ptrs[i] = values[i] ? values[i]->data() : nullptr;
            lengths[i] = values[i] ? static_cast<int>(values[i]->size()) : 0;
        }
        const auto& name = prepared(sql, types);
        Result res(
            PQexecPrepared(conn_, name.c_str(), static_cast<int>(n), ptrs.data(), lengths.data(), formats.data(), 0));
        track_transaction();
        const auto status = PQresultStatus(res.get());
        // The statement's text goes with its error (never the parameters: they carry the data).
        if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK)
            throw_result(conn_, res.release(), "step [" + sql.substr(0, 600) + "]");
        after(res.get());
        return res;
    }

private:
    // Each statement text is parsed once per connection (PQprepare), then only executed: the
    // same few dozen statements run over and over. The parameter types are those of the first
    // execution; every value is sent as text, so a later one of another type is parsed as the
    // type the server settled on.
    const std::string& prepared(const std::string& sql, const std::vector<Oid>& types) {
        auto it = prepared_.find(sql);
        if (it != prepared_.end()) return it->second;
        const std::string name = "s" + std::to_string(prepared_.size() + 1);
        Result res(PQprepare(conn_, name.c_str(), sql.c_str(), static_cast<int>(types.size()), types.data()));
        if (PQresultStatus(res.get()) != PGRES_COMMAND_OK)
            throw_result(conn_, res.release(), "prepare [" + sql.substr(0, 600) + "]");
        return prepared_.emplace(sql, name).first->second;
    }
    void configure() {
        exec("SET client_min_messages = warning");
        if (read_only_) exec("SET default_transaction_read_only = on");
    }
    // A connection the server dropped (restart, failover) is opened again before the next
    // statement, outside a transaction only: inside one, the error goes up and the work with it.
    void ensure_connected() {
        if (PQstatus(conn_) == CONNECTION_OK) return;
        const bool lost_transaction = in_transaction_;
        in_transaction_ = false;
        PQreset(conn_);
        prepared_.clear();  // a new session has none
        if (PQstatus(conn_) != CONNECTION_OK)
            throw DbError(DbError::Kind::unavailable, 0, std::string("reconnect: ") + PQerrorMessage(conn_));
        configure();
        // The server dropped the transaction's work with the old session: this statement
        // belongs to it and must not run on its own in the new one. It fails; the
        // transaction's owner rolls back, and the statements after that use the new session.
        if (lost_transaction)
            throw DbError(DbError::Kind::unavailable, 0, "the connection was lost inside a transaction");
    }
    // Whether the session is inside BEGIN … COMMIT, as libpq last saw it (unknown once the
    // connection is gone: the last known state stands).
    void track_transaction() {
        const auto state = PQtransactionStatus(conn_);
        if (state != PQTRANS_UNKNOWN) in_transaction_ = state == PQTRANS_INTRANS || state == PQTRANS_INERROR;
    }
    // Counts the rows a write touched, and moves the write epoch once a write is committed.
    void after(PGresult* res) {
        const char* tuples = PQcmdTuples(res);
        changes_ = tuples && *tuples ? std::atoi(tuples) : 0;
        const std::string_view command(PQcmdStatus(res));
        const bool reads = command.rfind("SELECT", 0) == 0 || command == "BEGIN" || command == "ROLLBACK" ||
                           command == "SET" || command == "SHOW";
        if (!reads && PQtransactionStatus(conn_) == PQTRANS_IDLE) note_committed();
    }
    PGconn* conn_ = nullptr;
    bool in_transaction_ = false;
    std::unordered_map<std::string, std::string> prepared_;  // statement text -> its name
    bool read_only_ = false;
    int changes_ = 0;
};

PostgresStatement::PostgresStatement(PostgresConnection& conn, std::string_view sql) : conn_(conn) {
    auto numbered = number_placeholders(sql);
    sql_ = std::move(numbered.sql);
    used_ = std::move(numbered.used);
    values_.resize(used_.size());
    types_.resize(used_.size());
    formats_.resize(used_.size());
    for (std::size_t n = 0; n < used_.size(); ++n) set_type(n, kUnknown, 0);
}

bool PostgresStatement::step() {
    if (!result_) result_ = conn_.execute(sql_, values_, types_, formats_);
    ++row_;
    return row_ < PQntuples(result_.get());
}

}  // namespace

std::unique_ptr<ConnectionImpl> open_postgresql(const std::string& url, bool read_only) {
    return std::make_unique<PostgresConnection>(url, read_only);
}

}  // namespace crm::db::detail
