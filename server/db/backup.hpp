#pragma once
// Online backup, consistent while the server keeps serving: SQLite's backup API into a new
// file, or pg_dump's custom format for PostgreSQL (docs/SCALING.md).
#include <string>

namespace crm::db {

// Copies the database at `source_path` into `target_path` (overwritten), a few pages at a
// time so writers are never blocked for long. Throws DbError on failure.
void backup_database(const std::string& source_path, const std::string& target_path);

}  // namespace crm::db
