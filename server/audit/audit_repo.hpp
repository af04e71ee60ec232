#pragma once
// The audit log: who changed what, when, with the values before and after. Every statement
// about audit_log rows is here.
#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "db/database.hpp"

namespace crm::audit_log {

// Appends one entry (`before`/`after` null: not stored). In the caller's transaction.
void audit(db::Database& db, std::optional<std::int64_t> user_id, const std::string& action, const std::string& entity,
           std::optional<std::int64_t> entity_id, const nlohmann::json& before, const nlohmann::json& after,
           std::int64_t now);

struct EntryFilter {
    std::optional<std::string> entity;
    std::optional<std::int64_t> entity_id;
    int limit = 100;
};
// Newest first, with the author's display name ("système" for none) and before/after parsed:
// [{id, userId, userName, action, entity, entityId, before, after, at}].
nlohmann::json list_entries(db::Database& db, const EntryFilter& filter);

}  // namespace crm::audit_log

namespace crm {
// Every object writes its audit entries as crm::audit(...).
using audit_log::audit;
}  // namespace crm
