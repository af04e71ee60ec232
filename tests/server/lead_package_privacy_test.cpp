// The lead package shows the seller's direct contact only once the agent commits: before
// acceptance the page, its PDF and the Agent CRM show the project but mask the phone and e-mail
// and keep the surname to its initial; Accept (and the card payment when paid by card) reveals
// them everywhere; a trusted agent's delivery shows them at once. GET and HEAD of the links
// change nothing: the page's own script reports the open.
#include <catch2/catch.hpp>

#include "integrations/stripe_signature.hpp"
#include "support/test_server.hpp"

using namespace crm;
using namespace crm::testing;

namespace {

const std::string kSecret = "whsec_privacy";

bool has(const std::string& haystack, const std::string& needle) {
    return haystack.find(needle) != std::string::npos;
}

std::string lower(std::string s) {
    for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return s;
}

// Nothing of the seller's direct contact in `text` (the e-mail holds the surname too).
void check_masked(const std::string& text) {
    CHECK_FALSE(has(lower(text), "vasseur"));
    CHECK_FALSE(has(text, "39 98 13 01"));
    CHECK_FALSE(has(text, "39.98.13.01"));
    CHECK_FALSE(has(text, "639981301"));
}

void check_revealed(const std::string& text) {
    CHECK(has(text, "Vasseur"));
    CHECK(has(text, "06 39 98 13 01"));
}

struct Delivered {
    std::int64_t lead = 0, id = 0;
    std::string token, path;
};

// Camille Vasseur, qualified by the operator (a call, a note that quotes her number), then
// delivered a minute later.
Delivered deliver(TestServer& server, Client& op, const nlohmann::json& options = nlohmann::json::object()) {
    Delivered d;
    d.lead = ready_lead(op, "Vasseur", "06 39 98 13 01");
    op.post("/api/leads/" + std::to_string(d.lead) + "/notes", {{"text", "Préfère être rappelé au 06.39.98.13.01"}});
    server.set_clock(server.now() + 60);
    auto body = options;
    body["leadId"] = d.lead;
    auto created = op.post("/api/deliveries", body);
    if (created.status != 201) throw std::runtime_error("deliver: " + created.body);
    d.id = created.json()["id"].get<std::int64_t>();
    d.token = token_of(created.json()["shareUrl"].get<std::string>());
    d.path = "/api/deliveries/" + std::to_string(d.id);
    return d;
}

nlohmann::json assigned(Client& agent, std::int64_t lead) {
    const auto leads = agent.get("/api/leads/assigned").json();
    for (const auto& l : leads["items"])
        if (l["id"] == lead) return l;
    FAIL("lead " << lead << " not assigned");
    return nullptr;
}

nlohmann::json agent_delivery(Client& agent, std::int64_t id) {
    const auto deliveries = agent.get("/api/agent/deliveries").json();
    for (const auto& d : deliveries["items"])
        if (d["id"] == id) return d;
    FAIL("delivery " << id << " not listed");
    return nullptr;
}

}  // namespace

