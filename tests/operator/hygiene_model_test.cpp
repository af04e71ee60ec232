// Duplicates and CSV import in the console, without GL: which lead a merge keeps, what the
// side-by-side view shows, a merged lead leaving its groups, and the import report's wording.
#include <catch2/catch.hpp>

#include "app/hygiene_model.hpp"
#include "crm/domain/json.hpp"
#include "test_support.hpp"

using namespace crm;
using namespace crm::console;
using crm::domain::testing::paris;
using crm::domain::testing::sample_lead;

namespace {

nlohmann::json lead_json(std::int64_t id, domain::UnixTime created) {
    auto l = sample_lead(id);
    l.created_at = created;
    return nlohmann::json(l);
}

// GET /api/leads/duplicates: one phone group of three, one e-mail group of two sharing lead 3.
nlohmann::json duplicates_answer() {
    const auto t = paris(2026, 11, 1, 9, 0);
    return {
        {"total", 2},
        {"groups",
         {{{"by", "phone"},
           {"key", "+33612345678"},
           {"count", 3},
           {"leads", {lead_json(3, t), lead_json(9, t + 3600), lead_json(5, t + 7200)}}},
          {{"by", "email"},
           {"key", "camille@example.fr"},
           {"count", 2},
           {"leads", {lead_json(3, t), lead_json(12, t + 86400)}}},
          {{"by", "email"}, {"key", "broken@example.fr"}, {"leads", {{{"id", "not a number"}}, lead_json(4, t)}}}}}};
}

}  // namespace

TEST_CASE("duplicates: groups as the server sent them, the oldest lead kept") {
    HygieneModel m;
    CHECK_FALSE(m.duplicates_loaded());
    m.set_duplicates(duplicates_answer());
    CHECK(m.duplicates_loaded());
    REQUIRE(m.groups().size() == 2);  // the group with an unreadable lead is left out
    CHECK(m.groups()[0].by == "phone");
    CHECK(m.groups()[0].leads.size() == 3);
    CHECK(group_keeper(m.groups()[0]).id == 3);

    SECTION("the older lead is kept whatever the order or the ids") {
        auto older = sample_lead(40), newer = sample_lead(7);
        older.created_at = paris(2026, 10, 1, 9, 0);
        newer.created_at = paris(2026, 11, 1, 9, 0);
        CHECK(group_keeper({"phone", "+33612345678", {newer, older}}).id == 40);
        CHECK(group_keeper({"phone", "+33612345678", {older, newer}}).id == 40);
        newer.created_at = older.created_at;  // same second: the smaller id is the older
        CHECK(group_keeper({"phone", "+33612345678", {older, newer}}).id == 7);
    }
    SECTION("a merged lead leaves every group; a group of one is no longer shown") {
        m.remove_lead(12);
        REQUIRE(m.groups().size() == 1);
        CHECK(m.total_groups() == 1);
        m.remove_lead(9);
        REQUIRE(m.groups().size() == 1);
        CHECK(m.groups()[0].leads.size() == 2);
    }
    SECTION("the test hook names each group's kept lead") {
        const auto s = m.snapshot();
        CHECK(s["groups"][0]["keepId"] == 3);
        CHECK(s["groups"][0]["leadIds"] == nlohmann::json({3, 9, 5}));
        CHECK(s["import"].is_null());
    }
    m.set_duplicates(nlohmann::json::parse(R"({"error": {}})"));  // not a list: empty, no throw
    CHECK(m.groups().empty());
}

TEST_CASE("the side-by-side view shows each lead's fields in French") {
    auto l = sample_lead(3);
    l.created_at = paris(2026, 11, 1, 9, 0);
    l.cost_cents = 1250;
    l.bad_number = true;
    l.stage = domain::Stage::contacted;
    const auto fields = lead_fields_fr(l);
    auto value = [&](const std::string& label) {
        for (const auto& f : fields)
            if (label == f.label) return f.value;
        return std::string("(absent)");
    };
    CHECK(value("Nom") == "Camille Durand");
    CHECK(value("Téléphone") == "06 12 34 56 78 (mauvais numéro)");
    CHECK(value("Estimation") == "420\u00a0000\u00a0€");
    CHECK(value("Coût") == "12,50\u00a0€");
    CHECK(value("Créé le") == "01/11/2026 09:00");
    CHECK(value("Projet") == "vendre · 2 mois");
    l.email.reset();
    CHECK(lead_fields_fr(l)[2].value == "—");
}

TEST_CASE("the import report: created, duplicate with its match, invalid with the reason") {
    const auto answer = nlohmann::json::parse(R"({
      "created": 1, "duplicates": 2, "invalid": 1, "total": 4, "separator": ";",
      "rows": [
        {"line": 2, "status": "created", "leadId": 41},
        {"line": 3, "status": "duplicate", "match": {"leadId": 7, "by": "phone"}},
        {"line": 4, "status": "duplicate", "match": {"leadId": 41, "by": "email", "line": 2}},
        {"line": 5, "status": "invalid", "reason": "phone : numéro invalide"}
      ]})");
    const auto r = import_report_from_json("leads.csv", answer);
    CHECK(r.file_name == "leads.csv");
    CHECK(r.created == 1);
    CHECK(r.duplicates == 2);
    CHECK(r.invalid == 1);
    REQUIRE(r.rows.size() == 4);
    CHECK(import_row_detail(r.rows[0]) == "lead 41");
    CHECK(import_row_detail(r.rows[1]) == "même téléphone que le lead existant (lead 7)");
    CHECK(import_row_detail(r.rows[2]) == "même e-mail que la ligne 2 du fichier (lead 41)");
    CHECK(import_row_detail(r.rows[3]) == "phone : numéro invalide");
    CHECK(std::string(import_status_label_fr("duplicate")) == "doublon");

    HygieneModel m;
    m.set_import(r);
    const auto s = m.snapshot();
    CHECK(s["import"]["rows"][3]["detail"] == "phone : numéro invalide");
    CHECK(s["import"]["fileName"] == "leads.csv");
}
