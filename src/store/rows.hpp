// Reading query results into a module's types: a store names its row mapper once (to_case,
// to_item, …) and these apply it to every row of a listing or to the one row of a lookup.
#pragma once
#include <optional>
#include <type_traits>
#include <vector>

#include "store/db.hpp"

namespace weizhi::store {

template <class Map>
using Mapped = std::decay_t<std::invoke_result_t<Map&, const Row&>>;

// Every row through `map`, in the order the query returned them.
template <class Map>
std::vector<Mapped<Map>> map_rows(const Rows& rows, Map&& map) {
  std::vector<Mapped<Map>> mapped;
  mapped.reserve(rows.size());
  for (const auto& row : rows) mapped.push_back(map(row));
  return mapped;
}

// The row through `map`; nullopt when the query found none.
template <class Map>
std::optional<Mapped<Map>> map_row(const std::optional<Row>& row, Map&& map) {
  if (!row) return std::nullopt;
  return map(*row);
}

// The first column as an integer: the mapper of a query that selects ids or one number.
inline std::int64_t first_integer(const Row& row) { return row.i64(0); }

}  // namespace weizhi::store
