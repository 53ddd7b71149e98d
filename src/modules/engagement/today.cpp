// What the engagement module adds to a person's work for today: the events of their scope held
// today, with how many of those signed up have checked in, for those who run them.
#include "modules/engagement/module.hpp"
#include "modules/engagement/rules.hpp"
#include "modules/engagement/store.hpp"
#include "modules/engagement/permissions.hpp"

namespace weizhi::engagement {

std::vector<modules::TodayItem> today_items(const modules::TodayAsk& ask) {
  std::vector<modules::TodayItem> items;
  std::string today = street_date(ask.now);
  auto day_end = street_day_end(today);
  if (!day_end) return items;
  TimePoint day_start = *day_end - std::chrono::hours(24);
  for (const auto& scope : ask.scopes_with(kManage)) {
    for (const auto& event : events_starting(ask.connection, scope.path, day_start, *day_end)) {
      Counts counts = counts_of(ask.connection, event.id);
      items.push_back({.kind = "engagement.event_today",
                       .title = "今日活动：" + event.input.title + "（已签到 " + std::to_string(counts.checked_in) +
                                "/" + std::to_string(counts.confirmed) + "）",
                       .node_id = event.input.node_id,
                       .node_name = event.node_name,
                       .due_at = event.input.starts_at,
                       .overdue = false,
                       .link = "/engagement/events/" + std::to_string(event.id)});
    }
  }
  return items;
}

}  // namespace weizhi::engagement
