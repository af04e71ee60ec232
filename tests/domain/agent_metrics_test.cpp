#include <catch2/catch.hpp>

#include "crm/domain/agent_metrics.hpp"
#include "crm/domain/json.hpp"

using namespace crm::domain;
using nlohmann::json;

TEST_CASE("Agent rates are over deliveries, 4 decimals, none without deliveries") {
    AgentMetrics m{3, 3, 1, {}};
    CHECK(m.acceptance_rate() == 1.0);
    CHECK(m.refund_rate() == 0.3333);
    CHECK_FALSE(AgentMetrics{}.acceptance_rate());
    CHECK_FALSE(AgentMetrics{}.refund_rate());
    CHECK(rate_of(0, 4) == 0.0);
}

TEST_CASE("Median time to first call in seconds") {
    AgentMetrics m;
    CHECK_FALSE(m.median_first_call_seconds());
    m.first_call_delays_seconds = {600, 60, 300};
    CHECK(m.median_first_call_seconds() == 300);
    m.first_call_delays_seconds.push_back(901);
    CHECK(m.median_first_call_seconds() == 450);  // (300 + 600) / 2
    CHECK(m.first_calls() == 4);
    const json j = m;
    CHECK(j["medianFirstCallSeconds"] == 450);
    CHECK(j["firstCalls"] == 4);
    CHECK(json(AgentMetrics{})["refundRate"].is_null());
}