TEST_CASE("The package reveals the seller's contact when the agent accepts") {
    TestServer server;
    Client op = server.client();
    REQUIRE(op.login("admin").status == 200);
    Client alice = server.client();
    REQUIRE(alice.login("alice.martin").status == 200);
    const auto d = deliver(server, op);  // credits, routed to alice (Lyon)
    Client anonymous = server.client();
    // The operator writes again after the delivery: the agent reads that, not what came before.
    server.set_clock(server.now() + 60);
    op.post("/api/leads/" + std::to_string(d.lead) + "/notes", {{"text", "Agent prévenu, joignable au 0639981301."}});

    SECTION("before acceptance: the project, not the contact") {
        const auto page = anonymous.get("/p/" + d.token);
        REQUIRE(page.status == 200);
        check_masked(page.body);
        CHECK(has(page.body, "Camille V."));
        CHECK(has(page.body, "06 •• •• •• ••"));
        CHECK(has(page.body, "c•••@•••.fr"));
        CHECK_FALSE(has(page.body, "tel:"));
        CHECK(has(page.body, "Téléphone et e-mail complets après acceptation."));
        CHECK(has(page.body, "Lyon 69003"));  // the project is all there
        CHECK(has(page.body, "Vend un T3"));
        CHECK(has(page.body, "Préfère être rappelé au 06 •• •• •• ••"));

        const auto pdf = pdf_text(anonymous.get("/p/" + d.token + "/pdf").body);
        check_masked(pdf);
        CHECK(has(pdf, "Camille V."));
        CHECK(has(pdf, "Vend un T3"));

        const auto lead = assigned(alice, d.lead);
        CHECK(lead["contactRevealed"] == false);
        CHECK(lead["lastName"] == "V.");
        CHECK(lead["phone"] == "06 •• •• •• ••");
        CHECK(lead["phoneE164"].is_null());
        CHECK(lead["email"] == "c•••@•••.fr");
        CHECK(lead["city"] == "Lyon");
        CHECK_FALSE(lead.contains("costCents"));
        CHECK_FALSE(lead.contains("ownerUserId"));
        const auto detail = alice.get("/api/agent/leads/" + std::to_string(d.lead));
        REQUIRE(detail.status == 200);
        check_masked(detail.body);
        for (const auto* key : {"lastName", "phone", "phoneE164", "email", "contactRevealed"})
            CHECK(detail.json()["lead"][key] == lead[key]);
        CHECK_FALSE(detail.json()["lead"].contains("costCents"));
        // Before the delivery: the operator's call and notes are not the agent's to read.
        const auto history = detail.json()["interactions"];
        REQUIRE(history.size() == 1);
        CHECK(history[0]["summary"] == "Agent prévenu, joignable au 06 •• •• •• ••.");
        CHECK(agent_delivery(alice, d.id)["lead"]["lastName"] == "V.");
        CHECK(agent_delivery(alice, d.id)["contactRevealed"] == false);
        // The operator still sees everything.
        CHECK(op.get("/api/leads/" + std::to_string(d.lead)).json()["lastName"] == "Vasseur");
        CHECK(op.get(d.path).json()["lead"]["lastName"] == "Vasseur");
    }
    SECTION("Accept reveals it in the page, the PDF and the Agent CRM") {
        REQUIRE(alice.post("/api/agent/deliveries/" + std::to_string(d.id) + "/accept").status == 200);
        const auto page = anonymous.get("/p/" + d.token + "?accepted=1");
        check_revealed(page.body);
        CHECK(has(page.body, "Lead accepté. Vous pouvez appeler le vendeur."));
        CHECK(has(page.body, "href=\"tel:06 39 98 13 01\""));
        CHECK(has(page.body, "camille.Vasseur@example.fr"));
        check_revealed(pdf_text(anonymous.get("/p/" + d.token + "/pdf").body));
        const auto lead = assigned(alice, d.lead);
        CHECK(lead["contactRevealed"] == true);
        CHECK(lead["lastName"] == "Vasseur");
        CHECK(lead["phoneE164"] == "+33639981301");
        CHECK(lead["email"] == "camille.Vasseur@example.fr");
        CHECK_FALSE(lead.contains("costCents"));
        const auto history = alice.get("/api/agent/leads/" + std::to_string(d.lead)).json()["interactions"];
        REQUIRE(history.size() == 1);  // still nothing from before the delivery
        CHECK(history[0]["summary"] == "Agent prévenu, joignable au 0639981301.");
        CHECK(agent_delivery(alice, d.id)["lead"]["lastName"] == "Vasseur");
    }
}

