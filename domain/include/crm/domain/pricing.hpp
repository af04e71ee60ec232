#pragma once
// The price of a delivery: base €20, + €15 with a booked slot, + 50 % when exclusive.
#include "crm/domain/settings.hpp"

namespace crm::domain {

struct DeliveryPrice {
    Money base_cents = 0;
    Money slot_bonus_cents = 0;
    Money exclusive_bonus_cents = 0;
    Money total_cents = 0;
};

DeliveryPrice delivery_price(bool booked_slot, bool exclusive, const Settings& s);
// "420 000 €", "35,00 €" (French grouping with narrow no-break spaces replaced by plain
// no-break spaces, comma decimals).
std::string format_euros(Money cents, bool with_cents = true);
// A whole number grouped by thousands the French way: 100040 → "100 040" (no-break spaces).
std::string format_thousands(std::int64_t n);

}  // namespace crm::domain
