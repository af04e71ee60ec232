#include <catch2/catch.hpp>

#include "crm/domain/validation.hpp"
#include "test_support.hpp"

using namespace crm::domain;

TEST_CASE("phone numbers normalise to E.164") {
    const std::optional<std::string> expected("+33612345678");
    CHECK(normalize_phone("06 12 34 56 78") == expected);
    CHECK(normalize_phone("0612345678") == expected);
    CHECK(normalize_phone("06.12.34.56.78") == expected);
    CHECK(normalize_phone("06-12-34-56-78") == expected);
    CHECK(normalize_phone("+33 6 12 34 56 78") == expected);
    CHECK(normalize_phone("+33612345678") == expected);
    CHECK(normalize_phone("0033 6 12 34 56 78") == expected);
    CHECK(normalize_phone("+33 (0)6 12 34 56 78") == expected);
    CHECK(normalize_phone("+33 06 12 34 56 78") == expected);
    CHECK(normalize_phone("01 42 68 53 00") == std::optional<std::string>("+33142685300"));
    CHECK(normalize_phone("+32 470 12 34 56") == std::optional<std::string>("+32470123456"));
    CHECK(normalize_phone("0044 20 7946 0958") == std::optional<std::string>("+442079460958"));

    CHECK_FALSE(normalize_phone(""));
    CHECK_FALSE(normalize_phone("06 12 34 56"));        // too short
    CHECK_FALSE(normalize_phone("06 12 34 56 78 90"));  // too long for France
    CHECK_FALSE(normalize_phone("+33 6 12 34 56 7"));
    CHECK_FALSE(normalize_phone("612345678"));  // no prefix: ambiguous
    CHECK_FALSE(normalize_phone("06 12 34 56 7a"));
    CHECK_FALSE(normalize_phone("+0 123 456 789"));
    CHECK_FALSE(normalize_phone("++33612345678"));
}

TEST_CASE("e-mail addresses") {
    CHECK(is_valid_email("camille.durand@example.fr"));
    CHECK(is_valid_email("a+b@sub.example.co.uk"));
    CHECK_FALSE(is_valid_email("camille"));
    CHECK_FALSE(is_valid_email("@example.fr"));
    CHECK_FALSE(is_valid_email("a@b"));
    CHECK_FALSE(is_valid_email("a@@b.fr"));
    CHECK_FALSE(is_valid_email("a b@c.fr"));
    CHECK_FALSE(is_valid_email("a@b.fr."));
}

TEST_CASE("lead validation names every bad field") {
    Lead l;
    auto errors = validate_lead(l);
    CHECK(errors.count("lastName"));
    CHECK(errors.count("phone"));
    l.last_name = "Durand";
    l.phone = "12";
    l.email = "nope";
    l.zip = "6900";
    l.timeline_months = -1;
    errors = validate_lead(l);
    CHECK(errors.count("phone"));
    CHECK(errors.count("email"));
    CHECK(errors.count("zip"));
    CHECK(errors.count("timelineMonths"));
    CHECK_FALSE(errors.count("lastName"));
    CHECK(validate_lead(crm::domain::testing::sample_lead()).empty());
    Lead email_only;
    email_only.first_name = "Léa";
    email_only.email = "lea@example.fr";
    CHECK(validate_lead(email_only).empty());
}

TEST_CASE("duplicate keys: normalised phone and lower-cased e-mail") {
    Lead a, b;
    a.phone = "06 12 34 56 78";
    a.email = "Camille.Durand@Example.FR";
    b.phone = "0033 6 12 34 56 78";
    const auto ka = duplicate_keys(a);
    const auto kb = duplicate_keys(b);
    CHECK(ka.phone_e164 == kb.phone_e164);
    CHECK(ka.email_lower == std::optional<std::string>("camille.durand@example.fr"));
    CHECK_FALSE(kb.email_lower);
}
