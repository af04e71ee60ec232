#pragma once
// Online backup through SQLite's backup API: consistent while the server keeps serving.
#include <string>

namespace crm::db {

// Copies the database at `source_path` into `target_path` (overwritten), a few pages at a
// time so writers are never blocked for long. Throws DbError on failure.
void backup_database(const std::string& source_path, const std::string& target_path);

}  // namespace crm::db
