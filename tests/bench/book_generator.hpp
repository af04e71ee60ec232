#pragma once
// A large, deterministic book for benchmarks: leads over one year, interactions, appointments,
// deliveries with their payments, credit top-ups and cost entries, written in one transaction
// into a migrated and seeded database (its users become the operators and agents).
#include <cstdint>

#include "db/database.hpp"

namespace crm::bench {

void generate_book(db::Database& db, std::int64_t now, int n_leads, int n_interactions, int n_deliveries);

}  // namespace crm::bench
