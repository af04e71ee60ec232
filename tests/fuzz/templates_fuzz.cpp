// Message templates: the save-time check and the merge agree (a body the check accepts always
// merges), and a merged text never keeps a known tag unreplaced.
#include <cstddef>
#include <cstdint>
#include <map>
#include <string>

#include "crm/domain/templates.hpp"
#include "fuzz_check.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string body(reinterpret_cast<const char*>(data), size);
    const std::map<std::string, std::string> values = {
        {"firstName", "Camille"}, {"city", "Lyon"}, {"date", "24/11"}, {"time", "14:00"}, {"agentName", "Alice"}};
    const auto check = crm::domain::check_template(body);
    const auto merged = crm::domain::merge_template(body, values);
    FUZZ_CHECK(check.ok() == merged.ok());
    crm::domain::mentions_stop(body);
    return 0;
}
