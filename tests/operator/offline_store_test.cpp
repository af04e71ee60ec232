// The console's copy on the device and its outbox, natively: sync answers applied whole or not
// at all, deletions, changes made offline surviving a full sync, the JSON kept in IndexedDB
// written by changed record and read back identically, the rules' state actions, and which failed replays are retried.
#include <catch2/catch.hpp>

#include "app/offline_store.hpp"
#include "app/outbox.hpp"
#include "crm/domain/json.hpp"
#include "test_support.hpp"

using namespace crm;
using namespace crm::console;
using crm::domain::testing::sample_lead;

namespace {
nlohmann::json lead_json(std::int64_t id, const std::string& first_name) {
    auto l = sample_lead(id);
    l.first_name = first_name;
    return nlohmann::json(l);
}

nlohmann::json answer(std::int64_t cursor, bool full, nlohmann::json leads, nlohmann::json deleted_leads = {}) {
    return {{"cursor", cursor},
            {"full", full},
            {"more", false},
            {"leads", std::move(leads)},
            {"interactions", nlohmann::json::array({{{"id", 7}, {"leadId", 1}, {"summary", "Pas de réponse"}}})},
            {"tasks", nlohmann::json::array()},
            {"settings", nlohmann::json(domain::Settings{})},
            {"deleted", {{"leads", deleted_leads.is_null() ? nlohmann::json::array() : deleted_leads}}}};
}

std::vector<std::int64_t> ids(const OfflineStore& s) {
    std::vector<std::int64_t> out;
    for (const auto& l : s.leads()) out.push_back(l.id);
    return out;
}
}  // namespace

TEST_CASE("sync answers: a full one replaces, an incremental one upserts and deletes") {
    OfflineStore s;
    REQUIRE(s.apply_sync(answer(10, true, {lead_json(1, "Ana"), lead_json(2, "Bea"), lead_json(3, "Cy")}), 1000));
    CHECK(ids(s) == std::vector<std::int64_t>{1, 2, 3});
    CHECK(s.cursor() == 10);
    CHECK(s.last_sync() == 1000);
    REQUIRE(s.settings());

    REQUIRE(s.apply_sync(answer(12, false, {lead_json(2, "Béatrice"), lead_json(4, "Dan")}, {3}), 2000));
    CHECK(ids(s) == std::vector<std::int64_t>{1, 2, 4});
    CHECK(s.leads()[1].first_name == "Béatrice");
    CHECK(s.cursor() == 12);

    REQUIRE(s.apply_sync(answer(20, true, {lead_json(4, "Dan")}), 3000));
    CHECK(ids(s) == std::vector<std::int64_t>{4});
}

TEST_CASE("an unreadable sync answer changes nothing on the device") {
    OfflineStore s;
    REQUIRE(s.apply_sync(answer(10, true, {lead_json(1, "Ana")}), 1000));
    auto bad_lead = answer(11, false, {lead_json(2, "Bea"), {{"id", 3}, {"firstName", 42}}});
    CHECK_FALSE(s.apply_sync(bad_lead, 2000));
    CHECK_FALSE(s.apply_sync({{"leads", nlohmann::json::array()}}, 2000));  // no cursor
    CHECK_FALSE(s.apply_sync(nlohmann::json::array(), 2000));
    CHECK(ids(s) == std::vector<std::int64_t>{1});
    CHECK(s.cursor() == 10);
}

