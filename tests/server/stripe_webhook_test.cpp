// POST /api/webhooks/stripe: only a valid, fresh signature counts, each event applies once, and
// a delivery is paid only by a `paid` session in EUR of at least its price; a refund made in
// Stripe's dashboard shows on the delivery and in the dashboard's cash.
#include <catch2/catch.hpp>

#include "integrations/stripe_signature.hpp"
#include "support/test_server.hpp"

using namespace crm;
using namespace crm::testing;

namespace {

const std::string kSecret = "whsec_test_secret";

HttpResult deliver_event(TestServer& s, const std::string& body, const std::string& signature) {
    Client c = s.client();
    return c.request("POST", "/api/webhooks/stripe", body, {{"Stripe-Signature", signature}}, /*csrf=*/false);
}

HttpResult send(TestServer& s, const nlohmann::json& event) {
    const auto body = event.dump();
    return deliver_event(s, body, integrations::stripe_signature_header(body, kSecret, s.now()));
}

// A Checkout Session event as Stripe sends it.
nlohmann::json session_event(const std::string& id, const std::string& type, const std::string& ref,
                             const std::string& payment_status, const std::string& currency, long long amount,
                             const std::string& session = "") {
    return {{"id", id},
            {"type", type},
            {"data",
             {{"object",
               {{"id", session.empty() ? "cs_" + id : session},
                {"object", "checkout.session"},
                {"client_reference_id", ref},
                {"payment_status", payment_status},
                {"currency", currency},
                {"amount_total", amount},
                {"payment_intent", "pi_" + (session.empty() ? id : session)}}}}}};
}

nlohmann::json paid_event(const std::string& id, const std::string& ref, long long amount) {
    return session_event(id, "checkout.session.completed", ref, "paid", "eur", amount);
}

nlohmann::json charge_refunded(const std::string& id, const std::string& intent, long long amount_refunded) {
    return {{"id", id},
            {"type", "charge.refunded"},
            {"data",
             {{"object",
               {{"id", "ch_" + intent},
                {"object", "charge"},
                {"payment_intent", intent},
                {"currency", "eur"},
                {"amount_refunded", amount_refunded},
                {"refunded", true}}}}}};
}

std::int64_t collected_today(Client& op) {
    return op.get("/api/dashboard?days=7").json()["today"]["collectedCents"].get<std::int64_t>();
}

// The operator's open notifications about one delivery.
std::vector<nlohmann::json> mismatches(Client& op, std::int64_t delivery_id) {
    std::vector<nlohmann::json> out;
    const auto notifications = op.get("/api/notifications").json();  // kept: the loop reads into it
    for (const auto& n : notifications["items"])
        if (n["kind"] == "payment_mismatch" && n["deliveryId"] == delivery_id) out.push_back(n);
    return out;
}

// A card delivery of a new ready lead to alice (fixed Payment Link: no network).
struct CardDelivery {
    std::int64_t id = 0, lead = 0;
    std::string path, ref;
};

CardDelivery card_delivery(Client& op, const std::string& last, const std::string& phone) {
    CardDelivery d;
    d.lead = ready_lead(op, last, phone);
    auto created = op.post("/api/deliveries", {{"leadId", d.lead}, {"payment", "stripe"}});
    if (created.status != 201) throw std::runtime_error("card_delivery: " + created.body);
    d.id = created.json()["id"].get<std::int64_t>();
    d.path = "/api/deliveries/" + std::to_string(d.id);
    d.ref = "delivery:" + std::to_string(d.id);
    return d;
}

TestServer stripe_server() {
    return TestServer([](Config& c) {
        c.stripe_webhook_secret = kSecret;
        c.stripe_payment_link_url = "https://buy.stripe.com/test_link";
    });
}

}  // namespace

