// Versioned schema migrations: each module embeds its NNNN_name.sql files (cmake/embed_sql.cmake)
// and the runner applies the missing ones in version order, each in its own transaction.
// In the SQL, `{{id}}` stands for the dialect's auto-increment 64-bit primary key.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

namespace weizhi::store {

class Db;

struct Migration {
  std::int64_t version;
  std::string name;
  std::string sql;
};

// Applies every migration not yet recorded in schema_migrations; returns how many ran.
// On PostgreSQL an advisory lock keeps several starting instances from racing.
int apply_migrations(Db& db, std::vector<Migration> migrations);
// True when every given migration is recorded as applied.
bool migrations_current(Db& db, const std::vector<Migration>& migrations);

}  // namespace weizhi::store
