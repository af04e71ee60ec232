// A full disk, as SQLite sees one (the database capped with CRM_DB_MAX_MB): writes past it are
// refused with a clear 503, reads keep working, every acknowledged write is there, nothing is
// half-written, and the file passes PRAGMA integrity_check.
// A read-only database (CRM_DB_READ_ONLY=1, opened with SQLITE_OPEN_READONLY, which stops root
// too): a signed-in user reads as before, every write answers 503, the file is left as it was.
#include <algorithm>
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "db/migrator.hpp"
#include "support/test_server.hpp"

using namespace crm;
using namespace crm::testing;

namespace {

std::string file_bytes(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream out;
    out << in.rdbuf();
    return out.str();
}

// Every row of every table (virtual tables through their shadow tables), per table: what any
// write would change. Read through a read-only handle of its own.
std::map<std::string, std::string> contents(const std::string& path) {
    db::Database db(path, 0, true);
    std::vector<std::string> tables;
    auto list = db.prepare(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
        "AND sql NOT LIKE 'CREATE VIRTUAL%' ORDER BY name");
    while (list.step()) tables.push_back(list.get_text(0));
    std::map<std::string, std::string> out;
    for (const auto& t : tables) {
        auto rows = db.prepare("SELECT * FROM \"" + t + "\"");
        std::vector<std::string> lines;  // sorted: some tables have no rowid to order by
        while (rows.step()) {
            std::string line;
            for (int c = 0; c < rows.column_count(); ++c) line += rows.get_text(c) + "|";
            lines.push_back(line);
        }
        std::sort(lines.begin(), lines.end());
        for (const auto& line : lines) out[t] += line + "\n";
    }
    return out;
}

std::string concrete_path(const std::string& pattern, const std::string& id, const std::string& token) {
    std::string out;
    std::size_t i = 0;
    while (i < pattern.size()) {
        if (pattern[i] == '{') {
            const auto end = pattern.find('}', i);
            out += pattern.substr(i, end - i + 1) == "{id}" ? id : token;
            i = end + 1;
        } else {
            out += pattern[i++];
        }
    }
    return out;
}

void check_unavailable(const HttpResult& res) {
    INFO(res.status << " " << res.body);
    CHECK(res.status == 503);
    CHECK(res.header("content-type").find("application/json") == 0);
    CHECK(res.json()["error"]["code"] == "unavailable");
    CHECK(res.json()["error"]["message"].get<std::string>().find("lecture seule") != std::string::npos);
}

}  // namespace

