// The Dashboard tab's data and decisions, without GL: the server's answer becomes the figures
// the operator reads, a stale answer never replaces a newer one, numbers are written the French
// way, the heatmap's colours and legal-hours outline, and the agents table's ordering.
#include <catch2/catch.hpp>

#include "app/dashboard_model.hpp"
#include "crm/domain/pricing.hpp"

using namespace crm::console;

namespace {

// The shape of GET /api/dashboard?days=7 (server/dashboard/dashboard.cpp), trimmed to a few rows.
const char* const kAnswer = R"({
  "days": 7,
  "generatedAt": "2026-11-20T09:30:00Z",
  "period": {"from": "2026-11-13T23:00:00Z", "to": "2026-11-20T23:00:00Z"},
  "today": {"date": "2026-11-20", "callsPlaced": 12, "connects": 5, "connectRate": 0.4167, "booked": 2,
            "leadsDelivered": 3, "collectedCents": 123450,
            "collected": {"deliveryCents": 3450, "topupCents": 120000, "refundCents": 0}},
  "funnel": {"created": 40, "contacted": 18, "booked": 6, "delivered": 7, "won": 3,
             "conversion": {"contacted": 0.45, "booked": 0.3333, "delivered": 0.175, "won": 0.4286, "overall": 0.075},
             "conversionOf": {"contacted": "created", "booked": "contacted", "delivered": "created", "won": "delivered"}},
  "roiBySource": [
    {"source": "facebook", "leads": 10, "leadCostCents": 9000, "manualCostCents": 1000, "costCents": 10000,
     "paidCents": 7000, "refundedCents": 2000, "revenueCents": 5000, "roi": -0.5},
    {"source": "referral", "leads": 4, "leadCostCents": 0, "manualCostCents": 0, "costCents": 0,
     "paidCents": 4000, "refundedCents": 0, "revenueCents": 4000, "roi": null}
  ],
  "agents": [
    {"agentId": 2, "username": "ben.leroy", "name": "Ben Leroy", "deliveries": 0, "accepted": 0, "refunded": 0,
     "acceptanceRate": null, "refundRate": null, "firstCalls": 0, "medianFirstCallSeconds": null,
     "ltvCents": 0, "monthCents": 0},
    {"agentId": 1, "username": "alice.martin", "name": "Alice Martin", "deliveries": 8, "accepted": 6, "refunded": 1,
     "acceptanceRate": 0.75, "refundRate": 0.125, "firstCalls": 5, "medianFirstCallSeconds": 5400,
     "ltvCents": 17500, "monthCents": 7000}
  ],
  "heatmapDays": 90,
  "heatmap": [
    {"weekday": 0, "hour": 10, "calls": 8, "connects": 6, "connectRate": 0.75, "legal": true},
    {"weekday": 4, "hour": 18, "calls": 4, "connects": 1, "connectRate": 0.25, "legal": true},
    {"weekday": 5, "hour": 11, "calls": 2, "connects": 2, "connectRate": 1.0, "legal": false},
    {"weekday": 9, "hour": 30, "calls": 99, "connects": 99, "connectRate": 1.0, "legal": true}
  ]
})";

// A heatmap answer with the default legal window (Monday–Friday 10–13 and 14–20) on every cell.
nlohmann::json legal_window_answer() {
    auto j = nlohmann::json::parse(kAnswer);
    j["heatmap"] = nlohmann::json::array();
    for (int w = 0; w < 7; ++w)
        for (int h = 0; h < 24; ++h)
            j["heatmap"].push_back({{"weekday", w},
                                    {"hour", h},
                                    {"calls", 0},
                                    {"connects", 0},
                                    {"connectRate", nullptr},
                                    {"legal", w < 5 && ((h >= 10 && h < 13) || (h >= 14 && h < 20))}});
    return j;
}

float luminance(const Rgba& c) {
    return 0.2126f * c.r + 0.7152f * c.g + 0.0722f * c.b;
}

}  // namespace

