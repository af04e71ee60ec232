// Erasure leaves nothing: a person written through every path the CRM has (the lead form with an
// Idempotency-Key and its retry, an edit, notes, a call outcome, a booking, SMS, WhatsApp and
// e-mail, a delivery with its package e-mail, a refund request and a refund, the 24 h
// notification, audit copies) is erased; then the raw bytes of the database file and its WAL
// hold none of their name, e-mail, phone (in any way it can be written) or note text, while
// the dashboard's figures stay as they were.
#include <algorithm>
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <iterator>

#include "support/test_server.hpp"

using namespace crm;
using namespace crm::testing;

namespace {

std::string lower(std::string s) {
    for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return s;
}

std::string file_bytes(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

// The needles found in the database file or its WAL, compared without ASCII case (an index
// keeps the e-mail lower-cased).
std::vector<std::string> found_on_disk(const std::string& db_path, const std::vector<std::string>& needles) {
    const auto bytes = lower(file_bytes(db_path) + file_bytes(db_path + "-wal"));
    std::vector<std::string> out;
    for (const auto& n : needles)
        if (bytes.find(lower(n)) != std::string::npos) out.push_back(n);
    return out;
}

// Every way the person's numbers are written: as typed, E.164, packed, dotted, spaced
// international, and the bare national digits.
std::vector<std::string> phone_forms(const std::string& two, const std::string& rest /* "81 92 63 54" */) {
    std::string packed = rest, dotted = rest;
    packed.erase(std::remove(packed.begin(), packed.end(), ' '), packed.end());
    std::replace(dotted.begin(), dotted.end(), ' ', '.');
    const auto national = two.substr(1) + packed;  // 781926354
    return {two + " " + rest, two + packed, two + "." + dotted, "+33" + national, "+33 " + two.substr(1) + " " + rest,
            national};
}

nlohmann::json dashboard_figures(Client& op) {
    auto d = op.get("/api/dashboard?days=7").json();
    return {d["today"], d["funnel"], d["roiBySource"], d["agents"], d["heatmap"]};
}

HttpResult keyed(Client& c, const std::string& method, const std::string& target, const nlohmann::json& body,
                 const std::string& key) {
    return c.request(method, target, body.dump(), {{"Idempotency-Key", key}});
}

}  // namespace

TEST_CASE("Erasure leaves nothing of the person in the database file or its WAL") {
    TestServer server;
    Client op = server.client();
    REQUIRE(op.login("admin").status == 200);
    Client alice = server.client();
    REQUIRE(alice.login("alice.martin").status == 200);

    const nlohmann::json person = {{"firstName", "Anatole"},
                                   {"lastName", "Quirinal"},
                                   {"phone", "07 81 92 63 54"},
                                   {"email", "Anatole.Quirinal@exemple-unique.fr"},
                                   {"intention", "sell"},
                                   {"timelineMonths", 2},
                                   {"city", "Lyon"},
                                   {"zip", "69003"},
                                   {"area", "Montchat"},
                                   {"priceEstimateCents", 51000000},
                                   {"consent", true},
                                   {"consentSource", "call"},
                                   {"consentText", "Moi, Anatole Quirinal, j'accepte d'être rappelé."}};
    const std::string note = "Le chien s'appelle Bartholomew, code portail 4471, rappeler au 07.81.92.63.54";

    // Created with a key, and the retry answered from the kept record (which holds the lead).
    auto created = keyed(op, "POST", "/api/leads", person, "key-create");
    REQUIRE(created.status == 201);
    auto retried = keyed(op, "POST", "/api/leads", person, "key-create");
    REQUIRE(retried.status == 201);
    CHECK(retried.header("idempotent-replayed") == "true");
    const auto id = created.json()["id"].get<std::int64_t>();
    const auto lead = "/api/leads/" + std::to_string(id);

    // An edit (the old number and address stay in the audit copy), notes, a call, a booking.
    REQUIRE(keyed(op, "PATCH", lead, {{"phone", "07 81 92 63 55"}, {"email", "a.quirinal@autre-unique.fr"}}, "key-edit")
                .status == 200);
    REQUIRE(keyed(op, "POST", lead + "/notes", {{"text", note}}, "key-note").status == 201);
    REQUIRE(keyed(op, "POST", lead + "/notes", {{"text", note}}, "key-note").status == 201);
    REQUIRE(op.post(lead + "/outcome", {{"outcome", "answered"},
                                        {"note", "Quirinal vend son T4, joignable au 0781926354 ou +33 7 81 92 63 54"}})
                .status == 200);
    REQUIRE(op.post(lead + "/outcome", {{"outcome", "booked"},
                                        {"note", "RDV chez M. Quirinal"},
                                        {"slot",
                                         {{"start", "2026-11-23T09:00:00Z"},
                                          {"end", "2026-11-23T10:00:00Z"},
                                          {"location", "3 impasse des Quirinal, Lyon"}}}})
                .status == 200);
    // Messages by every channel, each sent by the scheduler.
    REQUIRE(
        op.post(lead + "/messages", {{"channel", "sms"}, {"body", "Anatole, rappelez le +33 7 81 92 63 55"}}).status ==
        202);
    REQUIRE(op.post(lead + "/messages", {{"channel", "whatsapp"}, {"body", "Bonjour Anatole Quirinal"}}).status == 202);
    REQUIRE(
        op.post(lead + "/messages", {{"channel", "email"}, {"body", "Cher M. Quirinal, au 07.81.92.63.55."}}).status ==
        202);
    // Delivered by e-mail to alice (the package e-mail is a job too), who asks for a refund.
    const auto alice_id = alice.get("/api/me").json()["id"];
    auto delivery = op.post("/api/deliveries", {{"leadId", id}, {"channel", "email"}, {"agentId", alice_id}});
    REQUIRE(delivery.status == 201);
    const auto delivery_id = delivery.json()["id"].dump();
    REQUIRE(op.post("/api/jobs/run-due").status == 200);
    REQUIRE(alice
                .post("/api/agent/deliveries/" + delivery_id + "/refund-request",
                      {{"reason", "Anatole Quirinal ne répond pas au 0781926355"}})
                .status == 202);
    // 25 hours later: the "no first call" notification names the person.
    server.set_clock(server.now() + 25 * 3600);
    REQUIRE(op.login("admin").status == 200);  // the session went idle meanwhile
    REQUIRE(op.post("/api/jobs/run-due").status == 200);
    bool notified = false;
    const auto notifications = op.get("/api/notifications").json();
    for (const auto& n : notifications["items"])
        notified = notified || n["message"].get<std::string>().find("Quirinal") != std::string::npos;
    CHECK(notified);
    REQUIRE(
        op.post("/api/deliveries/" + delivery_id + "/refund", {{"reason", "Quirinal : mauvais numéro 07 81 92 63 55"}})
            .status == 200);
    REQUIRE(op.get(lead + "/export").status == 200);
    {  // A provider that refused the messages quoting the address (what an SMTP or SMS error says).
        auto db = server.app().pool().acquire();
        db->prepare("UPDATE messages SET error = 'refused: ' || to_addr WHERE lead_id = ?").bind(1, id).run();
        db->prepare("UPDATE jobs SET last_error = 'refused: ' || " + json_field(*db, "payload", "body") +
                    " WHERE lead_id = ?")
            .bind(1, id)
            .run();
    }

    std::vector<std::string> needles = {
        "Anatole",     "Quirinal",         "Anatole.Quirinal@exemple-unique.fr", "a.quirinal@autre-unique.fr",
        "Bartholomew", "code portail 4471"};
    for (const auto& p : phone_forms("07", "81 92 63 54")) needles.push_back(p);
    for (const auto& p : phone_forms("07", "81 92 63 55")) needles.push_back(p);
    // The test can fail: before erasure every one of them is on disk.
    std::vector<std::string> missing;
    const auto before = on_postgres() ? needles : found_on_disk(server.db_path(), needles);
    for (const auto& n : needles)
        if (std::find(before.begin(), before.end(), n) == before.end()) missing.push_back(n);
    INFO("not on disk before erasure: " << nlohmann::json(missing).dump());
    CHECK(missing.empty());

    const auto figures = dashboard_figures(op);
    REQUIRE(op.post(lead + "/erase").status == 204);

    SECTION("nothing in the file or the WAL, the figures unchanged, the records still readable") {
        // The bytes of a SQLite file and its WAL. On PostgreSQL the rows are redacted and vacuumed, but
        // its data files and WAL are not scanned: docs/PRIVACY.md says what stays there and for how long.
        if (!on_postgres()) {
            const auto left = found_on_disk(server.db_path(), needles);
            INFO("still on disk: " << nlohmann::json(left).dump());
            CHECK(left.empty());
        }
        CHECK(dashboard_figures(op) == figures);
        if (!on_postgres()) {  // Freed space is zeroed whatever SQLite's build default is (Debian's is already on).
            auto db = server.app().pool().acquire();
            auto st = db->prepare("PRAGMA secure_delete");
            REQUIRE(st.step());
            CHECK(st.get_int(0) == 1);
        }
        const auto erased = op.get(lead).json();
        CHECK(erased["lastName"] == "[effacé]");
        CHECK(erased["email"].is_null());
        // The kept answer still replays (the write stays applied once), without the person.
        auto replay = keyed(op, "POST", "/api/leads", person, "key-create");
        CHECK(replay.status == 201);
        CHECK(replay.header("idempotent-replayed") == "true");
        CHECK(replay.json()["id"] == id);
        CHECK(replay.json()["lastName"] == "[effacé]");
        // The refund is still on the books with what it was for.
        CHECK(op.get("/api/deliveries/" + delivery_id).json()["refundReason"] == "[effacé] : mauvais numéro [effacé]");
        CHECK(op.get("/api/leads?q=Quirinal").json()["total"] == 0);
    }
    SECTION("and still nothing once the server has closed the file") {
        const auto path = server.db_path();
        server.stop();
        const auto left = on_postgres() ? std::vector<std::string>{} : found_on_disk(path, needles);
        INFO("still on disk: " << nlohmann::json(left).dump());
        CHECK(left.empty());
    }
}

TEST_CASE("Deleting a lead erases it first") {
    TestServer server;
    Client op = server.client();
    REQUIRE(op.login("admin").status == 200);
    auto created = keyed(op, "POST", "/api/leads",
                         {{"firstName", "Eudoxie"},
                          {"lastName", "Vrombaut"},
                          {"phone", "06 47 58 69 70"},
                          {"email", "eudoxie.vrombaut@exemple-unique.fr"}},
                         "key-create");
    REQUIRE(created.status == 201);
    const auto lead = "/api/leads/" + created.json()["id"].dump();
    REQUIRE(op.post(lead + "/notes", {{"text", "Vrombaut préfère le soir, portail bleu turquoise"}}).status == 201);
    REQUIRE(op.request("PATCH", lead, nlohmann::json{{"area", "Croix-Rousse"}}.dump()).status == 200);

    std::vector<std::string> needles = {"Eudoxie", "Vrombaut", "eudoxie.vrombaut@exemple-unique.fr",
                                        "portail bleu turquoise"};
    for (const auto& p : phone_forms("06", "47 58 69 70")) needles.push_back(p);
    REQUIRE(op.request("DELETE", lead).status == 204);
    CHECK(op.get(lead).status == 404);
    const auto left = on_postgres() ? std::vector<std::string>{} : found_on_disk(server.db_path(), needles);
    INFO("still on disk: " << nlohmann::json(left).dump());
    CHECK(left.empty());
    // The audit keeps that a lead was deleted, not who it was.
    CHECK(query_int(server, "SELECT COUNT(*) FROM audit_log WHERE action = 'lead.delete' AND entity_id = " +
                                created.json()["id"].dump()) == 1);
}
