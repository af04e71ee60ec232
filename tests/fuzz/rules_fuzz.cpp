// Rule strings typed by the operator: parsing never crashes, and an accepted action list
// prints back to text that parses to the same actions.
#include <cstddef>
#include <cstdint>
#include <string>

#include "crm/domain/rules.hpp"
#include "fuzz_check.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string text(reinterpret_cast<const char*>(data), size);
    crm::domain::parse_trigger(text);
    const auto parsed = crm::domain::parse_actions(text);
    if (!parsed.ok()) return 0;
    std::string printed;
    for (const auto& a : parsed.actions) printed += (printed.empty() ? "" : ",") + crm::domain::to_string(a);
    const auto again = crm::domain::parse_actions(printed);
    FUZZ_CHECK(again.ok());
    FUZZ_CHECK(again.actions.size() == parsed.actions.size());
    for (std::size_t i = 0; i < parsed.actions.size(); ++i) {
        FUZZ_CHECK(again.actions[i].kind == parsed.actions[i].kind);
        FUZZ_CHECK(again.actions[i].arg == parsed.actions[i].arg);
        FUZZ_CHECK(again.actions[i].days == parsed.actions[i].days);
    }
    return 0;
}
