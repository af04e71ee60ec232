// crm-server --backup: an online copy taken while the server serves, restorable as is.
#include <catch2/catch.hpp>
#include <filesystem>

#include "db/backup.hpp"
#include "support/test_server.hpp"

using namespace crm;
using namespace crm::testing;

TEST_CASE("an online backup holds every committed write and passes the integrity check", "[sqlite]") {
    TestServer server;
    Client op = server.client();
    REQUIRE(op.login("admin").status == 200);
    const auto lead = op.get("/api/leads?limit=1").json()["items"][0]["id"].dump();
    REQUIRE(op.post("/api/leads/" + lead + "/notes", {{"text", "Note écrite avant la sauvegarde"}}).status == 201);

    const auto dir = make_temp_dir();
    db::backup_database(server.db_path(), dir + "/backup.db");
    // The server keeps serving during and after the backup.
    CHECK(op.post("/api/leads/" + lead + "/notes", {{"text", "après"}}).status == 201);

    db::Database restored(dir + "/backup.db");
    auto check = restored.prepare("PRAGMA integrity_check");
    REQUIRE(check.step());
    CHECK(check.get_text(0) == "ok");
    auto notes =
        restored.prepare("SELECT COUNT(*) FROM interactions WHERE summary = 'Note écrite avant la sauvegarde'");
    notes.step();
    CHECK(notes.get_int(0) == 1);
    auto after = restored.prepare("SELECT COUNT(*) FROM interactions WHERE summary = 'après'");
    after.step();
    CHECK(after.get_int(0) == 0);
    std::filesystem::remove_all(dir);
}
