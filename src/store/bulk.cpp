// Bulk writes: ids allocated ahead of their rows, and rows inserted a statement of hundreds at a time.
#include "store/bulk.hpp"

#include <algorithm>
#include <stdexcept>

namespace weizhi::store {

std::vector<std::int64_t> allocate_ids(Tx& tx, std::string_view table, std::size_t count) {
  std::vector<std::int64_t> ids;
  if (count == 0) return ids;
  ids.reserve(count);
  if (tx.dialect() == Dialect::Sqlite) {
    std::int64_t first = tx.scalar("SELECT COALESCE(MAX(id), 0) + 1 FROM " + std::string(table));
    for (std::size_t offset = 0; offset < count; ++offset) ids.push_back(first + static_cast<std::int64_t>(offset));
    return ids;
  }
  for (const auto& row : tx.query("SELECT nextval(pg_get_serial_sequence(?, 'id')) FROM generate_series(1, ?)",
                                  {table, static_cast<std::int64_t>(count)})) {
    ids.push_back(row.i64(0));
  }
  // The rows come in the series' order; sorted, the ids stay ascending whatever order the engine chose.
  std::sort(ids.begin(), ids.end());
  return ids;
}

std::string value_rows(std::size_t columns, std::size_t rows) {
  std::string row = "(";
  for (std::size_t column = 0; column < columns; ++column) row += column == 0 ? "?" : ", ?";
  row += ")";
  std::string values;
  values.reserve(rows * (row.size() + 2));
  for (std::size_t index = 0; index < rows; ++index) {
    if (index > 0) values += ", ";
    values += row;
  }
  return values;
}

void insert_rows(Tx& tx, std::string_view table, const std::vector<std::string>& columns,
                 const std::vector<Params>& rows) {
  if (columns.empty()) throw std::invalid_argument("insert_rows: no columns for " + std::string(table));
  for (const auto& row : rows) {
    if (row.size() != columns.size()) {
      throw std::invalid_argument("insert_rows: a row of " + std::to_string(row.size()) + " values for " +
                                  std::to_string(columns.size()) + " columns of " + std::string(table));
    }
  }
  std::string head = "INSERT INTO " + std::string(table) + " (";
  for (std::size_t index = 0; index < columns.size(); ++index) head += (index > 0 ? ", " : "") + columns[index];
  head += ") VALUES ";
  const std::size_t per_statement =
      std::max<std::size_t>(1, std::min(kRowsPerInsert, kMaxBoundValues / columns.size()));
  for (std::size_t start = 0; start < rows.size(); start += per_statement) {
    std::size_t count = std::min(per_statement, rows.size() - start);
    Params values;
    values.reserve(count * columns.size());
    for (std::size_t index = start; index < start + count; ++index) {
      values.insert(values.end(), rows[index].begin(), rows[index].end());
    }
    tx.exec(head + value_rows(columns.size(), count), values);
  }
}

}  // namespace weizhi::store
