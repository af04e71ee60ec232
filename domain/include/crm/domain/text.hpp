#pragma once
// Small text helpers shared by the domain, the server and the console.
#include <optional>
#include <string>
#include <string_view>

namespace crm::domain {

// `s` without leading and trailing spaces and tabs (what a form field or a CSV cell means).
std::string trim_blanks(std::string_view s);

// The 1-based line of the first byte that is not UTF-8 (overlong forms, surrogates and values
// past U+10FFFF included), or nothing when all of `s` is UTF-8.
std::optional<int> invalid_utf8_line(std::string_view s);

}  // namespace crm::domain