TEST_CASE("Stripe webhook: signatures, and each event once") {
    TestServer server = stripe_server();
    Client op = server.client();
    REQUIRE(op.login("admin").status == 200);
    const auto d = card_delivery(op, "Signe", "06 39 98 12 01");
    const int payments_before = query_int(server, "SELECT COUNT(*) FROM payments");
    const auto now = server.now();
    const auto body = paid_event("evt_1", d.ref, 2000).dump();

    SECTION("a valid signed event sets paid_at and records one payment, once") {
        auto res = deliver_event(server, body, integrations::stripe_signature_header(body, kSecret, now));
        REQUIRE(res.status == 200);
        CHECK(res.json()["applied"]["paidCents"] == 2000);
        CHECK(op.get(d.path).json()["paidAt"] == kTestNow);
        CHECK(query_int(server, "SELECT COUNT(*) FROM payments") == payments_before + 1);
        CHECK(query_int(server,
                        "SELECT COUNT(*) FROM payments WHERE stripe_id = 'cs_evt_1' AND amount_cents = 2000 "
                        "AND stripe_payment_intent = 'pi_evt_1'") == 1);

        auto again = deliver_event(server, body, integrations::stripe_signature_header(body, kSecret, now + 10));
        CHECK(again.status == 200);
        CHECK(again.json()["duplicate"] == true);
        CHECK(query_int(server, "SELECT COUNT(*) FROM payments") == payments_before + 1);
    }
    SECTION("refused without changing anything") {
        SECTION("wrong signature") {
            auto res = deliver_event(server, body, integrations::stripe_signature_header(body, "whsec_wrong", now));
            CHECK(res.status == 400);
            CHECK(res.json()["error"]["code"] == "bad_signature");
        }
        SECTION("stale timestamp") {
            CHECK(deliver_event(server, body, integrations::stripe_signature_header(body, kSecret, now - 301)).status ==
                  400);
        }
        SECTION("no signature header") {
            CHECK(deliver_event(server, body, "").status == 400);
        }
        SECTION("a tampered body") {
            const auto sig = integrations::stripe_signature_header(body, kSecret, now);
            CHECK(deliver_event(server, paid_event("evt_1", d.ref, 1).dump(), sig).status == 400);
        }
        SECTION("a malformed body, even correctly signed") {
            const std::string junk = "{not json";
            CHECK(deliver_event(server, junk, integrations::stripe_signature_header(junk, kSecret, now)).status == 400);
        }
        CHECK(query_int(server, "SELECT COUNT(*) FROM payments") == payments_before);
        CHECK(query_int(server, "SELECT COUNT(*) FROM stripe_events") == 0);
        CHECK(op.get(d.path).json()["paidAt"].is_null());
    }
}

