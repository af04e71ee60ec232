// Phone numbers and e-mail addresses as typed or imported: a number that normalises is E.164
// (+ and digits) and normalises to itself again.
#include <cctype>
#include <cstddef>
#include <cstdint>
#include <string>

#include "crm/domain/validation.hpp"
#include "fuzz_check.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string text(reinterpret_cast<const char*>(data), size);
    crm::domain::is_valid_email(text);
    crm::domain::lower_email(text);
    const auto e164 = crm::domain::normalize_phone(text);
    if (!e164) return 0;
    FUZZ_CHECK(e164->size() >= 8 && e164->size() <= 16 && (*e164)[0] == '+');
    for (std::size_t i = 1; i < e164->size(); ++i) FUZZ_CHECK(std::isdigit(static_cast<unsigned char>((*e164)[i])));
    FUZZ_CHECK(crm::domain::normalize_phone(*e164) == e164);
    return 0;
}
