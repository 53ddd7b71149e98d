// store::Select: the SQL text and the bound values a listing's filters and page build, in step.
#include <gtest/gtest.h>

#include "store/select.hpp"

namespace weizhi::store {
namespace {

std::vector<std::string> texts(const Params& params) {
  std::vector<std::string> list;
  for (const auto& param : params) {
    const auto& data = param.data();
    if (const auto* text = std::get_if<std::string>(&data)) list.push_back(*text);
    if (const auto* number = std::get_if<std::int64_t>(&data)) list.push_back(std::to_string(*number));
  }
  return list;
}

TEST(StoreLikePattern, WildcardsAndTheEscapeCharacterAreEscapedAndTheRestKept) {
  EXPECT_EQ(like_pattern("gold_mediator"), "gold\\_mediator");
  EXPECT_EQ(like_pattern("100%"), "100\\%");
  EXPECT_EQ(like_pattern("a\\b"), "a\\\\b");
  EXPECT_EQ(like_pattern("德胜新村"), "德胜新村");
  EXPECT_EQ(like_pattern(""), "");
}

TEST(StoreSelect, TheFirstConditionOpensTheWhereAndTheOthersJoinItByAnd) {
  Select query("SELECT id FROM cases x");
  query.where("x.state = ?", {"open"}).where("x.escalation_level > 0").where("x.item_id IN (?, ?)", {3, 4});
  EXPECT_EQ(query.sql(), "SELECT id FROM cases x WHERE x.state = ? AND x.escalation_level > 0 AND x.item_id IN (?, ?)");
  EXPECT_EQ(texts(query.params()), (std::vector<std::string>{"open", "3", "4"}));
}

TEST(StoreSelect, ANewestFirstPageStartsBelowTheCursorAndBindsItBeforeTheLimit) {
  Select query("SELECT id FROM cases x");
  query.where("x.state = ?", {"open"}).newest_first("x.id", 90, 20);
  EXPECT_EQ(query.sql(), "SELECT id FROM cases x WHERE x.state = ? AND x.id < ? ORDER BY x.id DESC LIMIT ?");
  EXPECT_EQ(texts(query.params()), (std::vector<std::string>{"open", "90", "20"}));
}

TEST(StoreSelect, WithoutCursorOrLimitTheNewestFirstPageIsEveryRowInOrder) {
  Select query("SELECT id FROM topics t");
  query.newest_first("t.id", std::nullopt, std::nullopt);
  EXPECT_EQ(query.sql(), "SELECT id FROM topics t ORDER BY t.id DESC");
  EXPECT_TRUE(query.params().empty());
}

TEST(StoreSelect, AnOldestFirstPageStartsAboveTheCursor) {
  Select query("SELECT p.id FROM people p");
  query.where("p.tags LIKE ?", {"%a%"}).oldest_first("p.id", 7, 50);
  EXPECT_EQ(query.sql(), "SELECT p.id FROM people p WHERE p.tags LIKE ? AND p.id > ? ORDER BY p.id LIMIT ?");
  EXPECT_EQ(texts(query.params()), (std::vector<std::string>{"%a%", "7", "50"}));
}

TEST(StoreSelect, AListingReadWholeEndsWithItsOrderAndBindsNothingMore) {
  Select query("SELECT x.id FROM mediations x");
  query.where("x.state = 'agreed'").where("x.created_at >= ?", {"2026-01-01"}).ordered_by("x.signed_on, x.id");
  EXPECT_EQ(query.sql(),
            "SELECT x.id FROM mediations x WHERE x.state = 'agreed' AND x.created_at >= ? ORDER BY x.signed_on, x.id");
  EXPECT_EQ(texts(query.params()), (std::vector<std::string>{"2026-01-01"}));
}

TEST(StoreSelect, PlaceholdersListOnePerValue) {
  EXPECT_EQ(placeholders(0), "");
  EXPECT_EQ(placeholders(1), "?");
  EXPECT_EQ(placeholders(3), "?, ?, ?");
}

}  // namespace
}  // namespace weizhi::store