TEST_CASE("the server's text, read in one pass, is applied as its tree is") {
    // What the console does with GET /api/sync (apply_sync_text), against the tree path.
    const std::vector<nlohmann::json> answers = {
        answer(10, true, {lead_json(1, "Ana"), lead_json(2, "Bea"), lead_json(3, "Cy")}),
        answer(12, false, {lead_json(2, "Béatrice"), lead_json(4, "Dan")}, {3})};
    OfflineStore by_tree, by_text;
    for (const auto& a : answers) {
        REQUIRE(by_tree.apply_sync(a, 1000));
        REQUIRE(by_text.apply_sync_text(domain::json_text(a), 1000));
        CHECK(nlohmann::json(by_text.leads()) == nlohmann::json(by_tree.leads()));
        CHECK(by_text.cursor() == by_tree.cursor());
        CHECK(by_text.last_page().upserted == by_tree.last_page().upserted);
        CHECK(by_text.last_page().removed == by_tree.last_page().removed);
        CHECK(by_text.last_page().full == by_tree.last_page().full);
        CHECK(by_text.interactions_of(1).size() == by_tree.interactions_of(1).size());
    }
    auto more = answers[1];
    more["more"] = true;
    more["cursor"] = 13;
    REQUIRE(by_text.apply_sync_text(domain::json_text(more), 2000));
    CHECK(by_text.last_page().more);

    // Refused whole, as the tree is: a lead that does not read, no leads array, no JSON.
    auto bad_lead = answer(14, false, {lead_json(5, "Eve"), {{"id", 6}, {"firstName", 42}}});
    CHECK_FALSE(by_text.apply_sync_text(domain::json_text(bad_lead), 3000));
    CHECK_FALSE(by_text.apply_sync_text(R"({"cursor": 14, "leads": {"id": 5}})", 3000));
    CHECK_FALSE(by_text.apply_sync_text(R"({"cursor": 14, "leads": [)", 3000));
    CHECK(by_text.cursor() == 13);
    // Flags of another type read as false (value() would have thrown out of the callback).
    REQUIRE(by_text.apply_sync_text(
        R"({"cursor": 14, "more": "oui", "full": 1, "leads": [], "interactions": [], "tasks": []})", 3000));
    CHECK_FALSE(by_text.last_page().more);
    CHECK_FALSE(by_text.last_page().full);
    CHECK(by_text.cursor() == 14);
    CHECK(ids(by_text) == std::vector<std::int64_t>{1, 2, 4});
}

TEST_CASE("interactions recorded offline stay until the outbox is empty") {
    OfflineStore s;
    REQUIRE(s.apply_sync(answer(10, true, {lead_json(1, "Ana")}), 1000));
    s.add_interaction({{"leadId", 1}, {"summary", "Note hors ligne"}, {"timestamp", "2026-11-20T10:00:00Z"}});
    REQUIRE(s.apply_sync(answer(11, true, {lead_json(1, "Ana")}), 2000));
    const auto before = s.interactions_of(1);
    REQUIRE(before.size() == 2);
    CHECK(before[0].value("summary", "") == "Note hors ligne");  // newest first
    s.drop_local_interactions();
    REQUIRE(s.interactions_of(1).size() == 1);
    CHECK(s.interactions_of(1)[0].value("id", 0) == 7);
}

// IndexedDB as device_storage.cpp's JavaScript uses it: a write clears, puts and deletes
// records by id and replaces the meta when it carries one; reading back hands the records, then
// the meta.
struct FakeDevice {
    std::map<std::string, std::map<std::int64_t, nlohmann::json>> stores;
    nlohmann::json meta;
    int writes = 0;

    void apply(const DeviceWrite& write) {
        const auto w = nlohmann::json::parse(write.text);
        ++writes;
        for (const char* kind : {"leads", "interactions", "tasks"}) {
            auto& store = stores[kind];
            if (w["clear"].get<bool>()) store.clear();
            for (const auto& record : w[kind]) store[record["id"].get<std::int64_t>()] = record;
            for (const auto& id : w["deleted"][kind]) store.erase(id.get<std::int64_t>());
        }
        if (!w["meta"].is_null()) meta = w["meta"];
    }
    // Writes everything the store has marked, `per_write` records at a time.
    void save(OfflineStore& s, std::size_t per_write) {
        while (s.device_write_pending()) apply(s.take_device_write(per_write));
    }
    std::optional<OfflineStore> read() const {
        OfflineStore back;
        for (const auto& [kind, store] : stores) {
            auto records = nlohmann::json::array();
            for (const auto& [id, r] : store) records.push_back(r);
            // As the console reads them: leads from their text, the others as trees.
            std::vector<domain::Lead> loaded;
            const bool ok = kind == "leads" ? back.load_device_leads(records.dump(), loaded)
                                            : back.load_device_records(kind, records);
            if (ok && kind == "leads") REQUIRE(loaded.size() == records.size());
            if (!ok) return std::nullopt;
        }
        if (!back.load_device_meta(meta)) return std::nullopt;
        return back;
    }
};

std::vector<std::string> lead_texts(const OfflineStore& s) {
    std::vector<std::string> out;
    for (const auto& l : s.leads()) out.push_back(nlohmann::json(l).dump());
    return out;
}