TEST_CASE("a full database answers 503 to writes and loses nothing", "[sqlite]") {
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

TEST_CASE("a read-only database serves reads, answers 503 to writes and changes nothing", "[sqlite]") {
    const auto t0 = *parse_iso_utc(kTestNow);
    TestServer first;  // read-write, seeded; keeps the file after stop()
    Client op = first.client();
    Client agent = first.client();
    REQUIRE(op.login("admin").status == 200);
    REQUIRE(agent.login("alice.martin").status == 200);
    const std::string op_cookie = op.cookie();

    // A Lyon lead ready to sell, delivered by link: its public page must still open.
    const auto lead_id = ready_lead(op, "Lecture", "06 39 98 11 77");
    const std::string lead = std::to_string(lead_id);
    auto delivery = op.post("/api/deliveries", {{"leadId", lead_id}, {"channel", "link"}});
    REQUIRE(delivery.status == 201);
    const auto share_url = delivery.json()["shareUrl"].get<std::string>();
    const std::string token = share_url.substr(share_url.rfind("/p/") + 3);

    // The reference reads, two minutes later, from a session of their own: op's session is
    // then due an idle-timer refresh, which the read-only server cannot write.
    first.set_clock(t0 + 120);
    Client ref = first.client();
    REQUIRE(ref.login("admin").status == 200);
    const auto leads = ref.get("/api/leads?limit=50");
    const auto queue = ref.get("/api/queue?limit=50");
    const auto one = ref.get("/api/leads/" + lead);
    REQUIRE(leads.status == 200);
    REQUIRE(queue.status == 200);
    REQUIRE(one.status == 200);
    REQUIRE(leads.json()["items"].size() > 10);
    REQUIRE(queue.json()["items"].size() > 0);
    const std::string path = first.db_path();
    first.stop();

    const auto before = contents(path);
    const auto bytes_before = file_bytes(path);
    REQUIRE(before.at("leads").size() > 0);
    {
        TestServer ro([&](Config& c) {
            c.db_path = path;
            c.seed = false;
            c.db_read_only = true;
            c.test_now = t0 + 120;
        });
        const auto health = ro.client().get("/healthz");
        REQUIRE(health.status == 200);
        CHECK(health.json()["status"] == "ok");
        CHECK(health.json()["readOnly"] == true);

        // The same session, the same answers.
        op = ro.client();
        op.set_cookie(op_cookie);
        const auto leads_ro = op.get("/api/leads?limit=50");
        const auto queue_ro = op.get("/api/queue?limit=50");
        const auto one_ro = op.get("/api/leads/" + lead);
        REQUIRE(leads_ro.status == 200);
        CHECK(leads_ro.json() == leads.json());
        REQUIRE(queue_ro.status == 200);
        CHECK(queue_ro.json() == queue.json());
        REQUIRE(one_ro.status == 200);
        CHECK(one_ro.json() == one.json());
        CHECK(op.get("/api/me").status == 200);
        CHECK(ro.client().get("/p/" + token).status == 200);  // the agent's page, not stamped

        // Writes: a clear 503, never a 500.
        check_unavailable(op.post("/api/leads/" + lead + "/notes", {{"text", "pendant la maintenance"}}));
        check_unavailable(op.post("/api/leads/" + lead + "/outcome", {{"outcome", "no_answer"}}));
        check_unavailable(op.request("PATCH", "/api/leads/" + lead, R"({"city": "Valence"})"));
        check_unavailable(op.request("POST", "/api/leads/" + lead + "/notes", R"({"text": "rejouée"})",
                                     {{"Idempotency-Key", "ro-note-1"}}));
        check_unavailable(op.post("/api/jobs/run-due"));
        check_unavailable(ro.client().login("admin"));
        check_unavailable(op.login("admin"));  // replacing the session is a write too
        op.set_cookie(op_cookie);

        // Every route: reads answer for the operator and the agent, nothing is a 500. A GDPR
        // export is the one read that must be written down (audit_log): without it, 503.
        const auto export_ro = op.get("/api/leads/" + lead + "/export");
        check_unavailable(export_ro);
        for (Client* who : {&op, &agent}) {
            Client c = ro.client();
            c.set_cookie(who->cookie());
            for (const auto& route : ro.app().router().routes()) {
                const std::string method(http::bhttp::to_string(route.method));
                const bool get = route.method == http::Verb::get;
                const auto res = c.request(method, concrete_path(route.pattern, lead, token), get ? "" : "{}");
                INFO(method << " " << route.pattern << " -> " << res.status << " " << res.body);
                CHECK(res.status != 500);
                if (get && route.pattern != "/api/leads/{id}/export") CHECK(res.status != 503);
            }
        }
        CHECK(op.get("/api/leads/" + lead).status == 200);  // the session survived the walk

        auto db = ro.app().pool().acquire();
        auto check = db->prepare("PRAGMA integrity_check");
        REQUIRE(check.step());
        CHECK(check.get_text(0) == "ok");
    }
    // Nothing changed: not a row (the idle timer and the share link's opened stamp included),
    // not a byte of the file.
    const auto after = contents(path);
    for (const auto& [table, rows] : before) {
        INFO(table);
        CHECK(after.at(table) == rows);
    }
    CHECK(file_bytes(path) == bytes_before);

    // Read-write again on the same file: the same session writes.
    TestServer rw([&](Config& c) {
        c.db_path = path;
        c.seed = false;
        c.test_now = t0 + 180;
    });
    CHECK(rw.client().get("/healthz").json()["readOnly"] == false);
    op = rw.client();
    op.set_cookie(op_cookie);
    CHECK(op.post("/api/leads/" + lead + "/notes", {{"text", "après la maintenance"}}).status == 201);
    auto db = rw.app().pool().acquire();
    auto notes = db->prepare("SELECT COUNT(*) FROM interactions WHERE kind = 'note' AND lead_id = ?");
    notes.bind(1, static_cast<std::int64_t>(std::stoll(lead)));
    REQUIRE(notes.step());
    CHECK(notes.get_int64(0) == 1);
    notes.reset();
    auto check = db->prepare("PRAGMA integrity_check");
    REQUIRE(check.step());
    CHECK(check.get_text(0) == "ok");
}

TEST_CASE("read-only mode refuses to start on a missing or half-migrated database", "[sqlite]") {
    const auto dir = make_temp_dir();
    Config c;
    c.port = 0;
    c.io_threads = 1;
    c.access_log = false;
    c.scheduler_seconds = 0;
    c.db_read_only = true;
    c.db_path = dir + "/missing.db";
    CHECK_THROWS_WITH(App(c), Catch::Contains("does not exist"));
    CHECK_FALSE(std::filesystem::exists(c.db_path));

    c.db_path = dir + "/old.db";
    {
        db::Database db(c.db_path);
        auto all = db::embedded_migrations();
        all.pop_back();  // a database one migration behind this code
        db::migrate(db, all);
    }
    const auto bytes = file_bytes(c.db_path);
    {
        App app(c);
        CHECK_THROWS_WITH(app.prepare(), Catch::Contains(db::embedded_migrations().back().name) &&
                                             Catch::Contains("without CRM_DB_READ_ONLY"));
    }
    CHECK(file_bytes(c.db_path) == bytes);  // still one behind: nothing was migrated
    std::filesystem::remove_all(dir);
}
