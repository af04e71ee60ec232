// Selling a lead over HTTP: routing, the package with its price and share link, the public
// page and PDF without login, accepting (credits charged by the exact price), refunds and
// reassignment revoking links, e-mail and WhatsApp sending, Stripe links (a loopback stand-in
// for Stripe's API) and the signed webhook paying a delivery, agents and their credits.
#include <catch2/catch.hpp>
#include <cstdlib>
#include <fstream>
#include <iterator>

#include "auth/passwords.hpp"
#include "integrations/stripe_signature.hpp"
#include "support/http_stand_in.hpp"
#include "support/test_server.hpp"

using namespace crm;
using namespace crm::testing;

namespace {

std::int64_t scalar(TestServer& s, const std::string& sql) {
    auto db = s.app().pool().acquire();
    auto st = db->prepare(sql);
    st.step();
    return st.is_null(0) ? -1 : st.get_int64(0);
}

std::int64_t balance(Client& op, const std::string& username) {
    return agent_field(op, username, "creditsCents");
}

HttpResult form_accept(TestServer& s, const std::string& token) {
    Client anonymous = s.client();
    return anonymous.request("POST", "/p/" + token + "/accept", "",
                             {{"Content-Type", "application/x-www-form-urlencoded"}},
                             /*csrf=*/false);
}

}  // namespace

TEST_CASE("Deliver, open without login, PDF, accept with credits, refund revokes the link") {
    TestServer server;
    Client op = server.client();
    REQUIRE(op.login("admin").status == 200);
    const auto lead = ready_lead(op, "Faure", "06 39 98 11 22");
    const auto alice = agent_id(op, "alice.martin");

    auto route = op.get("/api/deliveries/route?leadId=" + std::to_string(lead));
    REQUIRE(route.status == 200);
    REQUIRE(route.json()["readyToSell"]["ready"] == true);
    REQUIRE_FALSE(route.json()["candidates"].empty());
    CHECK(route.json()["candidates"][0]["agentId"] == alice);  // serves 69003
    CHECK_FALSE(route.json()["candidates"][0]["reasons"].empty());
    CHECK(route.json()["price"]["totalCents"] == 2000);
    CHECK(route.json()["exclusivePrice"]["totalCents"] == 3000);

    auto created = op.post("/api/deliveries", {{"leadId", lead}, {"channel", "link"}});
    REQUIRE(created.status == 201);
    const auto d = created.json();
    CHECK(d["agentId"] == alice);  // routing chose her
    CHECK(d["priceCents"] == 2000);
    CHECK(d["pricing"]["baseCents"] == 2000);
    CHECK(d["status"] == "sent");
    const std::string token = token_of(d["shareUrl"].get<std::string>());
    CHECK(token.size() >= 22);  // 128 bits, base64url
    const auto id = d["id"].get<std::int64_t>();
    // Only the hash is stored.
    CHECK(scalar(server, "SELECT COUNT(*) FROM deliveries WHERE share_token_hash = '" + token + "'") == 0);
    CHECK(scalar(server,
                 "SELECT COUNT(*) FROM deliveries WHERE share_token_hash = '" + auth::sha256_hex(token) + "'") == 1);
    CHECK(op.get("/api/leads/" + std::to_string(lead)).json()["stage"] == "sent_to_agent");

    Client anonymous = server.client();
    auto page = anonymous.get("/p/" + token);
    REQUIRE(page.status == 200);
    CHECK(page.header("content-type").find("text/html") == 0);
    CHECK(page.header("x-robots-tag") == "noindex, nofollow");
    CHECK(page.header("referrer-policy") == "no-referrer");  // the token never leaves in a Referer
    // No inline script: the page's one script comes from this server.
    CHECK(page.header("content-security-policy").rfind("default-src 'none'", 0) == 0);
    CHECK(page.header("content-security-policy").find("script-src 'self';") != std::string::npos);
    CHECK(page.body.find("Camille F.") != std::string::npos);  // the surname waits for Accept
    CHECK(page.body.find("Camille Faure") == std::string::npos);
    CHECK(page.body.find("noindex") != std::string::npos);
    CHECK(page.body.find("J&#39;accepte d&#39;être rappelé") != std::string::npos);  // consent, escaped
    CHECK(anonymous.post("/p/" + token + "/opened").status == 204);                  // what the page's script sends
    auto after_open = op.get("/api/deliveries/" + std::to_string(id)).json();
    CHECK(after_open["status"] == "opened");
    CHECK(after_open["openedAt"] == kTestNow);

    auto pdf = anonymous.get("/p/" + token + "/pdf");
    REQUIRE(pdf.status == 200);
    CHECK(pdf.header("content-type") == "application/pdf");
    REQUIRE(pdf.body.rfind("%PDF-", 0) == 0);
    const auto text = pdf_text(pdf.body);
    CHECK(text.find("Camille F.") != std::string::npos);
    CHECK(text.find("Vend un T3") != std::string::npos);  // the operator's note

    // Another agent can neither see nor accept it.
    Client ben = server.client();
    REQUIRE(ben.login("ben.leroy").status == 200);
    const auto bens = ben.get("/api/agent/deliveries").json();
    for (const auto& x : bens["items"]) CHECK(x["id"] != id);
    CHECK(ben.post("/api/agent/deliveries/" + std::to_string(id) + "/accept").status == 404);

    const auto before = balance(op, "alice.martin");
    auto accepted = form_accept(server, token);
    CHECK(accepted.status == 303);
    CHECK(accepted.header("location") == "/p/" + token + "?accepted=1");
    CHECK(balance(op, "alice.martin") == before - 2000);
    auto after_accept = op.get("/api/deliveries/" + std::to_string(id)).json();
    CHECK(after_accept["status"] == "accepted");
    CHECK(after_accept["paidAt"] == kTestNow);
    CHECK(op.get("/api/leads/" + std::to_string(lead)).json()["stage"] == "sold");
    CHECK(form_accept(server, token).status == 303);  // twice is still one charge
    CHECK(balance(op, "alice.martin") == before - 2000);
    CHECK(anonymous.get("/p/" + token + "?accepted=1").body.find("Camille Faure") != std::string::npos);

    auto refund = op.post("/api/deliveries/" + std::to_string(id) + "/refund", {{"reason", "Vendeur injoignable"}});
    REQUIRE(refund.status == 200);
    CHECK(refund.json()["status"] == "refunded");
    CHECK(balance(op, "alice.martin") == before);
    CHECK(anonymous.get("/p/" + token).status == 410);
    CHECK(anonymous.get("/p/" + token + "/pdf").status == 410);
    CHECK(form_accept(server, token).status == 410);
    CHECK(op.post("/api/deliveries/" + std::to_string(id) + "/refund", {{"reason", "x"}}).status == 409);
    CHECK(anonymous.get("/p/AAAAAAAAAAAAAAAAAAAAAA").status == 404);
}

