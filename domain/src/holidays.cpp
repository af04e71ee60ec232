#include "crm/domain/holidays.hpp"

#include "crm/domain/time.hpp"

namespace crm::domain {

Date easter_sunday(int y) {
    // Anonymous Gregorian algorithm (Meeus/Jones/Butcher).
    const int a = y % 19, b = y / 100, c = y % 100, d = b / 4, e = b % 4, f = (b + 8) / 25, g = (b - f + 1) / 3;
    const int h = (19 * a + b - d - g + 15) % 30, i = c / 4, k = c % 4, l = (32 + 2 * e + 2 * i - h - k) % 7;
    const int m = (a + 11 * h + 22 * l) / 451;
    const int month = (h + l - 7 * m + 114) / 31, day = (h + l - 7 * m + 114) % 31 + 1;
    return {y, month, day};
}

std::optional<std::string> french_public_holiday(int y, int m, int d) {
    struct Fixed {
        int m, d;
        const char* name;
    };
    static const Fixed fixed[] = {{1, 1, "Jour de l'an"},     {5, 1, "Fête du Travail"}, {5, 8, "Victoire 1945"},
                                  {7, 14, "Fête nationale"},  {8, 15, "Assomption"},     {11, 1, "Toussaint"},
                                  {11, 11, "Armistice 1918"}, {12, 25, "Noël"}};
    for (const auto& f : fixed)
        if (f.m == m && f.d == d) return std::string(f.name);
    const Date easter = easter_sunday(y);
    const auto offset = days_from_civil(y, m, d) - days_from_civil(easter.year, easter.month, easter.day);
    if (offset == 1) return std::string("Lundi de Pâques");
    if (offset == 39) return std::string("Ascension");
    if (offset == 50) return std::string("Lundi de Pentecôte");
    return std::nullopt;
}

}  // namespace crm::domain
