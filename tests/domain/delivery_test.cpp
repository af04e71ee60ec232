#include <catch2/catch.hpp>

#include "crm/domain/delivery.hpp"
#include "crm/domain/json.hpp"

using namespace crm::domain;
using nlohmann::json;

namespace {

// A delivery as the server writes it (server/db/deliveries_repo.cpp, docs/openapi.yaml).
const char* const kWireDelivery = R"({
  "id": 12, "leadId": 3, "agentId": 7, "status": "accepted", "channel": "email", "priceCents": 3500,
  "pricing": {"baseCents": 2000, "slotBonusCents": 1500, "exclusiveBonusCents": 0, "totalCents": 3500},
  "exclusive": false, "paymentMethod": "stripe", "paymentUrl": null,
  "paidAt": "2026-11-20T10:00:00Z", "sentAt": "2026-11-20T09:00:00Z", "openedAt": null,
  "acceptedAt": "2026-11-20T09:30:00Z", "refundedAt": null, "refundReason": null, "refundRequestedAt": null,
  "createdAt": "2026-11-20T09:00:00Z", "firstCallAt": null, "agentName": "Agence Bellecour",
  "revokedAt": null, "shareExpiresAt": "2026-12-04T09:00:00Z", "fullContact": false, "contactRevealed": true,
  "lead": {"id": 3, "firstName": "Camille", "lastName": "Durand", "city": "Lyon", "zip": "69003",
           "intention": "sell", "timelineMonths": 2, "priceEstimateCents": null}})";

}  // namespace

TEST_CASE("Delivery status names are the stored text") {
    for (auto s : {DeliveryStatus::sent, DeliveryStatus::opened, DeliveryStatus::accepted, DeliveryStatus::refunded})
        CHECK(parse_delivery_status(to_string(s)) == s);
    CHECK(std::string(to_string(DeliveryStatus::opened)) == "opened");
    CHECK_FALSE(parse_delivery_status("sold"));
    CHECK_FALSE(parse_delivery_status(""));
}

TEST_CASE("Delivery status moves one way") {
    using S = DeliveryStatus;
    CHECK(delivery_transition_allowed(S::sent, S::opened));
    CHECK(delivery_transition_allowed(S::sent, S::accepted));
    CHECK(delivery_transition_allowed(S::opened, S::accepted));
    CHECK(delivery_transition_allowed(S::sent, S::refunded));
    CHECK(delivery_transition_allowed(S::opened, S::refunded));
    CHECK(delivery_transition_allowed(S::accepted, S::refunded));
    // Refused: back to an earlier status, out of refunded, the same status again.
    CHECK_FALSE(delivery_transition_allowed(S::opened, S::sent));
    CHECK_FALSE(delivery_transition_allowed(S::accepted, S::opened));
    CHECK_FALSE(delivery_transition_allowed(S::refunded, S::accepted));
    CHECK_FALSE(delivery_transition_allowed(S::refunded, S::refunded));
    CHECK_FALSE(delivery_transition_allowed(S::accepted, S::accepted));
}

TEST_CASE("A delivery sells its lead once accepted and paid") {
    using S = DeliveryStatus;
    CHECK(delivery_sells_lead(S::accepted, true));
    CHECK_FALSE(delivery_sells_lead(S::accepted, false));  // a card delivery waiting for Stripe
    CHECK_FALSE(delivery_sells_lead(S::opened, true));     // paid by card, not accepted yet
    CHECK_FALSE(delivery_sells_lead(S::sent, true));
    CHECK_FALSE(delivery_sells_lead(S::refunded, true));
    Delivery d;
    d.status = S::accepted;
    CHECK_FALSE(d.sells_lead());
    d.paid_at = 1;
    CHECK(d.sells_lead());
}

TEST_CASE("Delivery JSON round trip is the server's wire form") {
    const auto wire = json::parse(kWireDelivery);
    const auto d = wire.get<Delivery>();
    CHECK(d.id == 12);
    CHECK(d.status == DeliveryStatus::accepted);
    CHECK(d.payment_method == "stripe");
    CHECK_FALSE(d.payment_url);
    CHECK(d.paid_at == *parse_iso_utc("2026-11-20T10:00:00Z"));
    CHECK_FALSE(d.opened_at);
    CHECK(d.lead.last_name == "Durand");
    CHECK(d.lead.timeline_months == 2);
    CHECK_FALSE(d.lead.price_estimate_cents);
    CHECK(d.contact_revealed());
    CHECK(json(d) == wire);  // every key, null where unset, the same values
    CHECK(json(d).dump() == wire.dump());
}

TEST_CASE("Delivery JSON: contactRevealed is written from the rule, a bad status throws") {
    auto wire = json::parse(kWireDelivery);
    wire["paidAt"] = nullptr;
    wire["contactRevealed"] = true;  // what a client says is not read back
    const auto d = wire.get<Delivery>();
    CHECK_FALSE(d.contact_revealed());
    CHECK(json(d)["contactRevealed"] == false);
    CHECK(d.awaiting_payment_link());
    CHECK_THROWS(json::parse(R"({"status": "sold"})").get<Delivery>());
    CHECK_THROWS(json::parse(R"({"priceCents": "35"})").get<Delivery>());
    CHECK_THROWS(json::parse(R"({"paidAt": "yesterday"})").get<Delivery>());
    const auto minimal = json::parse(R"({"id": 4})").get<Delivery>();
    CHECK(minimal.pricing_json == "{}");
    CHECK(json(minimal)["pricing"] == json::object());
}

TEST_CASE("RouteCandidate and DeliveryPrice JSON round trips") {
    RouteCandidate c{7, "Agence Bellecour", "zip", 81.5, {"sert le 69003", "acceptation 90 %"}};
    const json j = c;
    CHECK(j == json::parse(R"({"agentId": 7, "name": "Agence Bellecour", "match": "zip", "score": 81.5,
                               "reasons": ["sert le 69003", "acceptation 90 %"]})"));
    const auto back = j.get<RouteCandidate>();
    CHECK(json(back) == j);
    DeliveryPrice p{2000, 1500, 1750, 5250};
    CHECK(json(json(p).get<DeliveryPrice>()) == json(p));
    CHECK_THROWS(json::parse(R"({"agentId": "7"})").get<RouteCandidate>());
}
