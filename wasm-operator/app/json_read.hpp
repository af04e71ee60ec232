#pragma once
// Reading the server's JSON answers in the console's models: a missing or mistyped field reads
// as empty (the view shows "—") instead of throwing in the middle of a frame.
#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "crm/domain/time.hpp"

namespace crm::console::json_read {

inline std::string text(const nlohmann::json& j, const char* key) {
    return j.is_object() && j.contains(key) && j[key].is_string() ? j[key].get<std::string>() : std::string();
}

inline std::int64_t number(const nlohmann::json& j, const char* key) {  // 0 when absent
    return j.is_object() && j.contains(key) && j[key].is_number() ? j[key].get<std::int64_t>() : 0;
}

inline std::optional<std::int64_t> opt_id(const nlohmann::json& j, const char* key) {
    if (!j.is_object() || !j.contains(key) || !j[key].is_number_integer()) return std::nullopt;
    return j[key].get<std::int64_t>();
}

inline std::optional<domain::UnixTime> opt_time(const nlohmann::json& j, const char* key) {  // ISO 8601 UTC
    if (!j.is_object() || !j.contains(key) || !j[key].is_string()) return std::nullopt;
    return domain::parse_iso_utc(j[key].get<std::string>());
}

// The rows of a list answer ({items: [...]}); a malformed item is left out rather than taking
// the whole list down.
template <typename Row, typename Parse>
std::vector<Row> parse_items(const nlohmann::json& answer, Parse parse) {
    std::vector<Row> out;
    if (!answer.is_object() || !answer.contains("items") || !answer["items"].is_array()) return out;
    for (const auto& item : answer["items"]) {
        if (!item.is_object()) continue;
        try {
            out.push_back(parse(item));
        } catch (const std::exception&) {
        }
    }
    return out;
}

}  // namespace crm::console::json_read
