#pragma once
// The operator's settings: one JSON document (domain::Settings) under the key "domain".
#include "crm/domain/settings.hpp"
#include "db/database.hpp"

namespace crm::db {

// Defaults for what was never saved; the learned connect rates over the stored document.
domain::Settings load_settings(Database& db);
void save_settings(Database& db, const domain::Settings& s, std::int64_t now);

}  // namespace crm::db
