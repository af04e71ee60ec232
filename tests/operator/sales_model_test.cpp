// What the Pipeline and Deliveries tabs and the delivery dialog compute and read: columns in
// board order with the domain library's Hot badge, expected value and Ready-to-Sell, totals
// that follow the filters, and the server's deliveries and routing plan.
#include <catch2/catch.hpp>

#include "app/sales_model.hpp"
#include "crm/domain/scoring.hpp"
#include "test_support.hpp"

using namespace crm;
using namespace crm::console;
using crm::domain::testing::sample_lead;

TEST_CASE("the pipeline board: seven columns, cards where their stage says, totals of expected value") {
    const domain::Settings s;
    auto a = sample_lead(1), b = sample_lead(2), c = sample_lead(3), d = sample_lead(4);
    a.stage = domain::Stage::qualified;
    b.stage = domain::Stage::qualified;
    b.price_estimate_cents = 20000000;
    b.first_name = "Hugo";
    b.city = "Villeurbanne";
    c.stage = domain::Stage::booked;
    d.stage = domain::Stage::refunded_bad;
    d.source = "leboncoin";
    const std::vector<domain::Lead> leads = {a, b, c, d};

    const auto cols = pipeline_columns(leads, s, {});
    REQUIRE(cols.size() == 7);
    CHECK(cols[0].stage == domain::Stage::new_lead);
    CHECK(cols[6].stage == domain::Stage::refunded_bad);
    CHECK(cols[0].cards.empty());
    REQUIRE(cols[2].cards.size() == 2);
    // Highest expected value first; the totals are the domain library's figures summed.
    CHECK(cols[2].cards[0].lead_index == 0);
    CHECK(cols[2].total_ev_cents == domain::expected_value_cents(a, s) + domain::expected_value_cents(b, s));
    CHECK(cols[2].total_ev_cents > 0);
    CHECK(cols[3].cards.size() == 1);
    CHECK(cols[6].cards.size() == 1);

    PipelineFilter by_city;
    by_city.text = "villeur";
    const auto filtered = pipeline_columns(leads, s, by_city);
    REQUIRE(filtered[2].cards.size() == 1);
    CHECK(filtered[2].cards[0].lead_index == 1);
    CHECK(filtered[2].total_ev_cents == domain::expected_value_cents(b, s));
    CHECK(filtered[3].cards.empty());

    PipelineFilter by_source;
    by_source.source = "leboncoin";
    const auto only = pipeline_columns(leads, s, by_source);
    CHECK(only[2].cards.empty());
    CHECK(only[6].cards.size() == 1);
}

TEST_CASE("pipeline cards carry the Hot badge and Ready-to-Sell of the domain library") {
    const domain::Settings s;
    auto hot = sample_lead(1);
    hot.live_touches = 1;  // answered once: ready, and hot with consent, phone, estimate, 2 months
    auto cold = sample_lead(2);
    cold.timeline_months = 12;
    cold.consent = false;
    const auto cols = pipeline_columns({hot, cold}, s, {});
    REQUIRE(cols[0].cards.size() == 2);
    for (const auto& card : cols[0].cards) {
        const auto& l = card.lead_index == 0 ? hot : cold;
        CHECK(card.hot == domain::is_hot_lead(l, domain::hot_score_value(l, s), s));
        CHECK(card.ready == domain::is_ready_to_sell(l));
    }
    CHECK(domain::is_hot_lead(hot, domain::hot_score_value(hot, s), s));
    CHECK_FALSE(domain::is_hot_lead(cold, domain::hot_score_value(cold, s), s));

    PipelineFilter hot_only;
    hot_only.hot_only = true;
    CHECK(pipeline_columns({hot, cold}, s, hot_only)[0].cards.size() == 1);
    PipelineFilter ready_only;
    ready_only.ready_only = true;
    const auto ready = pipeline_columns({hot, cold}, s, ready_only);
    REQUIRE(ready[0].cards.size() == 1);
    CHECK(ready[0].cards[0].lead_index == 0);
}

TEST_CASE("deliveries and the routing plan as the server sends them") {
    const auto list = nlohmann::json::parse(R"({"items":[
      {"id":7,"leadId":3,"agentId":1,"agentName":"Alice Martin","status":"accepted","channel":"email",
       "priceCents":3500,"exclusive":false,"paymentMethod":"credits","paymentUrl":null,
       "paidAt":"2026-11-20T09:30:00Z","sentAt":"2026-11-19T08:00:00Z","openedAt":null,
       "acceptedAt":"2026-11-20T09:30:00Z","refundedAt":null,"refundReason":null,
       "lead":{"id":3,"firstName":"Léa","lastName":"Roux","city":"Lyon"}},
      {"id":6,"leadId":2,"agentId":2,"status":"refunded","priceCents":2000,"refundReason":"faux numéro"}]})");
    const auto rows = deliveries_from_json(list);
    REQUIRE(rows.size() == 2);
    CHECK(delivery_lead_name(rows[0]) == "Léa Roux");
    CHECK(rows[0].agent_name == "Alice Martin");
    CHECK(rows[0].price_cents == 3500);
    CHECK(rows[0].paid_at.has_value());
    CHECK_FALSE(rows[0].opened_at.has_value());
    CHECK(rows[1].refund_reason == "faux numéro");
    CHECK(std::string(delivery_status_fr(rows[1].status)) == "Remboursé");
    CHECK(deliveries_from_json(nlohmann::json::parse("{}")).empty());

    SalesModel m;
    m.deliveries = rows;
    auto moved = rows[1];
    moved.status = domain::DeliveryStatus::sent;
    m.upsert_delivery(moved);
    CHECK(m.deliveries.size() == 2);
    CHECK(m.deliveries[1].status == domain::DeliveryStatus::sent);
    domain::Delivery fresh;
    fresh.id = 8;
    m.upsert_delivery(fresh);
    CHECK(m.deliveries.front().id == 8);

    const auto plan = route_plan_from_json(nlohmann::json::parse(R"({"leadId":3,
      "readyToSell":{"ready":false,"criteria":[{"label":"Consentement","met":false,"required":true},
                                                {"label":"Créneau réservé","met":true,"required":false}]},
      "price":{"baseCents":2000,"slotBonusCents":1500,"exclusiveBonusCents":0,"totalCents":3500},
      "exclusivePrice":{"baseCents":2000,"slotBonusCents":1500,"exclusiveBonusCents":1750,"totalCents":5250},
      "candidates":[{"agentId":1,"name":"Alice Martin","match":"zip","score":0.9,"reasons":["Couvre 69003"]}]})"));
    REQUIRE(plan);
    CHECK_FALSE(plan->ready);
    REQUIRE(plan->criteria.size() == 2);
    CHECK_FALSE(plan->criteria[1].required);
    CHECK(plan->price.total_cents == 3500);
    CHECK(plan->exclusive_price.exclusive_bonus_cents == 1750);
    REQUIRE(plan->candidates.size() == 1);
    CHECK(plan->candidates[0].reasons[0] == "Couvre 69003");
    CHECK_FALSE(route_plan_from_json(nlohmann::json::parse(R"({"error":{}})")));
}
