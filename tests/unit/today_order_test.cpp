// The order of a person's work for today: what is overdue first, then the soonest deadline, then
// what has none, alike items kept together by kind and node.
#include <gtest/gtest.h>

#include "modules/today.hpp"

using weizhi::TimePoint;
using weizhi::modules::TodayItem;

namespace {

TodayItem item(std::string kind, bool overdue, std::optional<int> due_in_hours, std::string node = "德胜新村") {
  TodayItem made;
  made.kind = std::move(kind);
  made.overdue = overdue;
  made.node_name = std::move(node);
  if (due_in_hours) made.due_at = TimePoint{} + std::chrono::hours(1000 + *due_in_hours);
  return made;
}

std::vector<std::string> kinds(const std::vector<TodayItem>& items) {
  std::vector<std::string> out;
  for (const auto& entry : items) out.push_back(entry.kind + "@" + entry.node_name);
  return out;
}

}  // namespace

TEST(TodayOrder, OverdueFirstThenTheSoonestDeadlineThenThoseWithout) {
  std::vector<TodayItem> items{item("later", false, 48), item("undated", false, std::nullopt),
                               item("late-group", true, std::nullopt), item("soon", false, 2),
                               item("late-dated", true, -5)};
  weizhi::modules::order_by_urgency(items);
  EXPECT_EQ(kinds(items), (std::vector<std::string>{"late-dated@德胜新村", "late-group@德胜新村", "soon@德胜新村",
                                                    "later@德胜新村", "undated@德胜新村"}));
}

TEST(TodayOrder, ItemsAlikeInUrgencyKeepTogetherByKindThenNode) {
  std::vector<TodayItem> items{item("cases.unassigned", false, std::nullopt, "西四苑"),
                               item("cases.to_verify", false, std::nullopt, "德胜新村"),
                               item("cases.unassigned", false, std::nullopt, "德胜新村")};
  weizhi::modules::order_by_urgency(items);
  EXPECT_EQ(kinds(items), (std::vector<std::string>{"cases.to_verify@德胜新村", "cases.unassigned@德胜新村",
                                                    "cases.unassigned@西四苑"}));
}
