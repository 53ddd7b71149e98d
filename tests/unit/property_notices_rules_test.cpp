// The pure parts of what the property module tells and routes: who held a task on a day from its moves, a published
// month's score and money as a notice writes them, and the days the evaluators are reminded of their sheets.
#include <gtest/gtest.h>

#include "modules/property/evaluation_rules.hpp"
#include "modules/property/rules.hpp"

using namespace weizhi::property;

namespace {

Task task_held_by(Holder holder, const std::string& since) {
  return Task{1, 1, TaskInput{"stairwell-clutter", "楼道堆物清理", holder, since, {"stairwell-clutter"}}, 0, ""};
}

}  // namespace

TEST(PropertyNoticesRules, ATaskIsHeldBySideOfItsMovesOnEachDay) {
  // Came to the social workers on 2023-01-01, moved to the companies on 2025-03-01, back on 2026-06-01.
  std::vector<TaskMove> moves{{"2025-03-01", Holder::Community, Holder::Property, "", std::nullopt},
                              {"2026-06-01", Holder::Property, Holder::Community, "", std::nullopt}};
  Task task = task_held_by(Holder::Community, "2026-06-01");
  EXPECT_EQ(holder_on(task, moves, "2024-12-31"), Holder::Community);
  EXPECT_EQ(holder_on(task, moves, "2025-02-28"), Holder::Community);
  EXPECT_EQ(holder_on(task, moves, "2025-03-01"), Holder::Property) << "a move holds from its own day";
  EXPECT_EQ(holder_on(task, moves, "2026-05-31"), Holder::Property);
  EXPECT_EQ(holder_on(task, moves, "2026-06-01"), Holder::Community);
  EXPECT_EQ(holder_on(task_held_by(Holder::Property, "2025-03-01"), {}, "2025-02-28"), std::nullopt)
      << "a task never moved did not exist before it came to its holder";
  EXPECT_EQ(holder_on(task_held_by(Holder::Property, "2025-03-01"), {}, "2025-03-01"), Holder::Property);
}

TEST(PropertyNoticesRules, AScoreIsWrittenToHundredthsHalfUpAndMoneyInYuanWithTwoDecimals) {
  EXPECT_EQ(score_text({161, 2}), "80.5");
  EXPECT_EQ(score_text({200, 3}), "66.67") << "66.666… rounds up";
  EXPECT_EQ(score_text({100, 3}), "33.33");
  EXPECT_EQ(score_text({1, 200}), "0.01") << "half a hundredth rounds up";
  EXPECT_EQ(score_text({100, 1}), "100");
  EXPECT_EQ(score_text({9'000'000'000'000'000'000, 90'000'000'000'000'001}), "100")
      << "exact without overflow near the largest ratios";
  EXPECT_EQ(yuan_text(0), "¥0.00");
  EXPECT_EQ(yuan_text(5), "¥0.05");
  EXPECT_EQ(yuan_text(1'508'000), "¥15,080.00");
  EXPECT_EQ(yuan_text(123'456'789'012), "¥1,234,567,890.12");
}

TEST(PropertyNoticesRules, EvaluatorsAreRemindedOnTheEveOfTheDueDayAndOnTheDay) {
  EXPECT_EQ(reminder_day("2026-12-05", "2026-12-03"), std::nullopt);
  EXPECT_EQ(reminder_day("2026-12-05", "2026-12-04"), ReminderDay::Eve);
  EXPECT_EQ(reminder_day("2026-12-05", "2026-12-05"), ReminderDay::DueDay);
  EXPECT_EQ(reminder_day("2026-12-05", "2026-12-06"), std::nullopt) << "after the day, today's list says it";
  EXPECT_EQ(reminder_day("2027-01-01", "2026-12-31"), ReminderDay::Eve) << "across the year";
}