TEST_CASE("Stripe webhook: a delivery is paid only by a paid EUR session of at least its price") {
    TestServer server = stripe_server();
    Client op = server.client();
    REQUIRE(op.login("admin").status == 200);
    const auto d = card_delivery(op, "Montant", "06 39 98 12 02");
    REQUIRE(op.get(d.path).json()["priceCents"] == 2000);
    const auto payments_before = query_int(server, "SELECT COUNT(*) FROM payments");
    const auto cash_before = collected_today(op);

    // Acknowledged (Stripe must not retry), nothing paid, the operator told once with the actions.
    auto refused = [&](const nlohmann::json& event, const std::string& why) {
        auto res = send(server, event);
        REQUIRE(res.status == 200);
        CHECK(res.json()["applied"]["deliveryId"] == d.id);
        CHECK(res.json()["applied"]["mismatch"].get<std::string>().find(why) != std::string::npos);
        CHECK(op.get(d.path).json()["paidAt"].is_null());
        CHECK(query_int(server, "SELECT COUNT(*) FROM payments") == payments_before);
        CHECK(collected_today(op) == cash_before);
        const auto told = mismatches(op, d.id);
        REQUIRE(told.size() == 1);
        CHECK(told[0]["actions"] == nlohmann::json::array({"reassign", "refund"}));
        CHECK(told[0]["leadId"] == d.lead);
        CHECK(told[0]["message"].get<std::string>().find(why) != std::string::npos);
        // The same event again: still one notification.
        CHECK(send(server, event).json()["duplicate"] == true);
        CHECK(mismatches(op, d.id).size() == 1);
    };
    SECTION("under-payment: a cheaper link's client_reference_id edited to this delivery") {
        refused(paid_event("evt_under", d.ref, 1000), "10,00\u00a0€ payés pour un prix de 20,00\u00a0€");
    }
    SECTION("wrong currency") {
        refused(session_event("evt_usd", "checkout.session.completed", d.ref, "paid", "usd", 2000), "usd");
    }
    SECTION("not paid and not waiting for an async method") {
        refused(session_event("evt_free", "checkout.session.completed", d.ref, "no_payment_required", "eur", 0),
                "no_payment_required");
    }
    SECTION("an async payment that fails") {
        refused(session_event("evt_fail", "checkout.session.async_payment_failed", d.ref, "unpaid", "eur", 2000),
                "a échoué");
    }
    SECTION("more than the price is fine, and what was paid is what is recorded") {
        REQUIRE(send(server, paid_event("evt_more", d.ref, 2500)).status == 200);
        CHECK(op.get(d.path).json()["paidAt"] == kTestNow);
        CHECK(collected_today(op) == cash_before + 2500);
        CHECK(mismatches(op, d.id).empty());
        // A second payment of the same delivery is real money too: not applied, and the operator is told.
        REQUIRE(send(server, paid_event("evt_twice", d.ref, 2000)).status == 200);
        CHECK(collected_today(op) == cash_before + 2500);
        CHECK(mismatches(op, d.id).size() == 1);
    }
    SECTION("a credits delivery cannot be paid through an edited Payment Link") {
        const auto lead = ready_lead(op, "Credits", "06 39 98 12 03");
        const auto credits = op.post("/api/deliveries", {{"leadId", lead}, {"payment", "credits"}}).json();
        const auto res = send(server, paid_event("evt_credits", "delivery:" + credits["id"].dump(), 5000));
        CHECK(res.json()["applied"]["mismatch"].get<std::string>().find("crédits") != std::string::npos);
        CHECK(op.get("/api/deliveries/" + credits["id"].dump()).json()["paidAt"].is_null());
    }
    SECTION("an unknown delivery is acknowledged and reported, not retried forever") {
        const auto res = send(server, paid_event("evt_unknown", "delivery:999999", 2000));
        CHECK(res.status == 200);
        CHECK(res.json()["applied"]["mismatch"].get<std::string>().find("inconnue") != std::string::npos);
    }
}

TEST_CASE("Stripe webhook: an async payment completes unpaid, then pays once") {
    TestServer server = stripe_server();
    Client op = server.client();
    REQUIRE(op.login("admin").status == 200);
    const auto d = card_delivery(op, "Sepa", "06 39 98 12 04");
    const auto cash_before = collected_today(op);

    auto pending = send(
        server, session_event("evt_sepa_1", "checkout.session.completed", d.ref, "unpaid", "eur", 2000, "cs_sepa"));
    REQUIRE(pending.status == 200);
    CHECK(pending.json()["applied"]["pending"] == true);
    CHECK(op.get(d.path).json()["paidAt"].is_null());
    CHECK(mismatches(op, d.id).empty());  // waiting is not a mismatch

    const auto succeeded =
        session_event("evt_sepa_2", "checkout.session.async_payment_succeeded", d.ref, "paid", "eur", 2000, "cs_sepa");
    REQUIRE(send(server, succeeded).status == 200);
    CHECK(op.get(d.path).json()["paidAt"] == kTestNow);
    CHECK(collected_today(op) == cash_before + 2000);
    // Applied once: the same event, or another event for the same session, pays nothing more.
    CHECK(send(server, succeeded).json()["duplicate"] == true);
    auto other = succeeded;
    other["id"] = "evt_sepa_3";
    CHECK(send(server, other).json()["applied"]["alreadyApplied"] == true);
    CHECK(query_int(server, "SELECT COUNT(*) FROM payments WHERE stripe_id = 'cs_sepa'") == 1);
    CHECK(collected_today(op) == cash_before + 2000);
    CHECK(mismatches(op, d.id).empty());
}

