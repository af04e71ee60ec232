#pragma once
// The SQL of data hygiene: duplicate groups, and merging one lead into another (every row that
// pointed at the removed lead moved to the kept one, the removed lead deleted, the kept lead's
// state written back).
#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "crm/domain/lead.hpp"
#include "db/database.hpp"

namespace crm::hygiene {

// Leads sharing a phone (E.164) or an e-mail (case-insensitive), oldest group first.
struct DuplicateGroup {
    std::string by;   // "phone" or "email"
    std::string key;  // the E.164 number, or the lower-case e-mail
    std::int64_t count = 0;
};
std::vector<DuplicateGroup> duplicate_groups(db::Database& db);
// The group's leads, oldest first (without their extras: leads::load_lead_extras adds them).
std::vector<domain::Lead> leads_of_group(db::Database& db, const DuplicateGroup& group);

// Every row of every table with a foreign key to leads (read from the schema, so tables added
// later follow) moved from `from_id` to `keep_id`: {table: rows moved}, tables with none left out.
nlohmann::json move_lead_references(db::Database& db, std::int64_t from_id, std::int64_t keep_id);

// The lead's calls: first, last, and first one where someone picked up (answered, booked, not a seller).
struct CallStamps {
    std::optional<std::int64_t> first, last, first_connect;
};
CallStamps call_stamps(db::Database& db, std::int64_t lead_id);

}  // namespace crm::hygiene