TEST_CASE("Not enough credit: a clear 409, nothing charged") {
    TestServer server;
    Client op = server.client();
    REQUIRE(op.login("admin").status == 200);
    const auto lead = ready_lead(op, "Girard", "06 39 98 11 23");
    const auto ben = agent_id(op, "ben.leroy");
    {  // Ben's balance down to 10 €.
        auto db = server.app().pool().acquire();
        db->prepare("UPDATE users SET credits_cents = 1000 WHERE id = ?").bind(1, ben).run();
    }
    auto created = op.post("/api/deliveries", {{"leadId", lead}, {"agentId", ben}, {"exclusive", true}});
    REQUIRE(created.status == 201);
    CHECK(created.json()["priceCents"] == 3000);  // +50 % exclusive
    const auto token = token_of(created.json()["shareUrl"].get<std::string>());
    const auto ledger_before = scalar(server, "SELECT COUNT(*) FROM credit_ledger");

    auto page = form_accept(server, token);
    CHECK(page.status == 409);
    CHECK(page.body.find("Crédit insuffisant") != std::string::npos);
    Client agent = server.client();
    REQUIRE(agent.login("ben.leroy").status == 200);
    auto api = agent.post("/api/agent/deliveries/" + created.json()["id"].dump() + "/accept");
    CHECK(api.status == 409);
    CHECK(api.json()["error"]["code"] == "insufficient_credits");
    CHECK(balance(op, "ben.leroy") == 1000);
    CHECK(scalar(server, "SELECT COUNT(*) FROM credit_ledger") == ledger_before);
    CHECK(op.get("/api/deliveries/" + created.json()["id"].dump()).json()["paidAt"].is_null());

    // Exclusive: nobody else can get it.
    auto again = op.post("/api/deliveries", {{"leadId", lead}, {"agentId", agent_id(op, "alice.martin")}});
    CHECK(again.status == 409);
    CHECK(again.json()["error"]["code"] == "exclusive");
}

