// docs/openapi.yaml must describe every route of the server, with the same roles.
#include <catch2/catch.hpp>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include "support/test_server.hpp"

using namespace crm;

namespace {

// path -> method -> roles, read from the file's simple, fixed indentation.
std::map<std::string, std::map<std::string, std::string>> read_openapi(const std::string& file) {
    std::ifstream in(file);
    REQUIRE(in.good());
    std::map<std::string, std::map<std::string, std::string>> out;
    std::string line, path, method;
    bool in_paths = false;
    while (std::getline(in, line)) {
        if (line == "paths:") {
            in_paths = true;
            continue;
        }
        if (!in_paths) continue;
        if (line.rfind("  /", 0) == 0 && line.back() == ':') {
            path = line.substr(2, line.size() - 3);
        } else if (line.rfind("    ", 0) == 0 && line[4] != ' ' && line.back() == ':') {
            method = line.substr(4, line.size() - 5);
            out[path][method] = "";
        } else if (line.rfind("      x-roles: [", 0) == 0) {
            out[path][method] = line.substr(16, line.size() - 17);
        }
    }
    return out;
}

std::string roles_of(const http::Access& a) {
    if (a.is_public()) return "public";
    std::string s;
    for (auto r : a.allowed()) s += (s.empty() ? "" : ", ") + std::string(http::role_name(r));
    return s;
}

}  // namespace

TEST_CASE("docs/openapi.yaml lists every route with its roles") {
    testing::TestServer server;
    const auto doc = read_openapi(CRM_SOURCE_DIR "/docs/openapi.yaml");
    std::set<std::pair<std::string, std::string>> routes;
    for (const auto& r : server.app().router().routes()) {
        std::string method(http::bhttp::to_string(r.method));
        for (auto& c : method) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        std::string path = r.pattern;
        // OpenAPI has one parameter style: {token} and {id} are both written as in the route.
        INFO(method << " " << path);
        auto p = doc.find(path);
        REQUIRE(p != doc.end());
        auto m = p->second.find(method);
        REQUIRE(m != p->second.end());
        CHECK(m->second == roles_of(r.access));
        routes.insert({path, method});
    }
    // And nothing documented that the server does not serve.
    for (const auto& [path, methods] : doc)
        for (const auto& [method, roles] : methods) {
            INFO("documented but not served: " << method << " " << path);
            if (path == "/api/test/clock") continue;  // exists only in test mode (tests run in it)
            CHECK(routes.count({path, method}) == 1);
        }
}
