#pragma once
// The three accounts (alice.martin, ben.leroy: agents; admin: operator; all "demo123") and
// deterministic French demo data, written once into an empty database. Times are offsets
// from `now`, so a fixed clock (CRM_TEST_NOW) gives byte-identical data.
#include <cstdint>

#include "db/database.hpp"

namespace crm::seeds {

bool seed_if_empty(db::Database& db, std::int64_t now);  // true when it seeded

}  // namespace crm::seeds
