#include "crm/domain/text.hpp"

namespace crm::domain {

std::string trim_blanks(std::string_view s) {
    const auto b = s.find_first_not_of(" \t");
    if (b == std::string_view::npos) return "";
    return std::string(s.substr(b, s.find_last_not_of(" \t") - b + 1));
}

}  // namespace crm::domain
