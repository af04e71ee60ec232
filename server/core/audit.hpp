#pragma once
// The audit log: who changed what, when, with the values before and after.
#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "db/database.hpp"

namespace crm {

void audit(db::Database& db, std::optional<std::int64_t> user_id, const std::string& action, const std::string& entity,
           std::optional<std::int64_t> entity_id, const nlohmann::json& before, const nlohmann::json& after,
           std::int64_t now);

}  // namespace crm
