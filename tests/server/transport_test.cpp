// Transport hardening: HSTS behind an https public URL, the security headers on the answers
// the server writes before a request reaches the app, static files that never leave their
// folder, and the cap on open connections.
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/read.hpp>
#include <boost/asio/write.hpp>
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>

#include "http/static_files.hpp"
#include "support/test_server.hpp"

using namespace crm;
using namespace crm::testing;
namespace net = boost::asio;
using tcp = net::ip::tcp;

namespace {

// Sends raw bytes on a new connection and returns whatever the server answers before closing.
std::string raw_exchange(unsigned short port, const std::string& bytes) {
    net::io_context ioc;
    tcp::socket s(ioc);
    s.connect({net::ip::make_address("127.0.0.1"), port});
    net::write(s, net::buffer(bytes));
    std::string out;
    boost::system::error_code ec;
    char buf[4096];
    for (;;) {
        const auto n = s.read_some(net::buffer(buf), ec);
        if (ec) break;
        out.append(buf, n);
    }
    return out;
}

}  // namespace

TEST_CASE("HSTS and the Secure cookie behind an https public URL, never on plain HTTP") {
    SECTION("https public URL (TLS ends at a proxy)") {
        TestServer server([](Config& c) { c.public_url = "https://crm.example.fr"; });
        Client c = server.client();
        CHECK(c.get("/healthz").header("strict-transport-security") == "max-age=31536000");
        CHECK(c.login("admin").header("set-cookie").find("; Secure") != std::string::npos);
    }
    SECTION("plain HTTP") {
        TestServer server;
        Client c = server.client();
        CHECK(c.get("/healthz").header("strict-transport-security").empty());
        CHECK(c.login("admin").header("set-cookie").find("Secure") == std::string::npos);
    }
}

TEST_CASE("answers written before the app sees a request carry the security headers") {
    TestServer server([](Config& c) { c.public_url = "https://crm.example.fr"; });
    const auto port = server.port();
    const std::string malformed = raw_exchange(port, "NOT A REQUEST\r\n\r\n");
    const std::string too_large = raw_exchange(
        port,
        "POST /api/leads HTTP/1.1\r\nHost: x\r\nContent-Length: 2000000\r\nContent-Type: application/json\r\n\r\n");
    const std::string huge_headers =
        raw_exchange(port, "GET /healthz HTTP/1.1\r\nHost: x\r\nX-Big: " + std::string(20000, 'a') + "\r\n\r\n");
    const std::pair<const std::string*, const char*> answers[] = {
        {&malformed, "400"}, {&too_large, "413"}, {&huge_headers, "431"}};
    for (const auto& [answer, status] : answers) {
        INFO(*answer);
        CHECK(answer->rfind(std::string("HTTP/1.1 ") + status, 0) == 0);
        CHECK(answer->find("Content-Security-Policy: default-src 'self'") != std::string::npos);
        CHECK(answer->find("X-Content-Type-Options: nosniff") != std::string::npos);
        CHECK(answer->find("X-Frame-Options: DENY") != std::string::npos);
        CHECK(answer->find("Strict-Transport-Security: max-age=31536000") != std::string::npos);
    }
}

TEST_CASE("static files never come from a sibling folder whose name starts like the web root's") {
    const auto dir = make_temp_dir();
    std::filesystem::create_directories(dir + "/web");
    std::filesystem::create_directories(dir + "/web-private");
    std::ofstream(dir + "/web/index.html") << "<html>app</html>";
    std::ofstream(dir + "/web-private/secret.txt") << "owner's secret";
    // A link inside the web root that leads out of it (a deploy script's shortcut, say).
    std::filesystem::create_directory_symlink(dir + "/web-private", dir + "/web/shortcut");
    TestServer server([&](Config& c) { c.web_dir = dir + "/web"; });
    Client c = server.client();
    CHECK(c.get("/index.html").body == "<html>app</html>");
    for (const char* target : {"/shortcut/secret.txt", "/../web-private/secret.txt", "/%2e%2e/web-private/secret.txt",
                               "/..%2fweb-private%2fsecret.txt"})
        CHECK(c.get(target).body.find("secret") == std::string::npos);

    namespace fs = std::filesystem;
    CHECK(http::is_within(fs::path(dir + "/web"), fs::path(dir + "/web/assets/a.js")));
    CHECK(http::is_within(fs::path(dir + "/web/"), fs::path(dir + "/web/index.html")));
    CHECK_FALSE(http::is_within(fs::path(dir + "/web"), fs::path(dir + "/web-private/secret.txt")));
    CHECK_FALSE(http::is_within(fs::path(dir + "/web"), fs::path(dir)));
    std::filesystem::remove_all(dir);
}

TEST_CASE("at the connection cap, a new connection waits until another one closes") {
    TestServer server([](Config& c) { c.max_connections = 8; });
    net::io_context ioc;
    std::vector<std::unique_ptr<tcp::socket>> idle;
    for (int i = 0; i < 8; ++i) {
        idle.push_back(std::make_unique<tcp::socket>(ioc));
        idle.back()->connect({net::ip::make_address("127.0.0.1"), server.port()});
    }
    // The eight are accepted (each answers a request), so the server holds eight connections.
    for (auto& s : idle) {
        net::write(*s, net::buffer(std::string("GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n")));
        char buf[512];
        REQUIRE(s->read_some(net::buffer(buf)) > 0);
    }
    REQUIRE(server.app().open_connections() == 8);

    tcp::socket ninth(ioc);
    ninth.connect({net::ip::make_address("127.0.0.1"), server.port()});  // the kernel's backlog takes it
    net::write(ninth, net::buffer(std::string("GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")));
    CHECK(server.app().open_connections() == 8);  // not accepted

    idle.front()->close();  // one leaves: the ninth is served
    std::string answer;
    boost::system::error_code ec;
    net::read(ninth, net::dynamic_buffer(answer), ec);
    CHECK(answer.rfind("HTTP/1.1 200", 0) == 0);
}
