// Writing many rows at once, for seeds and imports of thousands of records: ids taken before the rows
// go in, and rows written in multi-row INSERTs of a few hundred, tens of round trips instead of thousands.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "store/db.hpp"

namespace weizhi::store {

// The most values one statement may bind on both engines (SQLite's limit; PostgreSQL's is 65535).
inline constexpr std::size_t kMaxBoundValues = 32766;
// The most rows one multi-row INSERT writes: beyond a few hundred the round trips saved no longer
// show, while the statement's text and bindings keep growing.
inline constexpr std::size_t kRowsPerInsert = 500;

// `count` new ids for `table`'s `id` column, ascending: the ones `count` inserts in a row would have
// got, from the column's sequence on PostgreSQL, after the largest id on SQLite (one writer at a time,
// so no other insert comes between). Rows inserted with them in that order keep the ids' order.
std::vector<std::int64_t> allocate_ids(Tx& tx, std::string_view table, std::size_t count);

// "(?, ?), (?, ?), …": `rows` rows of `columns` placeholders, the VALUES list of a multi-row INSERT.
std::string value_rows(std::size_t columns, std::size_t rows);

// Inserts `rows`, each one value per column of `columns` in that order, into `table` in the order given,
// at most kRowsPerInsert rows and kMaxBoundValues values to a statement. Throws std::invalid_argument,
// before writing anything, when there are no columns or a row's size differs from theirs.
void insert_rows(Tx& tx, std::string_view table, const std::vector<std::string>& columns,
                 const std::vector<Params>& rows);

}  // namespace weizhi::store