TEST_CASE("the device copy is written by changed record, reads back identically, and a damaged one is refused") {
    OfflineStore s;
    FakeDevice device;
    std::vector<nlohmann::json> five;
    for (std::int64_t id = 1; id <= 5; ++id) five.push_back(lead_json(id, "Lead " + std::to_string(id)));
    REQUIRE(s.apply_sync(answer(10, true, five), 1000));
    s.set_rules(
        nlohmann::json::array({{{"trigger", "outcome:no_answer"}, {"action", "create_task:2d"}, {"enabled", true}}}));
    s.add_interaction({{"leadId", 2}, {"summary", "x"}, {"timestamp", "2026-11-20T10:00:00Z"}});
    // 5 leads and 2 interactions, 2 records a write: the first write clears the stores and
    // says "cursor 0" (a page closed half-way syncs from the start), the last one the cursor.
    REQUIRE(s.device_write_pending());
    device.apply(s.take_device_write(2));
    CHECK(device.meta["cursor"] == 0);
    device.save(s, 2);
    CHECK(device.writes == 4);
    CHECK(device.meta["cursor"] == 10);
    auto back = device.read();
    REQUIRE(back);
    CHECK(lead_texts(*back) == lead_texts(s));
    CHECK(back->cursor() == 10);
    CHECK(back->rules() == s.rules());
    CHECK(back->interactions_of(1).size() == 1);  // the server's
    CHECK(back->interactions_of(2).size() == 1);  // recorded offline
    CHECK(back->state_actions("outcome:no_answer").size() == s.state_actions("outcome:no_answer").size());

    // A minute later: one lead changed, one deleted: only those two records are written.
    REQUIRE(s.apply_sync(answer(12, false, {lead_json(2, "Béatrice")}, {3}), 2000));
    const auto write = s.take_device_write(100);
    CHECK(write.complete);
    const auto w = nlohmann::json::parse(write.text);
    CHECK_FALSE(w["clear"].get<bool>());
    CHECK(w["leads"].size() == 1);
    CHECK(w["deleted"]["leads"] == nlohmann::json::array({3}));
    CHECK(w["interactions"].size() == 1);  // the page's interaction 7, sent again
    device.apply(write);
    CHECK_FALSE(s.device_write_pending());
    back = device.read();
    REQUIRE(back);
    CHECK(lead_texts(*back) == lead_texts(s));
    CHECK(back->cursor() == 12);

    // A write the browser refused: everything is written again, from a clear.
    s.device_write_failed();
    const auto again = nlohmann::json::parse(s.take_device_write(100).text);
    CHECK(again["clear"].get<bool>());
    CHECK(again["leads"].size() == 4);

    auto damaged = device;
    damaged.stores["leads"][1]["stage"] = "nowhere";
    CHECK_FALSE(damaged.read());
    auto no_id = device;
    no_id.stores["leads"][1].erase("id");
    CHECK_FALSE(no_id.read());
    auto old_version = device;
    old_version.meta["version"] = 1;
    CHECK_FALSE(old_version.read());
}

TEST_CASE("only the enabled rules' state actions apply offline, in rule order") {
    OfflineStore s;
    s.set_rules(nlohmann::json::array(
        {{{"trigger", "outcome:no_answer"},
          {"action", "send_sms:templateA,create_task:2d,set_status:follow_up"},
          {"enabled", true}},
         {{"trigger", "outcome:no_answer"}, {"action", "set_stage:contacted"}, {"enabled", false}},
         {{"trigger", "outcome:voicemail"}, {"action", "create_task:1d"}, {"enabled", true}}}));
    const auto actions = s.state_actions("outcome:no_answer");
    REQUIRE(actions.size() == 2);
    CHECK(actions[0].kind == domain::ActionKind::create_task);
    CHECK(actions[0].days == 2);
    CHECK(actions[1].kind == domain::ActionKind::set_status);
    CHECK(s.state_actions("outcome:answered").empty());
}

TEST_CASE("the outbox keeps its order and its ops through the device copy") {
    Outbox box;
    const unsigned char r1[16] = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 255};
    PendingOp a;
    a.id = make_op_id(r1);
    a.path = "/api/leads/1/outcome";
    a.body = {{"outcome", "no_answer"}};
    a.lead_id = 1;
    a.label = "Pas de réponse";
    a.expected = sample_lead(1);
    PendingOp b;
    b.id = "op-2";
    b.path = "/api/leads/2/notes";
    b.body = {{"text", "Rappeler jeudi"}};
    box.push(a);
    box.push(b);
    CHECK(a.id == "op-000102030405060708090a0b0c0d0eff");
    const auto back = Outbox::from_json(nlohmann::json::parse(box.to_json().dump()));
    REQUIRE(back);
    REQUIRE(back->size() == 2);
    CHECK(back->front()->id == a.id);
    CHECK(back->front()->expected->id == 1);
    CHECK_FALSE(back->ops()[1].expected);
    CHECK(back->ops()[1].body["text"] == "Rappeler jeudi");
    CHECK_FALSE(Outbox::from_json(nlohmann::json::array({{{"path", "/x"}}})));  // no id
}

