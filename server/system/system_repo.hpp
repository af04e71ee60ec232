#pragma once
// The one statement /healthz runs: the database answers a query.
#include "db/database.hpp"

namespace crm::system {

// Runs a trivial query; throws (503 through the error mapping) when the database cannot answer.
void check_database_answers(db::Database& db);

}  // namespace crm::system
