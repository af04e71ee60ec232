#include <catch2/catch.hpp>

#include "crm/domain/json.hpp"
#include "test_support.hpp"

using namespace crm::domain;
using nlohmann::json;

TEST_CASE("Lead JSON round trip") {
    Lead l = crm::domain::testing::sample_lead(7);
    l.created_at = *parse_iso_utc("2026-11-20T09:00:00Z");
    l.updated_at = l.created_at;
    l.next_action_at = l.created_at + 3600;
    l.call_attempt_times = {l.created_at + 60};
    l.first_touch_at = l.created_at + 60;
    l.first_connect_at = l.created_at + 600;
    l.stage = Stage::sent_to_agent;
    l.replied_at = l.created_at + 120;
    const json j = l;
    CHECK(j["firstName"] == "Camille");
    CHECK(j["repliedAt"] == "2026-11-20T09:02:00Z");
    CHECK(j["firstTouchAt"] == "2026-11-20T09:01:00Z");
    CHECK(j["firstConnectAt"] == "2026-11-20T09:10:00Z");
    CHECK(j["stage"] == "sent_to_agent");
    CHECK(j["nextActionAt"] == "2026-11-20T10:00:00Z");
    CHECK(j["assignedAgentId"].is_null());
    const Lead back = j.get<Lead>();
    CHECK(json(back) == j);
}

TEST_CASE("Lead JSON from the wire") {
    const auto j = json::parse(R"({"id": 3, "firstName": "Léa", "phone": "06 11 22 33 44", "intention": "estimate",
                                   "timelineMonths": null, "createdAt": "2026-11-20T09:00:00Z", "status": "nurture"})");
    const Lead l = j.get<Lead>();
    CHECK(l.first_name == "Léa");
    CHECK(l.intention == Intention::estimate);
    CHECK_FALSE(l.timeline_months);
    CHECK(l.status == Status::nurture);
    CHECK_THROWS(json::parse(R"({"intention": "rent"})").get<Lead>());
    CHECK_THROWS(json::parse(R"({"firstName": 12})").get<Lead>());
    CHECK_THROWS(json::parse(R"({"createdAt": "yesterday"})").get<Lead>());
}

TEST_CASE("numbers that do not fit are refused, not cast (json_body_fuzz found 4.2e21)") {
    CHECK_THROWS_AS(json::parse(R"({"priceEstimateCents": 4200000042000084000000})").get<Lead>(), json::exception);
    CHECK_THROWS_AS(json::parse(R"({"priceEstimateCents": 9223372036854775808})").get<Lead>(), json::exception);
    // 2^63 written as a float: it equals the double nearest int64's max, and still does not fit.
    CHECK_THROWS_AS(json::parse(R"({"priceEstimateCents": 9.223372036854775808e18})").get<Lead>(), json::exception);
    CHECK_THROWS_AS(json::parse(R"({"timelineMonths": 2.5})").get<Lead>(), json::exception);
    CHECK_THROWS_AS(json::parse(R"({"timelineMonths": 3000000000})").get<Lead>(), json::exception);
    CHECK_THROWS_AS(json::parse(R"({"queue": {"sourceWeights": {"web": 1e30}}})").get<Settings>(), json::exception);
    // Whole numbers in range are read, whatever their JSON spelling.
    const Lead l = json::parse(R"({"priceEstimateCents": 3.5e7, "timelineMonths": 6})").get<Lead>();
    CHECK(l.price_estimate_cents == 35000000);
    CHECK(l.timeline_months == 6);
    CHECK(json::parse(R"({"priceEstimateCents": -9223372036854775808})").get<Lead>().price_estimate_cents ==
          std::numeric_limits<std::int64_t>::min());
}

TEST_CASE("Settings JSON round trip and partial updates") {
    Settings s;
    s.connect_rate[2][11] = 0.42;
    s.source_weights["salon"] = 7;
    s.connect_rate_min_calls = 8;
    const json j = s;
    CHECK(j["queue"]["connectRateMinCalls"] == 8);
    CHECK(j["queue"]["connectRatePriorCalls"] == 10);
    CHECK(j["pricing"]["baseCents"] == 2000);
    CHECK(j["hotLead"]["minScore"] == 80);
    Settings back;
    from_json(j, back);
    CHECK(json(back) == j);

    Settings partial;
    from_json(json::parse(R"({"pricing": {"baseCents": 2500}, "compliance": {"callingWindowRule": false}})"), partial);
    CHECK(partial.price_base_cents == 2500);
    CHECK_FALSE(partial.calling_window_rule);
    CHECK(partial.price_slot_bonus_cents == 1500);  // untouched
    Settings bad;
    CHECK_THROWS(
        from_json(json::parse(R"({"compliance": {"callWindows": [{"startMinute": 600, "endMinute": 500}]}})"), bad));
    CHECK_THROWS(from_json(json::parse(R"({"queue": {"connectRate": [[0.1]]}})"), bad));
}

TEST_CASE("queue item and window JSON") {
    const Settings s;
    Lead l = crm::domain::testing::sample_lead(9);
    const auto now = *parse_iso_utc("2026-11-21T10:00:00Z");  // Saturday
    l.created_at = now - 60;
    const auto r = rank_queue({l}, now, s);
    const auto j = queue_item_json(r.items[0], l);
    CHECK(j["leadId"] == 9);
    CHECK(j["consentExempt"] == true);
    CHECK(j["reasons"].size() == r.items[0].reasons.size());
    const json w = r.window;
    CHECK(w["open"] == false);
    CHECK(w["nextOpenAt"] == "2026-11-23T09:00:00Z");
}
