// Bad input gets a clear JSON error with the right status, never a 500, and changes nothing.
#include <catch2/catch.hpp>

#include "support/test_server.hpp"

using namespace crm;
using namespace crm::testing;

TEST_CASE("bad request bodies") {
    TestServer server;
    Client c = server.client();
    REQUIRE(c.login("alice.martin").status == 200);
    const std::string target =
        "/api/agent/leads/" + c.get("/api/leads/assigned").json()["items"][0]["id"].dump() + "/interactions";

    SECTION("malformed JSON is 400") {
        auto res = c.request("POST", target, "{\"kind\": \"call\",");
        CHECK(res.status == 400);
        CHECK(res.json()["error"]["code"] == "bad_request");
    }
    SECTION("a JSON array instead of an object is 400") {
        CHECK(c.request("POST", target, "[1,2]").status == 400);
    }
    SECTION("a wrong type is 400") {
        auto res = c.post(target, {{"kind", "call"}, {"summary", 42}});
        CHECK(res.status == 400);
    }
    SECTION("missing and invalid fields are 422 with every field named") {
        auto res = c.post(target, {{"kind", "fax"}});
        CHECK(res.status == 422);
        auto body = res.json();
        CHECK(body["error"]["code"] == "validation");
        CHECK(body["error"]["fields"].contains("summary"));
        CHECK(body["error"]["fields"].contains("kind"));
    }
    SECTION("a body over 1 MiB is 413") {
        auto res = c.request("POST", target, std::string(1024 * 1024 + 10, 'x'));
        CHECK(res.status == 413);
        CHECK(res.json()["error"]["code"] == "too_large");
    }
    // Nothing was written by any of the refused requests.
    const auto detail = c.get(target.substr(0, target.size() - std::string("/interactions").size())).json();
    REQUIRE(detail["interactions"].is_array());
    for (const auto& i : detail["interactions"]) CHECK(i["userName"] != "Alice Martin");
}

TEST_CASE("unknown API paths and methods") {
    TestServer server;
    Client c = server.client();
    auto res = c.get("/api/does-not-exist");
    CHECK(res.status == 404);
    CHECK(res.json()["error"]["code"] == "not_found");
    CHECK(res.header("content-type").find("application/json") == 0);
    CHECK(c.request("DELETE", "/api/me").status == 405);
    CHECK(c.get("/api/leads/abc").status == 404);  // ids are digits only
}

TEST_CASE("query parameters are validated") {
    TestServer server;
    Client c = server.client();
    REQUIRE(c.login("admin").status == 200);
    CHECK(c.get("/api/leads?limit=abc").status == 400);
    CHECK(c.get("/api/leads?limit=0").status == 422);
    CHECK(c.get("/api/leads?stage=nowhere").status == 422);
    auto ok = c.get("/api/leads?limit=5&q=Lyon");
    REQUIRE(ok.status == 200);
    CHECK(ok.json()["items"].size() == 5);
    CHECK(ok.json()["total"].get<int>() > 5);
}

TEST_CASE("responses carry the security headers") {
    TestServer server;
    auto res = server.client().get("/healthz");
    CHECK(res.status == 200);
    CHECK(res.header("x-content-type-options") == "nosniff");
    CHECK(res.header("content-security-policy").find("frame-ancestors 'none'") != std::string::npos);
    CHECK(res.header("content-security-policy").find("'wasm-unsafe-eval'") != std::string::npos);
}
