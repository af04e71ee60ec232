#pragma once
// Small text helpers shared by the domain, the server and the console.
#include <string>
#include <string_view>

namespace crm::domain {

// `s` without leading and trailing spaces and tabs (what a form field or a CSV cell means).
std::string trim_blanks(std::string_view s);

}  // namespace crm::domain
