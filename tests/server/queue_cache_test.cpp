// GET /api/queue is kept up to date, not ranked again (leads/queue_cache.hpp): after every
// random write through the API, and as the clock moves, it answers exactly what a full
// ranking of the database answers (domain::rank_queue over every candidate, read afresh).
#include <algorithm>
#include <catch2/catch.hpp>
#include <filesystem>
#include <random>

#include "crm/domain/json.hpp"
#include "crm/domain/queue.hpp"
#include "crm/domain/time.hpp"
#include "leads/leads_repo.hpp"
#include "settings/settings_repo.hpp"
#include "support/processes.hpp"
#include "support/test_server.hpp"

using namespace crm;
using namespace crm::testing;

namespace {

void same_as_full_ranking(TestServer& server, Client& op, int limit) {
    const auto served = op.get("/api/queue?limit=" + std::to_string(limit)).json();
    auto db = server.app().pool().acquire();
    const auto now = server.now();
    auto leads = leads::queue_candidates(*db, now);
    std::sort(leads.begin(), leads.end(), [](const auto& a, const auto& b) { return a.id < b.id; });
    const auto full = domain::rank_queue(leads, now, settings::load_settings(*db));
    auto items = nlohmann::json::array();
    for (std::size_t i = 0; i < full.items.size() && static_cast<int>(i) < limit; ++i) {
        auto j = domain::queue_item_json(full.items[i], leads[full.items[i].index]);
        j["lead"] = leads[full.items[i].index];
        items.push_back(std::move(j));
    }
    const std::vector<domain::ExcludedLead> excluded(
        full.excluded.begin(),
        full.excluded.begin() + static_cast<std::ptrdiff_t>(std::min<std::size_t>(full.excluded.size(), limit)));
    REQUIRE(served["total"] == full.items.size());
    REQUIRE(served["excludedTotal"] == full.excluded.size());
    REQUIRE(served["items"].size() == items.size());
    for (std::size_t i = 0; i < items.size(); ++i) {
        INFO("rank " << i);
        REQUIRE(served["items"][i] == items[i]);
    }
    REQUIRE(served["excluded"] == nlohmann::json(excluded));
}

}  // namespace

TEST_CASE("the served queue is a full ranking of the database after every write and every move of the clock") {
    TestServer server;
    Client op = server.client();
    REQUIRE(op.login("admin").status == 200);
    std::mt19937 rng(20261128);
    auto pick = [&](int n) { return std::uniform_int_distribution<int>(0, n - 1)(rng); };
    auto random_lead = [&] {
        auto db = server.app().pool().acquire();
        const auto count = scalar(*db, "SELECT COUNT(*) FROM leads");
        return scalar(*db, "SELECT id FROM leads ORDER BY id LIMIT 1 OFFSET " + std::to_string(pick(int(count))));
    };
    same_as_full_ranking(server, op, 5000);
    int phone = 0;
    for (int step = 0; step < 160; ++step) {
        const auto now = server.now();
        const auto lead = "/api/leads/" + std::to_string(random_lead());
        switch (pick(9)) {
            case 0:
            case 1: {
                static const char* outcomes[] = {"answered",   "no_answer", "voicemail", "not_seller",
                                                 "bad_number", "dnc",       "booked"};
                const std::string outcome = outcomes[pick(7)];
                nlohmann::json body = {{"outcome", outcome}};
                if (outcome == "booked")  // ends within hours: the clock passes its end below
                    body["slot"] = {{"start", domain::format_iso_utc(now + 600)},
                                    {"end", domain::format_iso_utc(now + 600 + 1800 * (1 + pick(6)))}};
                op.post(lead + "/outcome", body);  // 409 for a lead nobody may call: fine too
                break;
            }
            case 2:
                op.post(lead + "/notes", {{"text", "Note " + std::to_string(step)}});
                break;
            case 3: {
                char number[32];
                std::snprintf(number, sizeof number, "06 41 %02d %02d %02d", phone / 10000, phone / 100 % 100,
                              phone % 100);
                ++phone;
                static const char* sources[] = {"website", "manual", "referral", "facebook"};
                REQUIRE(op.post("/api/leads", {{"lastName", "Nouveau " + std::to_string(step)},
                                               {"phone", number},
                                               {"source", sources[pick(4)]},
                                               {"timelineMonths", 1 + pick(18)},
                                               {"consent", pick(2) == 0}})
                            .status == 201);
                break;
            }
            case 4:
                op.request("PATCH", lead,
                           nlohmann::json{{"timelineMonths", 1 + pick(24)}, {"consent", pick(2) == 0}}.dump());
                break;
            case 5:
                op.post(lead + "/tasks",
                        {{"dueAt", domain::format_iso_utc(now + 60 * (pick(600) - 60))}, {"note", "Rappel"}});
                break;
            case 6:
                REQUIRE(op.request("PUT", "/api/settings",
                                   nlohmann::json{{"queue",
                                                   {{"windowBonusMax", pick(30)},
                                                    {"sourceWeights", {{"website", pick(30)}, {"manual", pick(5)}}}}}}
                                       .dump())
                            .status == 200);
                break;
            case 7: {  // minutes, hours or days on; now and then back (the cache starts anew)
                const int kind = pick(10);
                const auto to = kind == 0  ? now - 3600
                                : kind < 5 ? now + 60 * (1 + pick(20))
                                : kind < 8 ? now + 3600 * (1 + pick(6))
                                           : now + 86400 * (1 + pick(3));
                move_clock(op, domain::format_iso_utc(to));
                break;
            }
            default:
                if (pick(3) == 0) op.request("DELETE", lead);
                break;
        }
        INFO("step " << step);
        same_as_full_ranking(server, op, step % 5 == 0 ? 5000 : 10);
    }
}

TEST_CASE("the queue's index is built once the server listens, before any request asks for it", "[sqlite]") {
    const auto dir = make_temp_dir();
    const auto path = dir + "/crm.db";
    ServerProcess server({{"CRM_DB", path},
                          {"CRM_HOST", "127.0.0.1"},
                          {"CRM_PORT", "0"},
                          {"CRM_SEED", "1"},
                          {"CRM_ACCESS_LOG", "0"},
                          {"CRM_SCHEDULER_SECONDS", "0"},
                          {"CRM_TEST_CLOCK", "1"},
                          {"CRM_TEST_NOW", kTestNow}});
    REQUIRE(server.started());
    server.stop();  // waits for the start-up work
    db::Database db(path);
    const auto candidates = leads::queue_candidates(db, *domain::parse_iso_utc(kTestNow)).size();
    REQUIRE(candidates > 0);
    // One line, the count and the time only (no lead's data in the log).
    CHECK(server.err().find("{\"level\":\"info\",\"what\":\"queue_index\",\"leads\":" + std::to_string(candidates) +
                            ",\"ms\":") != std::string::npos);
    std::filesystem::remove_all(dir);
}
