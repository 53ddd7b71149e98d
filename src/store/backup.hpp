// Online backup and restore of an SQLite database file with SQLite's backup API, safe while
// the server is writing. PostgreSQL deployments use pg_dump (docs/operations.md).
#pragma once
#include <string>

namespace weizhi::store {

// Copies the live database at `database_path` into `backup_path`. Throws std::runtime_error.
void backup_sqlite(const std::string& database_path, const std::string& backup_path);
// Replaces the content of `database_path` with the backup's. Throws std::runtime_error.
void restore_sqlite(const std::string& backup_path, const std::string& database_path);

}  // namespace weizhi::store