TEST_CASE("Fetching the links changes nothing; the page reports the open itself, once") {
    TestServer server;
    Client op = server.client();
    REQUIRE(op.login("admin").status == 200);
    const auto d = deliver(server, op);
    Client anonymous = server.client();
    const auto audit_before = query_int(server, "SELECT COUNT(*) FROM audit_log");

    // A mail scanner or a chat preview: GET and HEAD of the page and the PDF.
    CHECK(anonymous.get("/p/" + d.token).status == 200);
    CHECK(anonymous.request("HEAD", "/p/" + d.token, "", {}, false).status == 200);
    CHECK(anonymous.get("/p/" + d.token + "/pdf").status == 200);
    CHECK(anonymous.request("HEAD", "/p/" + d.token + "/pdf", "", {}, false).status == 200);
    auto untouched = op.get(d.path).json();
    CHECK(untouched["status"] == "sent");
    CHECK(untouched["openedAt"].is_null());
    CHECK(query_int(server, "SELECT COUNT(*) FROM audit_log") == audit_before);

    // The page loads its one script from this server (its CSP allows nothing inline).
    const auto page = anonymous.get("/p/" + d.token);
    CHECK(has(page.body, "<script src=\"/p/package.js\" defer></script>"));
    CHECK(has(page.header("content-security-policy"), "script-src 'self'; connect-src 'self';"));
    const auto script = anonymous.get("/p/package.js");
    REQUIRE(script.status == 200);
    CHECK(script.header("content-type").rfind("text/javascript", 0) == 0);
    CHECK(has(script.body, "'/opened'"));

    // What the script sends when a person has the page in front of them.
    CHECK(anonymous.request("POST", "/p/" + d.token + "/opened", "", {}, false).status == 204);
    const auto opened_at = op.get(d.path).json()["openedAt"];
    CHECK(opened_at.is_string());
    CHECK(op.get(d.path).json()["status"] == "opened");
    server.set_clock(server.now() + 3600);
    CHECK(anonymous.request("POST", "/p/" + d.token + "/opened", "", {}, false).status == 204);
    CHECK(op.get(d.path).json()["openedAt"] == opened_at);  // set once
    CHECK(query_int(server, "SELECT COUNT(*) FROM audit_log WHERE action = 'delivery.open'") == 1);
    CHECK(anonymous.request("POST", "/p/AAAAAAAAAAAAAAAAAAAAAA/opened", "", {}, false).status == 404);
}

TEST_CASE("Paid by card: the contact comes with acceptance and Stripe's payment") {
    TestServer server([](Config& c) {
        c.stripe_webhook_secret = kSecret;
        c.stripe_payment_link_url = "https://buy.stripe.com/test_privacy";
    });
    Client op = server.client();
    REQUIRE(op.login("admin").status == 200);
    Client alice = server.client();
    REQUIRE(alice.login("alice.martin").status == 200);
    const auto d = deliver(server, op, {{"payment", "stripe"}});
    Client anonymous = server.client();

    REQUIRE(alice.post("/api/agent/deliveries/" + std::to_string(d.id) + "/accept").status == 200);
    const auto accepted = anonymous.get("/p/" + d.token + "?accepted=1");
    check_masked(accepted.body);
    CHECK(has(accepted.body, "Réglez par carte pour voir les coordonnées du vendeur."));
    CHECK(has(accepted.body, "Payer par carte"));
    CHECK(assigned(alice, d.lead)["contactRevealed"] == false);

    const auto event = nlohmann::json{{"id", "evt_privacy"},
                                      {"type", "checkout.session.completed"},
                                      {"data",
                                       {{"object",
                                         {{"id", "cs_privacy"},
                                          {"client_reference_id", "delivery:" + std::to_string(d.id)},
                                          {"payment_status", "paid"},
                                          {"currency", "eur"},
                                          {"amount_total", 2000}}}}}}
                           .dump();
    Client stripe = server.client();
    REQUIRE(stripe
                .request("POST", "/api/webhooks/stripe", event,
                         {{"Stripe-Signature", integrations::stripe_signature_header(event, kSecret, server.now())}},
                         false)
                .status == 200);
    check_revealed(anonymous.get("/p/" + d.token).body);
    CHECK(assigned(alice, d.lead)["contactRevealed"] == true);
}

TEST_CASE("A trusted agent's delivery shows the contact at once") {
    TestServer server;
    Client op = server.client();
    REQUIRE(op.login("admin").status == 200);
    Client alice = server.client();
    REQUIRE(alice.login("alice.martin").status == 200);
    CHECK(op.post("/api/deliveries", {{"leadId", 1}, {"fullContact", "oui"}}).status == 400);

    const auto d = deliver(server, op, {{"fullContact", true}});
    CHECK(op.get(d.path).json()["fullContact"] == true);
    CHECK(op.get(d.path).json()["contactRevealed"] == true);
    Client anonymous = server.client();
    check_revealed(anonymous.get("/p/" + d.token).body);
    check_revealed(pdf_text(anonymous.get("/p/" + d.token + "/pdf").body));
    const auto lead = assigned(alice, d.lead);
    CHECK(lead["contactRevealed"] == true);
    CHECK(lead["lastName"] == "Vasseur");
    CHECK_FALSE(lead.contains("costCents"));  // trusted with the contact, not with the books
}
