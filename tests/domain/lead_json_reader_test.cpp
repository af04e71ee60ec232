#include <catch2/catch.hpp>
#include <random>

#include "crm/domain/json.hpp"
#include "crm/domain/lead_json_reader.hpp"
#include "test_support.hpp"

using namespace crm::domain;
using nlohmann::json;

namespace {

// A value of any JSON type, for a key that expects one type in particular.
json random_value(std::mt19937& rng) {
    switch (rng() % 14) {
        case 0:
            return nullptr;
        case 1:
            return rng() % 2 == 0;
        case 2:
            return static_cast<std::int64_t>(rng() % 2000) - 1000;
        case 3:
            return std::numeric_limits<std::uint64_t>::max() - rng() % 3;
        case 4:
            return 3.0;
        case 5:
            return 2.5;
        case 6:
            return 1e30;
        case 7:
            return "2026-11-20T09:00:00Z";
        case 8:
            return "pas une date";
        case 9:
            return "sell";
        case 10:
            return "Lefèvre";
        case 11:
            return json::array({"2026-11-20T09:00:00Z", "2026-11-21T10:00:00Z"});
        case 12:
            return json::array({"2026-11-20T09:00:00Z", 4});
        default:
            return json{{"nested", json::array({1, 2})}};
    }
}

// A well-formed lead, then some keys given values of a random type, some removed, some added.
json random_lead(std::mt19937& rng) {
    Lead l = testing::sample_lead(static_cast<int>(rng() % 100));
    l.created_at = 1764000000 + rng() % 1000000;
    l.updated_at = l.created_at;
    if (rng() % 2) l.call_attempt_times = {l.created_at + 60, l.created_at + 600};
    if (rng() % 2) l.first_touch_at = l.created_at + 60;
    json j = l;
    const auto broken = rng() % 4;  // a quarter stay exactly as the server writes them
    std::vector<std::string> keys;
    for (const auto& [k, v] : j.items()) keys.push_back(k);
    for (unsigned n = 0; n < broken; ++n) {
        const auto& k = keys[rng() % keys.size()];
        switch (rng() % 3) {
            case 0:
                j[k] = random_value(rng);
                break;
            case 1:
                j.erase(k);
                break;
            default:
                j["unknown" + std::to_string(rng() % 3)] = random_value(rng);
                break;
        }
    }
    return j;
}

}  // namespace

TEST_CASE("leads read in one pass are the leads from_json reads, refusals included") {
    std::mt19937 rng(29112026);
    int refused = 0, read = 0;
    for (int i = 0; i < 3000; ++i) {
        const json lead = rng() % 50 == 0 ? random_value(rng) : random_lead(rng);  // now and then not an object
        const json page = {{"cursor", i}, {"leads", json::array({lead})}, {"more", false}, {"tasks", json::array()}};
        const auto text = page.dump();
        INFO(text);
        std::optional<Lead> expected;
        try {
            expected = lead.get<Lead>();
        } catch (const json::exception&) {
        }
        const auto doc = read_document_with_leads(text);
        REQUIRE(doc.has_value() == expected.has_value());
        if (!expected) {
            ++refused;
            continue;
        }
        ++read;
        REQUIRE(doc->has_leads);
        REQUIRE(doc->leads.size() == 1);
        CHECK(json(doc->leads[0]) == json(*expected));
        CHECK(doc->rest == json{{"cursor", i}, {"more", false}, {"tasks", json::array()}});
    }
    // Both paths were exercised.
    CHECK(refused > 300);
    CHECK(read > 1000);
}

TEST_CASE("a page keeps its other keys as a tree, and says when it has no leads array") {
    const auto a = testing::sample_lead(1), b = testing::sample_lead(2);
    const json page = {{"cursor", 12},
                       {"deleted", {{"leads", {3, 4}}}},
                       {"leads", {a, b}},
                       {"settings", {{"leads", json::array()}}}};  // a nested "leads" stays in the tree
    auto doc = read_document_with_leads(page.dump());
    REQUIRE(doc);
    REQUIRE(doc->has_leads);
    REQUIRE(doc->leads.size() == 2);
    CHECK(doc->leads[1].id == b.id);
    CHECK(doc->rest["deleted"]["leads"] == json({3, 4}));
    CHECK(doc->rest["settings"]["leads"] == json::array());
    CHECK_FALSE(doc->rest.contains("leads"));

    doc = read_document_with_leads(R"({"cursor": 1, "leads": {"id": 3}})");
    REQUIRE(doc);
    CHECK_FALSE(doc->has_leads);
    CHECK(doc->rest["leads"]["id"] == 3);

    // Numbers that do not fit are refused as from_json refuses them (whole_number.hpp).
    CHECK_FALSE(read_document_with_leads(R"({"leads": [{"priceEstimateCents": 9.223372036854775808e18}]})"));
    CHECK_FALSE(read_document_with_leads(R"({"leads": [{"timelineMonths": 3000000000}]})"));
    CHECK(read_document_with_leads(R"({"leads": [{"priceEstimateCents": 3.5e7}]})")->leads[0].price_estimate_cents ==
          35000000);
    CHECK_FALSE(read_document_with_leads(R"({"cursor": 1, "leads": [)"));
    CHECK_FALSE(read_document_with_leads("not json"));
}
