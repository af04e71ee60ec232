// The lead form's model: the domain library's check before sending, the body the API takes,
// and the duplicates a 409 carries.
#include <catch2/catch.hpp>

#include "app/lead_form.hpp"
#include "crm/domain/json.hpp"
#include "test_support.hpp"

using namespace crm;
using namespace crm::console;

TEST_CASE("the lead form refuses what the server would, and sends what the API takes") {
    LeadDraft d;
    CHECK(d.problems().count("lastName"));
    CHECK(d.problems().count("phone"));
    d.last_name = "Morel";
    d.phone = "06 12 34";
    CHECK(d.problems().at("phone").find("invalide") != std::string::npos);
    d.phone = "06 12 34 56 78";
    d.email = "pas-une-adresse";
    CHECK(d.problems().count("email"));
    d.email = "";
    CHECK(d.problems().empty());

    d.timeline_months = 3;
    d.estimate_euros = 250000;
    d.cost_euros = 12;
    d.intention = domain::Intention::sell;
    const auto body = d.body(false);
    CHECK(body["lastName"] == "Morel");
    CHECK(body["email"].is_null());
    CHECK(body["priceEstimateCents"] == 25000000);
    CHECK(body["costCents"] == 1200);
    CHECK(body["intention"] == "sell");
    CHECK_FALSE(body.contains("allowDuplicate"));
    CHECK(d.body(true)["allowDuplicate"] == true);
    LeadDraft unknown;
    unknown.last_name = "X";
    unknown.email = "x@example.fr";
    CHECK(unknown.body(false)["timelineMonths"].is_null());
    CHECK(unknown.body(false)["priceEstimateCents"].is_null());
}

TEST_CASE("an edited lead starts from its values; a 409 gives the matched leads oldest first") {
    auto l = domain::testing::sample_lead(7);
    l.cost_cents = 1500;
    const auto d = LeadDraft::from_lead(l);
    CHECK(d.id == 7);
    CHECK(d.phone == l.phone);
    CHECK(d.estimate_euros == 420000);
    CHECK(d.cost_euros == 15);

    auto older = domain::testing::sample_lead(3);
    nlohmann::json candidate = older;
    candidate["matchedOn"] = "phone";
    const nlohmann::json conflict = {{"error", {{"code", "duplicate"}}}, {"candidates", {candidate}}};
    const auto offer = duplicate_offer(conflict);
    REQUIRE(offer);
    REQUIRE(offer->candidates.size() == 1);
    CHECK(offer->candidates[0].id == 3);
    CHECK(offer->matched_on[0] == "phone");
    CHECK_FALSE(duplicate_offer(nlohmann::json::object()));
}
