#pragma once
// The operator's settings: one JSON document (domain::Settings) under the key "domain".
#include "crm/domain/settings.hpp"
#include "db/database.hpp"

namespace crm::settings {

// Defaults for what was never saved; the learned connect rates over the stored document.
domain::Settings load_settings(db::Database& db);
void save_settings(db::Database& db, const domain::Settings& s, std::int64_t now);

}  // namespace crm::settings
