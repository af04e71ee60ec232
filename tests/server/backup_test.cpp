// crm-server --backup: an online copy taken while the server serves, restorable as is.
#include <catch2/catch.hpp>
#include <cstdlib>
#include <filesystem>

#include "db/backup.hpp"
#include "support/test_server.hpp"

using namespace crm;
using namespace crm::testing;

namespace {
// A note written before the backup and one after it, while the server keeps serving: the copy
// must hold the first and not the second.
void back_up_between_two_notes(TestServer& server, const std::string& file) {
    Client op = server.client();
    REQUIRE(op.login("admin").status == 200);
    const auto lead = op.get("/api/leads?limit=1").json()["items"][0]["id"].dump();
    REQUIRE(op.post("/api/leads/" + lead + "/notes", {{"text", "Note écrite avant la sauvegarde"}}).status == 201);
    db::backup_database(server.db_path(), file);
    CHECK(op.post("/api/leads/" + lead + "/notes", {{"text", "après"}}).status == 201);
}
}  // namespace

TEST_CASE("an online backup holds every committed write and passes the integrity check", "[sqlite]") {
    TestServer server;
    const auto dir = make_temp_dir();
    back_up_between_two_notes(server, dir + "/backup.db");

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

TEST_CASE("on PostgreSQL, --backup is a pg_dump that pg_restore brings back with every committed write") {
    if (!on_postgres()) return;  // the SQLite case is above
    TestServer server;
    const auto dir = make_temp_dir();
    back_up_between_two_notes(server, dir + "/backup.dump");

    // Restored into a database of its own, as an owner would after losing theirs.
    const std::string url = server.db_path();
    const std::string base = url.substr(0, url.rfind('/') + 1);
    {
        db::Database admin(base + "postgres");
        admin.exec("DROP DATABASE IF EXISTS crm_restored_backup");
        admin.exec("CREATE DATABASE crm_restored_backup");
    }
    REQUIRE(std::system(
                ("pg_restore --no-owner --dbname=" + base + "crm_restored_backup " + dir + "/backup.dump").c_str()) ==
            0);
    {
        db::Database restored(base + "crm_restored_backup");
        CHECK(scalar(restored, "SELECT COUNT(*) FROM interactions WHERE summary = 'Note écrite avant la sauvegarde'") ==
              1);
        CHECK(scalar(restored, "SELECT COUNT(*) FROM interactions WHERE summary = 'après'") == 0);
        CHECK(scalar(restored, "SELECT COUNT(*) FROM leads") == scalar(restored,
                                                                       "SELECT COUNT(*) FROM change_log "
                                                                       "WHERE entity = 'lead'"));
    }
    db::Database(base + "postgres").exec("DROP DATABASE crm_restored_backup WITH (FORCE)");
    std::filesystem::remove_all(dir);
}