TEST_CASE("the dashboard answer becomes the figures the tab shows") {
    const auto d = dashboard_from_json(nlohmann::json::parse(kAnswer));
    CHECK(d.days == 7);

    SECTION("today") {
        CHECK(d.today.calls_placed == 12);
        CHECK(d.today.connects == 5);
        CHECK(d.today.booked == 2);
        CHECK(d.today.leads_delivered == 3);
        CHECK(d.today.collected_cents == 123450);
        CHECK(format_percent(d.today.connect_rate) == "42\u00a0%");
    }
    SECTION("funnel: five steps in order, each with its conversion from the step before") {
        REQUIRE(d.funnel.size() == 5);
        CHECK(d.funnel[0].key == "created");
        CHECK(d.funnel[0].count == 40);
        CHECK_FALSE(d.funnel[0].conversion);
        CHECK(d.funnel[1].label == "Contactés");
        CHECK(format_percent(d.funnel[1].conversion) == "45\u00a0%");
        // Steps are counted on their own: more delivered than booked is possible, and shown so.
        CHECK(conversion_fr(d.funnel[2]) == "33\u00a0% des contactés");
        // Delivered is not a step of booked (leads go out without a slot): a share of the created.
        CHECK(d.funnel[3].key == "delivered");
        CHECK(conversion_fr(d.funnel[3]) == "18\u00a0% des créés");
        CHECK(conversion_fr(d.funnel[0]).empty());
        CHECK(d.funnel[4].count == 3);
    }
    SECTION("ROI by source, with no ROI when nothing was spent") {
        REQUIRE(d.roi_by_source.size() == 2);
        CHECK(d.roi_by_source[0].source == "facebook");
        CHECK(d.roi_by_source[0].cost_cents == 10000);
        CHECK(d.roi_by_source[0].revenue_cents == 5000);
        CHECK(format_percent(d.roi_by_source[0].roi) == "-50\u00a0%");
        CHECK(format_percent(d.roi_by_source[1].roi) == "—");
    }
    SECTION("agents, an agent without deliveries has no rates rather than zeros") {
        REQUIRE(d.agents.size() == 2);
        CHECK(d.agents[0].name == "Ben Leroy");
        CHECK_FALSE(d.agents[0].acceptance_rate);
        CHECK_FALSE(d.agents[0].median_first_call_seconds);
        CHECK(d.agents[1].median_first_call_seconds == 5400);
        CHECK(format_duration(d.agents[1].median_first_call_seconds) == "1 h 30");
        CHECK(format_percent(d.agents[1].refund_rate) == "13\u00a0%");
        CHECK(crm::domain::format_euros(d.agents[1].ltv_cents) == "175,00\u00a0€");
    }
    SECTION("heatmap: 168 cells, the server's cells in place, a cell off the grid ignored") {
        CHECK(d.cell(0, 10).calls == 8);
        CHECK(d.cell(0, 10).legal);
        CHECK(d.cell(5, 11).connect_rate == Approx(1.0));
        CHECK_FALSE(d.cell(5, 11).legal);
        CHECK(d.cell(3, 3).calls == 0);
        CHECK(d.cell(3, 3).weekday == 3);
        CHECK(d.cell(3, 3).hour == 3);
        std::int64_t total = 0;
        for (const auto& c : d.heatmap) total += c.calls;
        CHECK(total == 14);  // not the 99 calls of weekday 9, hour 30
    }
}

TEST_CASE("the tab shows an error, and the newest answer only") {
    DashboardModel m;
    CHECK_FALSE(m.loaded());

    SECTION("an answer that is not a dashboard is an error, not a screen of zeros") {
        const int t = m.request(7);
        CHECK(m.loading());
        CHECK_FALSE(m.set_answer(t, nlohmann::json::parse(R"({"error": {"code": "forbidden"}})")));
        CHECK_FALSE(m.loading());
        CHECK_FALSE(m.loaded());
        CHECK_FALSE(m.error().empty());
    }
    SECTION("a failed refresh keeps the figures already shown, with the error beside them") {
        m.set_answer(m.request(7), nlohmann::json::parse(kAnswer));
        const int t = m.request(7);
        m.set_error(t, "Serveur injoignable (hors ligne ?)");
        CHECK(m.loaded());
        CHECK(m.data()->today.calls_placed == 12);
        CHECK(m.error() == "Serveur injoignable (hors ligne ?)");
    }
    SECTION("switching 7 → 30 days: the 7-day answer arriving late is dropped") {
        const int seven = m.request(7);
        auto thirty_answer = nlohmann::json::parse(kAnswer);
        thirty_answer["days"] = 30;
        thirty_answer["funnel"]["created"] = 120;
        const int thirty = m.request(30);
        CHECK(m.set_answer(thirty, thirty_answer));
        CHECK_FALSE(m.set_answer(seven, nlohmann::json::parse(kAnswer)));
        CHECK(m.days() == 30);
        CHECK(m.data()->funnel[0].count == 120);
        m.set_error(seven, "late failure");  // nor does its error
        CHECK(m.error().empty());
    }
    SECTION("the test hook reports the figures and only the heatmap cells with calls") {
        m.set_answer(m.request(7), nlohmann::json::parse(kAnswer));
        const auto s = m.snapshot();
        CHECK(s["today"]["collectedCents"] == 123450);
        CHECK(s["funnel"][4]["count"] == 3);
        CHECK(s["heatmap"].size() == 3);
        CHECK(s["agents"][0]["acceptanceRate"].is_null());
    }
}

