#include "support/test_server.hpp"

#include <unistd.h>
#include <boost/asio/connect.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <stdexcept>

#include "auth/passwords.hpp"
#include "crm/domain/time.hpp"
#include "db/migrator.hpp"
#include "seeds/demo_seed.hpp"

namespace crm::testing {

namespace beast = boost::beast;
namespace bhttp = beast::http;
namespace net = boost::asio;
using tcp = net::ip::tcp;

std::string make_temp_dir() {
    std::string tmpl = (std::filesystem::temp_directory_path() / "crm-test-XXXXXX").string();
    if (!mkdtemp(tmpl.data())) throw std::runtime_error("mkdtemp failed");
    return tmpl;
}

HttpResult Client::request(const std::string& method, const std::string& target, const std::string& body,
                           const std::map<std::string, std::string>& headers, bool csrf) {
    net::io_context ioc;
    beast::tcp_stream stream(ioc);
    if (!source_.empty()) {
        stream.socket().open(tcp::v4());
        stream.socket().bind(tcp::endpoint(net::ip::make_address(source_), 0));
    }
    stream.connect(tcp::endpoint(net::ip::make_address("127.0.0.1"), port_));
    bhttp::request<bhttp::string_body> req{bhttp::string_to_verb(method), target, 11};
    req.set(bhttp::field::host, "127.0.0.1");
    if (!cookie_.empty()) req.set(bhttp::field::cookie, "crm_session=" + cookie_);
    if (csrf) req.set("X-Requested-With", "crm");
    if (!body.empty()) req.set(bhttp::field::content_type, "application/json");
    for (const auto& [k, v] : headers) req.set(k, v);
    req.body() = body;
    req.prepare_payload();
    beast::error_code ec;
    bhttp::write(stream, req, ec);  // the server may answer (413) before reading everything
    beast::flat_buffer buffer;
    bhttp::response_parser<bhttp::string_body> parser;
    parser.body_limit(64 * 1024 * 1024);
    parser.skip(method == "HEAD");  // headers only, whatever Content-Length says
    bhttp::read(stream, buffer, parser, ec);
    if (ec && !parser.is_header_done()) throw std::runtime_error("HTTP read failed: " + ec.message());
    auto res = parser.release();
    HttpResult out;
    out.status = res.result_int();
    out.body = res.body();
    for (const auto& f : res) {
        std::string name(f.name_string());
        for (auto& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        out.headers[name] = std::string(f.value());
    }
    stream.socket().shutdown(tcp::socket::shutdown_both, ec);
    return out;
}

HttpResult Client::login(const std::string& username, const std::string& password) {
    auto res = post("/api/auth/login", {{"username", username}, {"password", password}});
    const auto set_cookie = res.header("set-cookie");
    const auto start = set_cookie.find("crm_session=");
    if (res.status == 200 && start != std::string::npos) {
        const auto end = set_cookie.find(';', start);
        cookie_ = set_cookie.substr(start + 12, end - start - 12);
    }
    return res;
}

namespace {
// CRM_TEST_POSTGRES (a server URL ending in '/', set by ctest for the `postgresql` label): each
// test server gets a database of its own there, made empty and dropped with it.
std::optional<std::string> postgres_server() {
    const char* v = std::getenv("CRM_TEST_POSTGRES");
    if (!v || !*v) return std::nullopt;
    return std::string(v);
}
void postgres_admin(const std::string& sql) {
    db::Database admin(*postgres_server() + "postgres");
    admin.exec(sql);
}

// A migrated, empty database that test databases are copied from (CREATE DATABASE … TEMPLATE):
// half a second of migrations once per schema instead of once per test server. Its name
// carries a digest of the migrations, so a changed one builds a new template. Test processes
// run side by side: the first one builds it under an advisory lock, the others wait for it.
const std::string& postgres_template() {
    static const std::string name = [] {
        std::size_t digest = 0;
        for (const auto& m : db::embedded_migrations())
            digest = digest * 31 + std::hash<std::string>{}(m.name + m.postgresql_sql);
        const std::string tmpl = "crm_test_template_" + std::to_string(digest % 1000000007);
        db::Database admin(*postgres_server() + "postgres");
        admin.prepare("SELECT pg_advisory_lock(7)").run();
        auto exists = admin.prepare("SELECT COUNT(*) FROM pg_database WHERE datname = ?");
        exists.bind(1, tmpl);
        exists.step();
        const bool built = exists.get_int(0) > 0;
        exists.reset();
        if (!built) {
            admin.exec("DROP DATABASE IF EXISTS " + tmpl + "_building");
            admin.exec("CREATE DATABASE " + tmpl + "_building");
            {
                db::Database fresh(*postgres_server() + tmpl + "_building");
                db::migrate(fresh);
            }
            admin.exec("ALTER DATABASE " + tmpl + "_building RENAME TO " + tmpl);
        }
        admin.prepare("SELECT pg_advisory_unlock(7)").run();
        return tmpl;
    }();
    return name;
}
}  // namespace

bool on_postgres() {
    return postgres_server().has_value();
}

TestServer::TestServer(const std::function<void(Config&)>& tweak) {
    auth::use_minimum_hash_cost_in_tests();  // passwords_test checks the server's real cost
    dir_ = make_temp_dir();
    db_path_ = dir_ + "/crm.db";
    if (on_postgres()) {
        static int counter = 0;
        pg_database_ = "crm_test_" + std::to_string(getpid()) + "_" + std::to_string(++counter);
        postgres_admin("CREATE DATABASE " + pg_database_ + " TEMPLATE " + postgres_template());
        db_path_ = *postgres_server() + pg_database_;
    }
    Config c;
    c.host = "127.0.0.1";
    c.port = 0;
    c.db_path = db_path_;
    if (on_postgres()) c.share_link_key = kTestShareLinkKey;
    c.test_clock = true;
    c.test_now = parse_iso_utc(kTestNow);
    c.seed = true;
    c.io_threads = 2;
    c.access_log = false;
    c.scheduler_seconds = 0;  // passes are driven by POST /api/jobs/run-due
    c.web_dir = dir_ + "/web";
    c.operator_dir = dir_ + "/operator";
    if (tweak) tweak(c);
    db_path_ = c.db_path;
    try {
        app_ = std::make_unique<App>(c);
        app_->seed_with(seeds::seed_if_empty);
        app_->start();
    } catch (...) {  // a server that refuses to start: its database and directory go all the same
        clean_up();
        throw;
    }
}

TestServer::~TestServer() {
    clean_up();
}

void TestServer::clean_up() {
    app_.reset();
    if (!pg_database_.empty()) {
        try {
            postgres_admin("DROP DATABASE IF EXISTS " + pg_database_ + " WITH (FORCE)");
        } catch (...) {
        }
        pg_database_.clear();
    }
    std::error_code ec;
    std::filesystem::remove_all(dir_, ec);
}

std::int64_t utc(const char* iso) {
    return *domain::parse_iso_utc(iso);
}

void move_clock(Client& op, const std::string& iso, const std::string& user) {
    if (op.post("/api/test/clock", {{"now", iso}}).status != 200) throw std::runtime_error("move_clock: " + iso);
    if (op.login(user).status != 200) throw std::runtime_error("move_clock: login " + user);
}

void empty_book(db::Database& db) {
    db.exec(
        "DELETE FROM payments; DELETE FROM credit_ledger; DELETE FROM notifications; DELETE FROM messages; "
        "DELETE FROM jobs; DELETE FROM tasks; DELETE FROM appointments; DELETE FROM interactions; "
        "DELETE FROM deliveries; DELETE FROM leads;");
}

std::string json_field(db::Database& db, const std::string& column, const std::string& key) {
    if (db.dialect() == db::Dialect::postgresql) return "(" + column + "::jsonb ->> '" + key + "')";
    return "json_extract(" + column + ", '$." + key + "')";
}

std::int64_t scalar(db::Database& db, const std::string& sql) {
    auto st = db.prepare(sql);
    st.step();
    return st.get_int64(0);
}

std::int64_t ready_lead(Client& op, const std::string& last, const std::string& phone) {
    auto res = op.post("/api/leads", {{"firstName", "Camille"},
                                      {"lastName", last},
                                      {"phone", phone},
                                      {"email", "camille." + last + "@example.fr"},
                                      {"intention", "sell"},
                                      {"timelineMonths", 2},
                                      {"city", "Lyon"},
                                      {"zip", "69003"},
                                      {"priceEstimateCents", 42000000},
                                      {"consent", true},
                                      {"consentSource", "call"},
                                      {"consentText", "J'accepte d'être rappelé par un agent."}});
    if (res.status != 201) throw std::runtime_error("ready_lead: create answered " + std::to_string(res.status));
    const auto id = res.json()["id"].get<std::int64_t>();
    const auto called = op.post("/api/leads/" + std::to_string(id) + "/outcome",
                                {{"outcome", "answered"}, {"note", "Vend un T3 pour acheter plus grand."}});
    if (called.status != 200) throw std::runtime_error("ready_lead: outcome answered " + std::to_string(called.status));
    return id;
}

nlohmann::json lead_named(Client& op, const std::string& first) {
    const auto list = op.get("/api/leads?limit=1000").json();
    for (const auto& l : list["items"])
        if (l["firstName"] == first) return l;
    throw std::runtime_error("no lead named " + first);
}

std::int64_t agent_field(Client& op, const std::string& username, const char* field) {
    const auto agents = op.get("/api/agents").json();
    for (const auto& a : agents["items"])
        if (a["username"] == username) return a[field].get<std::int64_t>();
    throw std::runtime_error("no agent " + username);
}

std::int64_t agent_id(Client& op, const std::string& username) {
    return agent_field(op, username, "id");
}

std::int64_t query_int(TestServer& server, const std::string& sql) {
    auto db = server.app().pool().acquire();
    auto st = db->prepare(sql);
    if (!st.step()) throw std::runtime_error("query_int: no row for " + sql);
    return st.get_int64(0);
}

std::string token_of(const std::string& url) {
    for (const std::string prefix : {"/setup/", "/p/"}) {
        const auto at = url.rfind(prefix);
        if (at != std::string::npos) return url.substr(at + prefix.size());
    }
    throw std::runtime_error("no token in " + url);
}

std::string pdf_text(const std::string& pdf) {
    const auto dir = make_temp_dir();
    { std::ofstream(dir + "/p.pdf", std::ios::binary) << pdf; }
    const std::string cmd = "pdftotext -enc UTF-8 " + dir + "/p.pdf " + dir + "/p.txt";
    if (std::system(cmd.c_str()) != 0) throw std::runtime_error("pdftotext failed");
    std::ifstream in(dir + "/p.txt");
    std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    std::filesystem::remove_all(dir);
    return text;
}

}  // namespace crm::testing
