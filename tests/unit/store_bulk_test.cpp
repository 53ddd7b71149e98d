// store::allocate_ids and store::insert_rows on SQLite: ids as row-by-row inserts would take them, rows
// written in order across statements, and no statement binding more values than the engine allows.
#include <gtest/gtest.h>

#include <filesystem>

#include "core/crypto.hpp"
#include "store/bulk.hpp"

namespace weizhi::store {
namespace {

// A folder of its own under the temporary directory, for the test's database file.
std::filesystem::path new_folder() {
  auto folder = std::filesystem::temp_directory_path() / ("weizhi-bulk-" + crypto::random_hex(6));
  std::filesystem::create_directories(folder);
  return folder;
}

class StoreBulk : public ::testing::Test {
 protected:
  StoreBulk()
      : folder_(new_folder()), connection_((folder_ / "bulk.db").string()), tx_(connection_, SystemClock().now()) {
    connection_.exec("CREATE TABLE items (id INTEGER PRIMARY KEY, name TEXT NOT NULL, size BIGINT, note TEXT)");
  }
  ~StoreBulk() override { std::filesystem::remove_all(folder_); }

  std::int64_t count() { return tx_.scalar("SELECT COUNT(*) FROM items"); }

  std::filesystem::path folder_;
  Connection connection_;
  Tx tx_;
};

TEST(StoreValueRows, EachRowHoldsOnePlaceholderPerColumn) {
  EXPECT_EQ(value_rows(3, 2), "(?, ?, ?), (?, ?, ?)");
  EXPECT_EQ(value_rows(1, 1), "(?)");
}

TEST_F(StoreBulk, IdsFollowTheLargestAsTheNextInsertsWouldTakeThem) {
  tx_.exec("INSERT INTO items (name) VALUES ('a'), ('b')");
  EXPECT_EQ(allocate_ids(tx_, "items", 3), (std::vector<std::int64_t>{3, 4, 5}));
  EXPECT_TRUE(allocate_ids(tx_, "items", 0).empty());
}

TEST_F(StoreBulk, RowsGoInInOrderAcrossStatementsWithTheirValuesAndNulls) {
  const std::size_t total = kRowsPerInsert * 2 + 7;
  std::vector<std::int64_t> ids = allocate_ids(tx_, "items", total);
  std::vector<Params> rows;
  for (std::size_t index = 0; index < total; ++index) {
    rows.push_back({ids[index], "item " + std::to_string(index), static_cast<std::int64_t>(index) * 10,
                    index % 2 ? Value("odd") : Value()});
  }
  insert_rows(tx_, "items", {"id", "name", "size", "note"}, rows);
  ASSERT_EQ(count(), static_cast<std::int64_t>(total));
  auto last = *tx_.query_one("SELECT id, name, size, note FROM items ORDER BY id DESC LIMIT 1");
  EXPECT_EQ(last.i64(0), static_cast<std::int64_t>(total));
  EXPECT_EQ(last.text(1), "item " + std::to_string(total - 1));
  EXPECT_EQ(last.i64(2), static_cast<std::int64_t>(total - 1) * 10);
  EXPECT_TRUE(last.is_null(3));
  EXPECT_EQ(tx_.scalar("SELECT COUNT(*) FROM items WHERE name = 'item ' || (id - 1) AND size = (id - 1) * 10"),
            static_cast<std::int64_t>(total));
  // A row inserted the ordinary way afterwards takes the next id.
  EXPECT_EQ(tx_.scalar("INSERT INTO items (name) VALUES ('next') RETURNING id"), static_cast<std::int64_t>(total) + 1);
}

TEST_F(StoreBulk, WideRowsAreSplitSoNoStatementBindsMoreValuesThanTheEngineAllows) {
  std::string columns_sql = "CREATE TABLE wide (id INTEGER PRIMARY KEY";
  std::vector<std::string> columns{"id"};
  for (int column = 1; column < 100; ++column) {
    columns_sql += ", c" + std::to_string(column) + " BIGINT";
    columns.push_back("c" + std::to_string(column));
  }
  tx_.exec(columns_sql + ")");
  // 400 rows of 100 values: 40,000 values, more than SQLite binds in one statement.
  std::vector<Params> rows(400);
  for (std::size_t index = 0; index < rows.size(); ++index) {
    rows[index].emplace_back(static_cast<std::int64_t>(index) + 1);
    for (int column = 1; column < 100; ++column) rows[index].emplace_back(column);
  }
  insert_rows(tx_, "wide", columns, rows);
  EXPECT_EQ(tx_.scalar("SELECT COUNT(*) FROM wide WHERE c99 = 99"), 400);
}

TEST_F(StoreBulk, ARowOfTheWrongSizeIsRefusedBeforeAnythingIsWritten) {
  std::vector<Params> rows{{1, "a", 1, Value()}, {2, "b", 2}};
  EXPECT_THROW(insert_rows(tx_, "items", {"id", "name", "size", "note"}, rows), std::invalid_argument);
  EXPECT_THROW(insert_rows(tx_, "items", {}, {}), std::invalid_argument);
  EXPECT_EQ(count(), 0);
}

TEST_F(StoreBulk, NoRowsWriteNothing) {
  insert_rows(tx_, "items", {"name"}, {});
  EXPECT_EQ(count(), 0);
}

}  // namespace
}  // namespace weizhi::store
