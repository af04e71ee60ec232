#include <catch2/catch.hpp>

#include "crm/domain/holidays.hpp"

using namespace crm::domain;

TEST_CASE("Easter Sunday") {
    auto check = [](int y, int m, int d) {
        const auto e = easter_sunday(y);
        INFO(y);
        CHECK(e.month == m);
        CHECK(e.day == d);
    };
    check(2024, 3, 31);
    check(2025, 4, 20);
    check(2026, 4, 5);
    check(2027, 3, 28);
    check(2038, 4, 25);
}

TEST_CASE("French public holidays") {
    CHECK(french_public_holiday(2026, 1, 1) == std::optional<std::string>("Jour de l'an"));
    CHECK(french_public_holiday(2026, 5, 1) == std::optional<std::string>("Fête du Travail"));
    CHECK(french_public_holiday(2026, 5, 8));
    CHECK(french_public_holiday(2026, 7, 14) == std::optional<std::string>("Fête nationale"));
    CHECK(french_public_holiday(2026, 8, 15));
    CHECK(french_public_holiday(2026, 11, 1));
    CHECK(french_public_holiday(2026, 11, 11));
    CHECK(french_public_holiday(2026, 12, 25));
    CHECK(french_public_holiday(2026, 4, 6) == std::optional<std::string>("Lundi de Pâques"));
    CHECK(french_public_holiday(2026, 5, 14) == std::optional<std::string>("Ascension"));
    CHECK(french_public_holiday(2026, 5, 25) == std::optional<std::string>("Lundi de Pentecôte"));
    CHECK_FALSE(french_public_holiday(2026, 4, 5));  // Easter Sunday itself is a Sunday anyway
    CHECK_FALSE(french_public_holiday(2026, 11, 20));
    CHECK_FALSE(french_public_holiday(2026, 12, 26));
}