TEST_CASE("French formats: percentages, durations, weekdays, euros") {
    CHECK(format_percent(0.4166) == "42\u00a0%");
    CHECK(format_percent(0.0) == "0\u00a0%");
    CHECK(format_percent(1.0) == "100\u00a0%");
    CHECK(format_percent(std::nullopt) == "—");
    CHECK(format_duration(45) == "45 s");
    CHECK(format_duration(12 * 60 + 59) == "12 min");
    CHECK(format_duration(2 * 3600 + 5 * 60) == "2 h 05");
    CHECK(format_duration(3 * 86400 + 4 * 3600) == "3 j 4 h");
    CHECK(format_duration(std::nullopt) == "—");
    CHECK(std::string(weekday_short_fr(0)) == "lun.");
    CHECK(std::string(weekday_short_fr(6)) == "dim.");
    CHECK(crm::domain::format_euros(123450) == "1\u00a0234,50\u00a0€");
}

TEST_CASE("heatmap cells: colour follows the connect rate, empty cells stay faint") {
    HeatCell empty;
    HeatCell low{0, 10, 4, 0, 0.0, true};
    HeatCell mid{0, 11, 4, 2, 0.5, true};
    HeatCell high{0, 12, 4, 4, 1.0, true};
    CHECK(heat_color(empty).a < 0.5f);
    CHECK(luminance(heat_color(low)) < luminance(heat_color(mid)));
    CHECK(luminance(heat_color(mid)) < luminance(heat_color(high)));
    CHECK(heat_color(high).g > heat_color(high).r);  // green means "they pick up"
    // The call count drawn in a cell stays readable on its colour.
    CHECK(heat_text_dark(heat_color(high)));
    CHECK_FALSE(heat_text_dark(heat_color(low)));
    CHECK_FALSE(heat_text_dark(heat_color(empty)));
}

TEST_CASE("the legal calling hours are outlined as a region, Monday–Friday 10–13 and 14–20") {
    const auto d = dashboard_from_json(legal_window_answer());
    CHECK(legal_edges(d, 0, 10) == (edge_top | edge_left));   // Monday 10 h: the region's corner
    CHECK(legal_edges(d, 0, 11) == edge_top);                 // inside the top row
    CHECK(legal_edges(d, 0, 12) == (edge_top | edge_right));  // the lunch break closes at 13 h
    CHECK(legal_edges(d, 0, 13) == 0u);                       // 13–14 h is not legal
    CHECK(legal_edges(d, 0, 14) == (edge_top | edge_left));
    CHECK(legal_edges(d, 2, 11) == 0u);                          // Wednesday 11 h: surrounded
    CHECK(legal_edges(d, 4, 19) == (edge_bottom | edge_right));  // Friday 19–20 h
    CHECK(legal_edges(d, 5, 11) == 0u);                          // never on Saturday
    CHECK(legal_edges(d, 6, 15) == 0u);
    int legal = 0;
    for (const auto& c : d.heatmap) legal += c.legal ? 1 : 0;
    CHECK(legal == 5 * 9);
}

TEST_CASE("best call windows: enough calls, highest connect rate first") {
    const auto d = dashboard_from_json(nlohmann::json::parse(kAnswer));
    const auto best = best_windows(d, 3, 3);
    REQUIRE(best.size() == 2);  // Saturday 11 h has 2 calls only: not enough to say
    CHECK(best[0].weekday == 0);
    CHECK(best[0].hour == 10);
    CHECK(best[1].weekday == 4);
    CHECK(best_windows(d, 1, 1).size() == 1);
}

TEST_CASE("agents table: sorted by any column, agents without data last either way") {
    std::vector<AgentRow> agents(3);
    agents[0].name = "Chloé";
    agents[0].acceptance_rate = 0.5;
    agents[0].median_first_call_seconds = 7200;
    agents[0].ltv_cents = 4000;
    agents[1].name = "Alice";
    agents[1].acceptance_rate = 0.9;
    agents[1].median_first_call_seconds = 600;
    agents[1].ltv_cents = 9000;
    agents[2].name = "Ben";  // no deliveries yet: no rates, no first call
    using V = std::vector<std::size_t>;
    CHECK(agent_order(agents, AgentColumn::name, false) == V{1, 2, 0});
    CHECK(agent_order(agents, AgentColumn::name, true) == V{0, 2, 1});
    CHECK(agent_order(agents, AgentColumn::acceptance, true) == V{1, 0, 2});
    CHECK(agent_order(agents, AgentColumn::acceptance, false) == V{0, 1, 2});
    CHECK(agent_order(agents, AgentColumn::first_call, false) == V{1, 0, 2});  // fastest first
    CHECK(agent_order(agents, AgentColumn::ltv, true) == V{1, 0, 2});
    CHECK(agent_order(agents, AgentColumn::ltv, false) == V{2, 0, 1});  // 0 € is a value, not a gap
}
