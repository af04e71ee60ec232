#pragma once
// A time column as the API sends it: an ISO 8601 UTC string, or null.
#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>

#include "crm/domain/time.hpp"

namespace crm::db {

inline nlohmann::json iso_or_null(const std::optional<std::int64_t>& t) {
    if (!t) return nullptr;
    return domain::format_iso_utc(*t);
}

}  // namespace crm::db