TEST_CASE("Bad delivery requests are refused with nothing written") {
    TestServer server;
    Client op = server.client();
    REQUIRE(op.login("admin").status == 200);
    const auto before = scalar(server, "SELECT COUNT(*) FROM deliveries");
    CHECK(op.post("/api/deliveries", {{"leadId", 999999}}).status == 404);
    CHECK(op.post("/api/deliveries", {{"leadId", "x"}}).status == 400);
    auto bad_channel = op.post("/api/deliveries", {{"leadId", 1}, {"channel", "pigeon"}});
    CHECK(bad_channel.status == 422);
    CHECK(bad_channel.json()["error"]["fields"].contains("channel"));
    CHECK(op.post("/api/deliveries", {{"leadId", 1}, {"payment", "stripe"}}).status == 422);  // Stripe not configured
    auto fresh = op.post("/api/leads", {{"lastName", "Neuf"}, {"phone", "06 39 98 11 24"}});
    REQUIRE(fresh.status == 201);
    auto not_ready =
        op.post("/api/deliveries", {{"leadId", fresh.json()["id"]}, {"agentId", agent_id(op, "alice.martin")}});
    CHECK(not_ready.status == 409);
    CHECK(not_ready.json()["error"]["code"] == "not_ready");
    const auto dnc = ready_lead(op, "Roux", "06 39 98 11 25");
    REQUIRE(op.post("/api/leads/" + std::to_string(dnc) + "/outcome", {{"outcome", "dnc"}}).status == 200);
    CHECK(op.post("/api/deliveries", {{"leadId", dnc}}).json()["error"]["code"] == "dnc");
    CHECK(op.get("/api/deliveries/route?leadId=abc").status == 422);
    CHECK(scalar(server, "SELECT COUNT(*) FROM deliveries") == before);
}

TEST_CASE("By e-mail: the package reaches the agent with its PDF; the stored copy has no live link") {
    TestServer server;
    Client op = server.client();
    REQUIRE(op.login("admin").status == 200);
    const auto lead = ready_lead(op, "Mercier", "06 39 98 11 26");
    auto created = op.post("/api/deliveries", {{"leadId", lead}, {"channel", "email"}});
    REQUIRE(created.status == 201);
    const auto token = token_of(created.json()["shareUrl"].get<std::string>());
    REQUIRE(op.post("/api/jobs/run-due").status == 200);
    auto messages = op.get("/api/messages?leadId=" + std::to_string(lead)).json()["items"];
    nlohmann::json mail;
    for (const auto& m : messages)
        if (m["channel"] == "email" && m["to"] == "alice.martin@example.fr") mail = m;
    REQUIRE(mail.is_object());
    CHECK(mail["status"] == "outbox");  // no SMTP server here: kept in the local outbox
    CHECK(mail["attachments"] == nlohmann::json::array({"lead-" + created.json()["id"].dump() + ".pdf"}));
    // Sent before acceptance: the seller is "Camille M." there, as on the page.
    CHECK(mail["subject"].get<std::string>().find("Camille M.") != std::string::npos);
    CHECK(mail["subject"].get<std::string>().find("Mercier") == std::string::npos);
    CHECK(mail["body"].get<std::string>().find("/p/…") != std::string::npos);
    CHECK(mail["body"].get<std::string>().find(token) == std::string::npos);
    CHECK(scalar(server, "SELECT COUNT(*) FROM jobs WHERE kind = 'send_package' AND payload LIKE '%" + token + "%'") ==
          0);

    // WhatsApp: a wa.me link to the agent's mobile carrying the share link, logged.
    auto wa = op.post("/api/deliveries/" + created.json()["id"].dump() + "/resend", {{"channel", "whatsapp"}});
    REQUIRE(wa.status == 200);
    const auto url = wa.json()["whatsappUrl"].get<std::string>();
    CHECK(url.rfind("https://wa.me/33639980101?text=", 0) == 0);
    const auto new_token = token_of(wa.json()["shareUrl"].get<std::string>());
    CHECK(url.find(new_token) != std::string::npos);
    Client anonymous = server.client();
    CHECK(anonymous.get("/p/" + token).status == 404);  // the resend replaced the old link
    CHECK(anonymous.get("/p/" + new_token).status == 200);
}

