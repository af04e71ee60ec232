// The Deliveries tab copies a delivery's link again without issuing a new one. Only the token's
// hash is stored: the link is derived again from its nonce under the server's share-link key,
// which lives beside the database (or in CRM_SHARE_LINK_KEY), never in it.
#include <catch2/catch.hpp>

#include <sys/stat.h>
#include <filesystem>
#include <fstream>
#include <iterator>

#include "support/test_server.hpp"

using namespace crm;
using namespace crm::testing;

namespace {

std::string read_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

}  // namespace

TEST_CASE("the current link, again: the same working link, until it is replaced or revoked") {
    TestServer server;
    Client op = server.client();
    REQUIRE(op.login("admin").status == 200);
    const auto lead = ready_lead(op, "Copie", "06 39 98 12 01");
    auto created = op.post("/api/deliveries", {{"leadId", lead}, {"channel", "link"}});
    REQUIRE(created.status == 201);
    const auto id = created.json()["id"].dump();
    const auto url = created.json()["shareUrl"].get<std::string>();

    auto again = op.get("/api/deliveries/" + id + "/link");
    REQUIRE(again.status == 200);
    CHECK(again.json()["shareUrl"] == url);  // the same link: the agent's copy keeps working
    CHECK(again.json()["pdfUrl"] == url + "/pdf");
    Client anonymous = server.client();
    CHECK(anonymous.get("/p/" + token_of(url)).status == 200);
    {
        auto db = server.app().pool().acquire();
        auto st = db->prepare("SELECT COUNT(*) FROM audit_log WHERE action = 'delivery.link_shown'");
        st.step();
        CHECK(st.get_int(0) == 1);
    }

    // The key is beside the database, readable by the server's user only, and not in the file
    // (on PostgreSQL it comes from CRM_SHARE_LINK_KEY only: the server refuses to start without).
    if (!on_postgres()) {
        const auto key_path = std::filesystem::path(server.db_path()).parent_path() / "share-link.key";
        REQUIRE(std::filesystem::exists(key_path));
        struct stat info {};
        REQUIRE(::stat(key_path.c_str(), &info) == 0);
        CHECK((info.st_mode & 0777) == 0600);
        std::string key = read_file(key_path.string());
        key.erase(key.find_last_not_of("\n") + 1);
        REQUIRE(key.size() >= 32);
        CHECK(read_file(server.db_path()).find(key) == std::string::npos);
        CHECK(read_file(server.db_path()).find(token_of(url)) == std::string::npos);
    }

    SECTION("a new link replaces it: the old one stops, the copy is the new one") {
        auto resent = op.post("/api/deliveries/" + id + "/resend", {{"channel", "link"}});
        REQUIRE(resent.status == 200);
        const auto fresh = resent.json()["shareUrl"].get<std::string>();
        CHECK(fresh != url);
        CHECK(op.get("/api/deliveries/" + id + "/link").json()["shareUrl"] == fresh);
        CHECK(anonymous.get("/p/" + token_of(url)).status != 200);
    }
    SECTION("refunded: nothing to copy") {
        REQUIRE(op.post("/api/deliveries/" + id + "/refund", {{"reason", "Pas vendeur"}}).status == 200);
        auto res = op.get("/api/deliveries/" + id + "/link");
        CHECK(res.status == 409);
        CHECK(res.json()["error"]["code"] == "link_unavailable");
    }
    SECTION("expired: nothing to copy") {
        server.set_clock(server.now() + 400 * 86400LL);
        REQUIRE(op.login("admin").status == 200);
        CHECK(op.get("/api/deliveries/" + id + "/link").status == 409);
    }
    SECTION("a link issued before this version (no nonce) cannot be derived: a new one is needed") {
        {
            auto db = server.app().pool().acquire();
            db->prepare("UPDATE deliveries SET share_link_nonce = NULL WHERE id = ?")
                .bind(1, static_cast<std::int64_t>(std::stoll(id)))
                .run();
        }
        CHECK(op.get("/api/deliveries/" + id + "/link").json()["error"]["code"] == "link_unavailable");
    }
    CHECK(op.get("/api/deliveries/999999/link").status == 404);
}

TEST_CASE("on PostgreSQL the server refuses to start without CRM_SHARE_LINK_KEY") {
    if (!on_postgres()) return;  // SQLite makes its key file beside the database
    CHECK_THROWS_WITH(TestServer([](Config& c) { c.share_link_key.clear(); }),
                      Catch::Matchers::Contains("CRM_SHARE_LINK_KEY"));
}
