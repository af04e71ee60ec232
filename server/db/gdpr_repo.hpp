#pragma once
// GDPR erasure, shared by POST /api/leads/{id}/erase and the retention pass of the scheduler:
// the person's fields are replaced everywhere by an erasure marker; money, counts and dates
// stay (the dashboard and the books do not change); share links die; it is audited.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "db/database.hpp"

namespace crm::db {

constexpr const char* kErasedMarker = "[effacé]";

// Call inside a transaction. `user_id` is empty for the scheduler ("système" in the audit log).
void erase_lead_data(Database& db, std::int64_t lead_id, std::optional<std::int64_t> user_id, const std::string& why,
                     std::int64_t now);

// Leads untouched since `cutoff` and not yet erased: created before it, and no call, note or
// meeting since (changes the automations make on their own do not count as a touch).
std::vector<std::int64_t> leads_untouched_since(Database& db, std::int64_t cutoff, int limit);

}  // namespace crm::db