TEST_CASE("Reassign: new package for the other agent, the old link revoked") {
    TestServer server;
    Client op = server.client();
    REQUIRE(op.login("admin").status == 200);
    const auto lead = ready_lead(op, "Lambert", "06 39 98 11 27");
    auto first = op.post("/api/deliveries", {{"leadId", lead}});
    REQUIRE(first.status == 201);
    const auto old_token = token_of(first.json()["shareUrl"].get<std::string>());
    const auto ben = agent_id(op, "ben.leroy");
    auto moved = op.post("/api/deliveries/" + first.json()["id"].dump() + "/reassign", {{"agentId", ben}});
    REQUIRE(moved.status == 200);
    CHECK(moved.json()["agentId"] == ben);
    CHECK(moved.json()["id"] != first.json()["id"]);
    CHECK(op.get("/api/deliveries/" + first.json()["id"].dump()).json()["status"] == "refunded");
    Client anonymous = server.client();
    CHECK(anonymous.get("/p/" + old_token).status == 410);
    CHECK(anonymous.get("/p/" + token_of(moved.json()["shareUrl"].get<std::string>())).status == 200);
    CHECK(op.get("/api/leads/" + std::to_string(lead)).json()["assignedAgentId"] == ben);
    CHECK(op.post("/api/deliveries/" + moved.json()["id"].dump() + "/reassign", {{"agentId", ben}}).status == 409);
}