TEST_CASE("a failed replay is retried only when it may still succeed") {
    CHECK(replay_verdict(200) == ReplayVerdict::done);
    CHECK(replay_verdict(201) == ReplayVerdict::done);
    for (int status : {0, 401, 429, 500, 503}) CHECK(replay_verdict(status) == ReplayVerdict::retry_later);
    for (int status : {400, 404, 409, 422}) CHECK(replay_verdict(status) == ReplayVerdict::refused);
}

TEST_CASE("follow-ups on the device: the server's answers, an outcome, done and snooze made offline") {
    OfflineStore s;
    auto a = answer(10, true, {lead_json(1, "Ana"), lead_json(2, "Bea")});
    a["tasks"] = {{{"id", 5}, {"leadId", 1}, {"dueAt", "2026-11-20T13:00:00Z"}, {"note", "14 h"}, {"doneAt", nullptr}},
                  {{"id", 6}, {"leadId", 1}, {"dueAt", "2026-11-23T09:00:00Z"}, {"note", "Lundi"}, {"doneAt", nullptr}},
                  {{"id", 7}, {"leadId", 2}, {"dueAt", "2026-11-21T09:00:00Z"}, {"note", ""}, {"doneAt", nullptr}}};
    REQUIRE(s.apply_sync(a, 1000));
    const auto open_of = [&](std::int64_t lead) {
        std::vector<std::int64_t> out;
        for (const auto& f : s.follow_ups())
            if (f.lead_id == lead && !f.done) out.push_back(f.id);
        return out;
    };
    CHECK(open_of(1) == std::vector<std::int64_t>{5, 6});
    // An outcome on lead 1: its open follow-ups are done, lead 2's stay.
    const auto friday = *domain::parse_iso_utc("2026-11-20T09:30:00Z");
    s.complete_tasks_of(1, friday);
    CHECK(open_of(1).empty());
    CHECK(open_of(2) == std::vector<std::int64_t>{7});
    // Snoozed then done offline, then the server's answer (with its lead, not kept with the task).
    s.change_task(7, friday + 86400 * 3, std::nullopt);
    CHECK(earliest_open_follow_up(s.follow_ups(), 2) == friday + 86400 * 3);
    s.change_task(7, std::nullopt, friday);
    CHECK(open_of(2).empty());
    s.put_task({{"id", 8},
                {"leadId", 2},
                {"dueAt", "2026-11-24T09:00:00Z"},
                {"note", "J+2"},
                {"doneAt", nullptr},
                {"lead", lead_json(2, "Bea")}});
    CHECK(open_of(2) == std::vector<std::int64_t>{8});
    FakeDevice device;
    device.save(s, 1000);
    CHECK_FALSE(device.stores["tasks"][8].contains("lead"));
    s.put_task({{"id", "x"}});  // not a task: ignored
    CHECK(s.follow_ups().size() == 4);
    // Kept across a reload of the device's copy.
    device.save(s, 1000);
    const auto back = device.read();
    REQUIRE(back);
    CHECK(back->follow_ups().size() == 4);
}

TEST_CASE("a sync answer says whether it changed anything: an empty page does not") {
    OfflineStore s;
    REQUIRE(s.apply_sync(answer(10, true, {lead_json(1, "Ana"), lead_json(2, "Bea")}), 1000));
    CHECK(s.last_sync_changed());  // a full answer always does
    const nlohmann::json empty = {{"cursor", 10},
                                  {"full", false},
                                  {"leads", nlohmann::json::array()},
                                  {"settings", nlohmann::json(domain::Settings{})},
                                  {"deleted", {{"leads", nlohmann::json::array({99})}}}};
    REQUIRE(s.apply_sync(empty, 2000));
    CHECK_FALSE(s.last_sync_changed());  // same settings, a lead it never had
    auto new_settings = empty;
    new_settings["settings"]["queue"]["windowBonusMax"] = 3;
    REQUIRE(s.apply_sync(new_settings, 3000));
    CHECK(s.last_sync_changed());
    CHECK(s.last_page().settings_changed);  // the console ranks every lead again
    auto deletion = new_settings;           // the settings as they now are
    deletion["deleted"]["leads"] = {2};
    REQUIRE(s.apply_sync(deletion, 4000));
    CHECK(s.last_sync_changed());
    CHECK_FALSE(s.last_page().settings_changed);  // only lead 2 leaves
    CHECK(s.last_page().removed == std::vector<std::int64_t>{2});
    REQUIRE(s.apply_sync(answer(11, false, {lead_json(1, "Anaïs")}), 5000));
    CHECK(s.last_sync_changed());
}
