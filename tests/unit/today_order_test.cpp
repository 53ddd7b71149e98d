// The order of a person's work for today: what is overdue first, then the soonest deadline, then
// what has none, alike items kept together by kind and node; and the days a module's hook warns of.
#include <gtest/gtest.h>

#include "modules/today.hpp"
#include "modules/today_window.hpp"

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

TEST(TodayWindow, RunsFromTheStreetsDateToTheLastDayWarnedOf) {
  // 17:00 UTC is already the next day in the street's time (UTC+8).
  auto window = weizhi::modules::today_window(*weizhi::parse_iso("2026-03-01T17:00:00Z"), 3);
  EXPECT_EQ(window.today, "2026-03-02");
  EXPECT_EQ(window.last_day, "2026-03-05");
  EXPECT_TRUE(window.holds("2026-03-05"));
  EXPECT_FALSE(window.holds("2026-03-06"));
  EXPECT_TRUE(window.holds("2026-02-20"));
  EXPECT_TRUE(window.overdue("2026-03-01"));
  EXPECT_FALSE(window.overdue("2026-03-02"));
}