TEST_CASE("Stripe: a Checkout link over the API (stand-in), then the signed webhook pays the delivery") {
    HttpStandIn stripe(200, R"({"id":"cs_test_1","url":"https://checkout.stripe.test/c/pay/cs_test_1"})");
    const std::string secret = "whsec_deliveries";
    TestServer server([&](Config& c) {
        c.stripe_secret_key = "sk_test_123";
        c.stripe_api_base = stripe.base_url();
        c.stripe_webhook_secret = secret;
    });
    Client op = server.client();
    REQUIRE(op.login("admin").status == 200);
    const auto lead = ready_lead(op, "Bonnet", "06 39 98 11 28");
    auto created = op.post("/api/deliveries", {{"leadId", lead}, {"payment", "stripe"}});
    REQUIRE(created.status == 201);
    const auto id = created.json()["id"].get<std::int64_t>();
    const auto delivery = "/api/deliveries/" + std::to_string(id);
    // The request never waited on Stripe: the link is a job's work.
    CHECK(stripe.seen().empty());
    CHECK(created.json()["paymentUrl"].is_null());
    CHECK(created.json()["paymentPending"] == true);
    REQUIRE(op.post("/api/jobs/run-due").status == 200);
    CHECK(op.get(delivery).json()["paymentUrl"] == "https://checkout.stripe.test/c/pay/cs_test_1");
    const auto seen = stripe.seen();
    REQUIRE(seen.size() == 1);
    CHECK(seen[0].method == "POST");
    CHECK(seen[0].target == "/v1/checkout/sessions");
    CHECK(seen[0].body.find("client_reference_id=delivery%3A" + std::to_string(id)) != std::string::npos);
    CHECK(seen[0].body.find("unit_amount%5D=2000") + seen[0].body.find("unit_amount]=2000") != 2 * std::string::npos);
    CHECK(seen[0].header("Idempotency-Key") == "delivery-" + std::to_string(id));
    CHECK(seen[0].header("Authorization").rfind("Basic ", 0) == 0);

    const auto body = nlohmann::json{{"id", "evt_pay_1"},
                                     {"type", "checkout.session.completed"},
                                     {"data",
                                      {{"object",
                                        {{"id", "cs_test_1"},
                                         {"client_reference_id", "delivery:" + std::to_string(id)},
                                         {"payment_status", "paid"},
                                         {"currency", "eur"},
                                         {"amount_total", 2000}}}}}}
                          .dump();
    Client stripe_caller = server.client();
    auto hook = stripe_caller.request(
        "POST", "/api/webhooks/stripe", body,
        {{"Stripe-Signature", integrations::stripe_signature_header(body, secret, server.now())}}, false);
    REQUIRE(hook.status == 200);
    CHECK(op.get("/api/deliveries/" + std::to_string(id)).json()["paidAt"] == kTestNow);
    // Paid by card: accepting charges no credits.
    const auto before = balance(op, "alice.martin");
    CHECK(form_accept(server, token_of(created.json()["shareUrl"].get<std::string>())).status == 303);
    CHECK(balance(op, "alice.martin") == before);
    CHECK(op.get("/api/leads/" + std::to_string(lead)).json()["stage"] == "sold");

    // Stripe down: the delivery is made at once all the same; the job keeps the error and tries
    // again later (backoff), and gets the link once Stripe is back.
    stripe.status = 503;
    const auto other = ready_lead(op, "Chevalier", "06 39 98 11 29");
    auto failed = op.post("/api/deliveries", {{"leadId", other}, {"payment", "stripe"}});
    REQUIRE(failed.status == 201);
    const auto failed_path = "/api/deliveries/" + failed.json()["id"].dump();
    CHECK(failed.json()["paymentPending"] == true);
    REQUIRE(op.post("/api/jobs/run-due").status == 200);
    CHECK(op.get(failed_path).json()["paymentUrl"].is_null());
    auto last_error = [&] {
        auto db = server.app().pool().acquire();
        auto st =
            db->prepare("SELECT status, COALESCE(last_error, '') FROM jobs WHERE kind = 'payment_link' AND CAST(" +
                        json_field(*db, "payload", "deliveryId") + " AS INTEGER) = ?");
        st.bind(1, failed.json()["id"].get<std::int64_t>());
        REQUIRE(st.step());
        return st.get_text(0) + " " + st.get_text(1);
    };
    CHECK(last_error().rfind("pending ", 0) == 0);
    CHECK(last_error().find("503") != std::string::npos);
    stripe.status = 200;
    server.set_clock(server.now() + 61);  // past the first backoff (1 minute)
    REQUIRE(op.post("/api/jobs/run-due").status == 200);
    CHECK(op.get(failed_path).json()["paymentUrl"] == "https://checkout.stripe.test/c/pay/cs_test_1");
    CHECK(last_error() == "done ");
}

TEST_CASE("A fixed Payment Link gets the delivery as client_reference_id") {
    TestServer server([](Config& c) { c.stripe_payment_link_url = "https://buy.stripe.com/test_abc"; });
    Client op = server.client();
    REQUIRE(op.login("admin").status == 200);
    const auto lead = ready_lead(op, "Fontaine", "06 39 98 11 30");
    auto created = op.post("/api/deliveries", {{"leadId", lead}, {"payment", "stripe"}});
    REQUIRE(created.status == 201);
    CHECK(created.json()["paymentUrl"] ==
          "https://buy.stripe.com/test_abc?client_reference_id=delivery:" + created.json()["id"].dump());
}

TEST_CASE("Agents: create, list with figures, manual top-up") {
    TestServer server;
    Client op = server.client();
    REQUIRE(op.login("admin").status == 200);
    auto created = op.post("/api/agents", {{"username", "chloe.petit"},
                                           {"displayName", "Chloé Petit"},
                                           {"password", "un-mot-de-passe"},
                                           {"email", "chloe@example.fr"},
                                           {"phone", "06 39 98 01 03"},
                                           {"cities", {"Nantes"}},
                                           {"zips", {"44000"}}});
    REQUIRE(created.status == 201);
    CHECK(created.json()["creditsCents"] == 0);
    CHECK(op.post("/api/agents",
                  {{"username", "chloe.petit"}, {"displayName", "X"}, {"password", "un-autre-mot-de-passe"}})
              .status == 409);
    auto bad =
        op.post("/api/agents", {{"username", "A B"}, {"displayName", "X"}, {"password", "court"}, {"zips", {"4400"}}});
    CHECK(bad.status == 422);
    CHECK(bad.json()["error"]["fields"].contains("username"));
    CHECK(bad.json()["error"]["fields"].contains("password"));
    CHECK(bad.json()["error"]["fields"].contains("zips"));

    const auto id = created.json()["id"].dump();
    auto topup = op.post("/api/agents/" + id + "/credits", {{"amountCents", 5000}, {"note", "Virement"}});
    REQUIRE(topup.status == 201);
    CHECK(topup.json()["balanceCents"] == 5000);
    CHECK(topup.json()["ledger"][0]["note"] == "Virement");
    CHECK(op.post("/api/agents/" + id + "/credits", {{"amountCents", 0}}).status == 422);
    CHECK(op.post("/api/agents/999999/credits", {{"amountCents", 100}}).status == 404);
    bool listed = false;
    const auto agents = op.get("/api/agents").json();
    for (const auto& a : agents["items"])
        if (a["username"] == "chloe.petit") {
            listed = true;
            CHECK(a["creditsCents"] == 5000);
            CHECK(a["delivered"] == 0);
            CHECK(a["acceptanceRate"].is_null());
        }
    CHECK(listed);
    // The new agent can log in and sees her credits.
    Client chloe = server.client();
    REQUIRE(chloe.login("chloe.petit", "un-mot-de-passe").status == 200);
    CHECK(chloe.get("/api/agent/credits").json()["balanceCents"] == 5000);
}
