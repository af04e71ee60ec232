// A full disk, as SQLite sees one (the database capped with CRM_DB_MAX_MB): writes past it are
// refused with a clear 503, reads keep working, every acknowledged write is there, nothing is
// half-written, and the file passes PRAGMA integrity_check.
#include <catch2/catch.hpp>
#include <string>

#include "support/test_server.hpp"

using namespace crm;
using namespace crm::testing;

TEST_CASE("a full database answers 503 to writes and loses nothing") {
    TestServer server([](Config& c) { c.db_max_mb = 2; });
    Client op = server.client();
    REQUIRE(op.login("admin").status == 200);
    const auto leads = op.get("/api/leads?limit=1").json();
    const auto lead = leads["items"][0]["id"].dump();
    auto notes_in_db = [&] {
        auto db = server.app().pool().acquire();
        auto st = db->prepare("SELECT COUNT(*) FROM interactions WHERE kind = 'note' AND lead_id = ?");
        st.bind(1, static_cast<std::int64_t>(std::stoll(lead)));
        st.step();
        return st.get_int64(0);
    };
    const auto before = notes_in_db();
    const std::string text(4000, 'n');
    int accepted = 0;
    HttpResult refused;
    for (int i = 0; i < 2000 && refused.status == 0; ++i) {  // 2 MiB is reached after ~500 notes
        auto res = op.post("/api/leads/" + lead + "/notes", {{"text", text + std::to_string(i)}});
        if (res.status == 201)
            ++accepted;
        else
            refused = res;
    }
    REQUIRE(refused.status == 503);
    CHECK(refused.json()["error"]["code"] == "unavailable");
    CHECK(accepted > 0);
    CHECK(notes_in_db() == before + accepted);  // every 201 is there, the refused one is not

    // Reads go on; other writes are refused the same way, never a 500.
    CHECK(op.get("/api/leads?limit=5").status == 200);
    CHECK(op.get("/api/queue?limit=5").status == 200);
    const auto outcome = op.post("/api/leads/" + lead + "/outcome", {{"outcome", "no_answer"}});
    CHECK((outcome.status == 503 || outcome.status == 200));
    auto db = server.app().pool().acquire();
    auto check = db->prepare("PRAGMA integrity_check");
    REQUIRE(check.step());
    CHECK(check.get_text(0) == "ok");
}
