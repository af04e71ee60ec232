#include <catch2/catch.hpp>

#include "crm/domain/pricing.hpp"
#include "crm/domain/routing.hpp"
#include "test_support.hpp"

using namespace crm::domain;

TEST_CASE("delivery price: €20, +€15 with a slot, +50 % when exclusive") {
    const Settings s;
    auto p = delivery_price(false, false, s);
    CHECK(p.total_cents == 2000);
    p = delivery_price(true, false, s);
    CHECK((p.base_cents == 2000 && p.slot_bonus_cents == 1500 && p.total_cents == 3500));
    p = delivery_price(false, true, s);
    CHECK((p.exclusive_bonus_cents == 1000 && p.total_cents == 3000));
    p = delivery_price(true, true, s);
    CHECK((p.exclusive_bonus_cents == 1750 && p.total_cents == 5250));
}

TEST_CASE("euros in French") {
    CHECK(format_euros(3500) == "35,00\u00a0€");
    CHECK(format_euros(42000000, false) == "420\u00a0000\u00a0€");
    CHECK(format_euros(123456789) == "1\u00a0234\u00a0567,89\u00a0€");
    CHECK(format_thousands(100040) == "100\u00a0040");
    CHECK(format_thousands(999) == "999");
    CHECK(format_thousands(-1234567) == "-1\u00a0234\u00a0567");
    CHECK(format_euros(-2000) == "-20,00\u00a0€");
    CHECK(format_euros(5) == "0,05\u00a0€");
}

TEST_CASE("routing: zip first, then city, ranked by performance and load, with reasons") {
    Lead lead = crm::domain::testing::sample_lead();  // Lyon 69003
    AgentProfile alice{1, "Alice", {"Lyon"}, {"69003"}, 10, 9, 0, 25.0, 0};
    AgentProfile paul{2, "Paul", {"Lyon"}, {"69003"}, 10, 5, 3, 300.0, 4};
    AgentProfile zoe{3, "Zoé", {"Lyon"}, {}, 0, 0, 0, std::nullopt, 0};
    AgentProfile ben{4, "Ben", {"Bordeaux"}, {"33000"}, 10, 10, 0, 10.0, 0};
    auto ranked = route_lead(lead, {paul, ben, zoe, alice});
    REQUIRE(ranked.size() == 2);  // zip matches win over city matches
    CHECK(ranked[0].agent_id == 1);
    CHECK(ranked[1].agent_id == 2);
    CHECK(ranked[0].match == "zip");
    CHECK(ranked[0].score > ranked[1].score);
    CHECK(ranked[0].reasons.front() == "couvre le 69003");
    CHECK(std::find(ranked[0].reasons.begin(), ranked[0].reasons.end(), "acceptation 90 %") != ranked[0].reasons.end());

    lead.zip = "69009";  // nobody serves the zip: the city decides
    ranked = route_lead(lead, {paul, ben, zoe, alice});
    REQUIRE(ranked.size() == 3);
    CHECK(ranked[0].match == "city");
    lead.city = "Marseille";
    CHECK(route_lead(lead, {paul, ben, zoe, alice}).empty());
}
