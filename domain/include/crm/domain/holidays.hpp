#pragma once
// French public holidays (jours fériés of metropolitan France), Easter-based ones included.
#include <optional>
#include <string>

namespace crm::domain {

struct Date {
    int year, month, day;
};

Date easter_sunday(int year);  // Gregorian computus
// The holiday's French name, or nothing when (y, m, d) is a working day.
std::optional<std::string> french_public_holiday(int year, int month, int day);

}  // namespace crm::domain