TEST_CASE("Stripe webhook: a refund made in Stripe's dashboard") {
    TestServer server = stripe_server();
    Client op = server.client();
    REQUIRE(op.login("admin").status == 200);
    const auto d = card_delivery(op, "Rembourse", "06 39 98 12 05");
    REQUIRE(send(server, paid_event("evt_paid", d.ref, 2000)).status == 200);
    const auto cash_paid = collected_today(op);

    SECTION("a whole refund refunds the delivery and leaves the till, once") {
        const auto refund = charge_refunded("evt_refund", "pi_evt_paid", 2000);
        auto res = send(server, refund);
        REQUIRE(res.status == 200);
        CHECK(res.json()["applied"]["refundedCents"] == 2000);
        const auto after = op.get(d.path).json();
        CHECK(after["status"] == "refunded");
        CHECK(after["refundedAt"] == kTestNow);
        CHECK(after["refundReason"] == "Remboursé dans Stripe");
        CHECK(op.get("/api/leads/" + std::to_string(d.lead)).json()["stage"] == "refunded_bad");
        CHECK(collected_today(op) == cash_paid - 2000);
        CHECK(send(server, refund).json()["duplicate"] == true);
        auto later = charge_refunded("evt_refund_again", "pi_evt_paid", 2000);  // a later event, same total
        CHECK(send(server, later).json()["applied"]["refundedCents"] == 0);
        CHECK(collected_today(op) == cash_paid - 2000);
    }
    SECTION("a partial refund is cash out and a question for the operator; the rest refunds the delivery") {
        REQUIRE(send(server, charge_refunded("evt_part", "pi_evt_paid", 500)).status == 200);
        CHECK(collected_today(op) == cash_paid - 500);
        CHECK(op.get(d.path).json()["status"] != "refunded");
        const auto told = mismatches(op, d.id);
        REQUIRE(told.size() == 1);
        CHECK(told[0]["message"].get<std::string>().find("partiel") != std::string::npos);
        REQUIRE(send(server, charge_refunded("evt_rest", "pi_evt_paid", 2000)).status == 200);
        CHECK(collected_today(op) == cash_paid - 2000);
        CHECK(op.get(d.path).json()["status"] == "refunded");
    }
    SECTION("refunded in the CRM first, then in Stripe: counted once") {
        REQUIRE(op.post(d.path + "/refund", {{"reason", "Vendeur injoignable"}}).status == 200);
        CHECK(collected_today(op) == cash_paid - 2000);
        REQUIRE(send(server, charge_refunded("evt_after_crm", "pi_evt_paid", 2000)).status == 200);
        CHECK(collected_today(op) == cash_paid - 2000);
    }
    SECTION("a charge we never recorded is acknowledged and ignored") {
        const auto res = send(server, charge_refunded("evt_foreign", "pi_somewhere_else", 2000));
        CHECK(res.status == 200);
        CHECK(collected_today(op) == cash_paid);
    }
}

TEST_CASE("Stripe webhook: a credit top-up credits what was actually paid") {
    TestServer server = stripe_server();
    Client alice = server.client();
    REQUIRE(alice.login("alice.martin").status == 200);
    const auto me = alice.get("/api/me").json()["id"].dump();
    const auto balance = [&] { return alice.get("/api/agent/credits").json()["balanceCents"].get<long long>(); };
    const auto before = balance();

    REQUIRE(send(server, session_event("evt_usd", "checkout.session.completed", "topup:" + me, "paid", "usd", 5000))
                .status == 200);
    CHECK(balance() == before);
    REQUIRE(
        send(server, session_event("evt_unpaid", "checkout.session.completed", "topup:" + me, "unpaid", "eur", 5000))
            .json()["applied"]["pending"] == true);
    CHECK(balance() == before);
    REQUIRE(send(server, paid_event("evt_topup", "topup:" + me, 4200)).status == 200);
    CHECK(balance() == before + 4200);
    CHECK(send(server, paid_event("evt_topup", "topup:" + me, 4200)).json()["duplicate"] == true);
    CHECK(balance() == before + 4200);
    // Given back in Stripe: the credits go too.
    REQUIRE(send(server, charge_refunded("evt_topup_refund", "pi_evt_topup", 4200)).status == 200);
    CHECK(balance() == before);
}
