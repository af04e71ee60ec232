#pragma once
// A real crm-server App listening on a loopback port with a fresh, seeded database, and a
// minimal HTTP client that keeps the session cookie. Tests talk to it over real HTTP.
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "core/app.hpp"
#include "db/database.hpp"

namespace crm::testing {

// Friday 20 November 2026, 10:30 in Paris: inside the legal calling window.
constexpr const char* kTestNow = "2026-11-20T09:30:00Z";
// CRM_SHARE_LINK_KEY of the test servers on PostgreSQL, where the server requires one.
constexpr const char* kTestShareLinkKey = "test-share-link-key-of-32-characters-or-more";

struct HttpResult {
    int status = 0;
    std::string body;
    std::map<std::string, std::string> headers;  // lower-cased names
    nlohmann::json json() const { return nlohmann::json::parse(body, nullptr, false); }
    std::string header(const std::string& lower_name) const {
        auto it = headers.find(lower_name);
        return it == headers.end() ? "" : it->second;
    }
};

class Client {
public:
    explicit Client(unsigned short port) : port_(port) {}
    HttpResult request(const std::string& method, const std::string& target, const std::string& body = "",
                       const std::map<std::string, std::string>& headers = {}, bool csrf = true);
    HttpResult get(const std::string& target) { return request("GET", target); }
    HttpResult post(const std::string& target, const nlohmann::json& body = nlohmann::json::object()) {
        return request("POST", target, body.dump());
    }
    // Logs in and keeps the cookie; returns the login response.
    HttpResult login(const std::string& username, const std::string& password = "demo123");
    const std::string& cookie() const { return cookie_; }
    void set_cookie(const std::string& c) { cookie_ = c; }
    // Connect from this loopback address (127.0.0.2, …): another client as the server sees it.
    void set_source_address(const std::string& a) { source_ = a; }

private:
    unsigned short port_;
    std::string cookie_;  // value of crm_session
    std::string source_;
};

class TestServer {
public:
    // A tweak may point db_path at another server's file (stopped first): that server keeps
    // its directory, this one opens the file as it is (seeding only runs on an empty database).
    explicit TestServer(const std::function<void(Config&)>& tweak = {});
    ~TestServer();
    // Stops the App and closes its database, keeping the file until this object goes; app()
    // is gone after it.
    void stop() { app_.reset(); }
    App& app() { return *app_; }
    unsigned short port() const { return app_->port(); }
    Client client() const { return Client(app_->port()); }
    const std::string& db_path() const { return db_path_; }
    void set_clock(std::int64_t t) { app_->clock().set(t); }
    std::int64_t now() { return app_->now(); }

private:
    void clean_up();  // stops the App, drops its database and directory (once)
    std::string dir_;
    std::string db_path_;      // a SQLite file, or a postgresql:// URL (on_postgres())
    std::string pg_database_;  // the database made for this server on PostgreSQL
    std::unique_ptr<App> app_;
};

// Whether this run's servers use PostgreSQL (ctest label `postgresql`) instead of SQLite files.
bool on_postgres();

// A fresh temporary directory (removed by the caller).
std::string make_temp_dir();

// Moves the server's test clock to an ISO time and logs in again as `user` (a jump in time may
// end the idle session).
void move_clock(Client& op, const std::string& iso, const std::string& user = "admin");
// An ISO 8601 UTC time as Unix seconds, for building expected values ("2026-11-12T08:00:00Z").
std::int64_t utc(const char* iso);
// Deletes every lead and what hangs off them, keeping the users: a test's hand-computed
// numbers start from an empty book, not from the demo seed.
void empty_book(db::Database& db);
// SQL for the value of `key` in the JSON object stored as text in `column`, on either engine.
std::string json_field(db::Database& db, const std::string& column, const std::string& key);
// The first column of the first row of a query (for counts and ids).
std::int64_t scalar(db::Database& db, const std::string& sql);

// A Lyon seller with consent, called and answered with a note: Ready to Sell. `last` and
// `phone` tell one from another (duplicates are refused). Returns its id.
std::int64_t ready_lead(Client& op, const std::string& last, const std::string& phone);

// The first lead of the book (GET /api/leads) with this first name, as the API returns it;
// throws when there is none.
nlohmann::json lead_named(Client& op, const std::string& first);

// A field of one agent as GET /api/agents lists it, and its id; throws when there is none.
std::int64_t agent_field(Client& op, const std::string& username, const char* field);
std::int64_t agent_id(Client& op, const std::string& username);

// The first column of the first row of `sql`, read straight from the server's database.
std::int64_t query_int(TestServer& server, const std::string& sql);

// The token of a share link (/p/<token>) or a setup link (/setup/<token>).
std::string token_of(const std::string& url);

// The text of a PDF as poppler's pdftotext reads it (UTF-8): what a person sees in the file.
std::string pdf_text(const std::string& pdf);

}  // namespace crm::testing
