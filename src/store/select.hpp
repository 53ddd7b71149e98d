// A listing's SELECT built condition by condition, each condition with the values it binds, and
// ended by the keyset page every paged listing shares (or, read whole, by its order), so that
// optional filters never splice a value into SQL and no store spells the page clauses again.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "store/db.hpp"

namespace weizhi::store {

// "?, ?, …": the placeholders of an IN list of `count` values.
std::string placeholders(std::size_t count);

// `text` as a LIKE pattern that matches that text alone: its wildcards (% and _) and the escape
// character itself escaped, for a condition written `LIKE ? ESCAPE '\'`. Wrap it in % to find the text
// anywhere in a column.
std::string like_pattern(std::string_view text);

class Select {
 public:
  // `sql` is the statement up to where its conditions begin: SELECT … FROM … JOIN ….
  explicit Select(std::string sql);

  // Adds a condition joined to the others by AND; `params` fill its placeholders.
  Select& where(std::string_view condition, Params params = {});
  // The page of rows whose `id_column` lies below `before_id` (all when absent), newest first, at
  // most `limit` of them (all when absent).
  Select& newest_first(std::string_view id_column, std::optional<std::int64_t> before_id,
                       std::optional<std::int64_t> limit);
  // The page of rows whose `id_column` lies above `after_id`, oldest first, at most `limit`.
  Select& oldest_first(std::string_view id_column, std::int64_t after_id, std::int64_t limit);

  // Ends the statement with `order` (an ORDER BY's columns), for a listing read whole rather than by pages.
  Select& ordered_by(std::string_view order);

  Rows run(Connection& connection) const { return connection.query(sql_, params_); }
  const std::string& sql() const { return sql_; }
  const Params& params() const { return params_; }

 private:
  std::string sql_;
  Params params_;
  bool has_condition_ = false;
};

}  // namespace weizhi::store
