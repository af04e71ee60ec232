// POST /api/webhooks/stripe: only a valid, fresh signature counts, and each event applies once.
#include <catch2/catch.hpp>

#include "integrations/stripe_signature.hpp"
#include "support/test_server.hpp"

using namespace crm;
using namespace crm::testing;

namespace {

const std::string kSecret = "whsec_test_secret";

int count(TestServer& s, const std::string& sql) {
    auto db = s.app().pool().acquire();
    auto st = db->prepare(sql);
    st.step();
    return st.get_int(0);
}

HttpResult deliver_event(TestServer& s, const std::string& body, const std::string& signature) {
    Client c = s.client();
    return c.request("POST", "/api/webhooks/stripe", body, {{"Stripe-Signature", signature}}, /*csrf=*/false);
}

std::string checkout_event(const std::string& id, const std::string& ref, long long amount) {
    return nlohmann::json{
        {"id", id},
        {"type", "checkout.session.completed"},
        {"data", {{"object", {{"id", "cs_" + id}, {"client_reference_id", ref}, {"amount_total", amount}}}}}}
        .dump();
}

}  // namespace

TEST_CASE("Stripe webhook") {
    TestServer server([](Config& c) { c.stripe_webhook_secret = kSecret; });
    Client alice = server.client();
    REQUIRE(alice.login("alice.martin").status == 200);
    std::string unpaid;
    const auto deliveries = alice.get("/api/agent/deliveries").json();
    for (const auto& d : deliveries["items"])
        if (d["paidAt"].is_null()) unpaid = d["id"].dump();
    REQUIRE_FALSE(unpaid.empty());
    const int payments_before = count(server, "SELECT COUNT(*) FROM payments");
    const auto now = server.now();
    const auto body = checkout_event("evt_1", "delivery:" + unpaid, 3500);

    SECTION("a valid signed event sets paid_at and records one payment, once") {
        auto res = deliver_event(server, body, integrations::stripe_signature_header(body, kSecret, now));
        REQUIRE(res.status == 200);
        const auto after = alice.get("/api/agent/deliveries").json();
        for (const auto& d : after["items"])
            if (d["id"].dump() == unpaid) CHECK(d["paidAt"] == kTestNow);
        CHECK(count(server, "SELECT COUNT(*) FROM payments") == payments_before + 1);
        CHECK(count(server, "SELECT COUNT(*) FROM payments WHERE stripe_id = 'cs_evt_1'") == 1);

        auto again = deliver_event(server, body, integrations::stripe_signature_header(body, kSecret, now + 10));
        CHECK(again.status == 200);
        CHECK(again.json()["duplicate"] == true);
        CHECK(count(server, "SELECT COUNT(*) FROM payments") == payments_before + 1);
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
            CHECK(deliver_event(server, checkout_event("evt_1", "delivery:" + unpaid, 1), sig).status == 400);
        }
        SECTION("a malformed body, even correctly signed") {
            const std::string junk = "{not json";
            CHECK(deliver_event(server, junk, integrations::stripe_signature_header(junk, kSecret, now)).status == 400);
        }
        CHECK(count(server, "SELECT COUNT(*) FROM payments") == payments_before);
        CHECK(count(server, "SELECT COUNT(*) FROM stripe_events") == 0);
        CHECK(count(server, "SELECT COUNT(*) FROM deliveries WHERE id = " + unpaid + " AND paid_at IS NOT NULL") == 0);
    }
    SECTION("a credit top-up through Stripe adds to the balance") {
        const auto me = alice.get("/api/me").json()["id"].dump();
        const auto before = alice.get("/api/agent/credits").json()["balanceCents"].get<long long>();
        const auto topup = checkout_event("evt_topup", "topup:" + me, 5000);
        REQUIRE(deliver_event(server, topup, integrations::stripe_signature_header(topup, kSecret, now)).status == 200);
        CHECK(alice.get("/api/agent/credits").json()["balanceCents"].get<long long>() == before + 5000);
    }
}
