#include "crm/domain/pricing.hpp"

#include <cstdlib>
#include <string>

namespace crm::domain {

DeliveryPrice delivery_price(bool booked_slot, bool exclusive, const Settings& s) {
    DeliveryPrice p;
    p.base_cents = s.price_base_cents;
    p.slot_bonus_cents = booked_slot ? s.price_slot_bonus_cents : 0;
    // The exclusivity bonus applies to the whole price before it.
    p.exclusive_bonus_cents = exclusive ? (p.base_cents + p.slot_bonus_cents) * s.price_exclusive_percent / 100 : 0;
    p.total_cents = p.base_cents + p.slot_bonus_cents + p.exclusive_bonus_cents;
    return p;
}

std::string format_thousands(std::int64_t n) {
    const std::string digits = std::to_string(n < 0 ? -static_cast<std::uint64_t>(n) : static_cast<std::uint64_t>(n));
    std::string grouped = n < 0 ? "-" : "";
    for (std::size_t i = 0; i < digits.size(); ++i) {
        if (i > 0 && (digits.size() - i) % 3 == 0) grouped += "\u00a0";
        grouped += digits[i];
    }
    return grouped;
}

std::string format_euros(Money cents, bool with_cents) {
    const bool negative = cents < 0;
    const Money abs_cents = std::llabs(cents);
    std::string out = (negative ? "-" : "") + format_thousands(with_cents ? abs_cents / 100 : (abs_cents + 50) / 100);
    if (with_cents) {
        const int c = static_cast<int>(abs_cents % 100);
        out += ",";
        out += static_cast<char>('0' + c / 10);
        out += static_cast<char>('0' + c % 10);
    }
    return out + "\u00a0€";
}

}  // namespace crm::domain
