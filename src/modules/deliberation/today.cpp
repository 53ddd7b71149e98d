// What the deliberation module adds to a person's work for today: the actions of resolutions under
// their scopes that are due within a week or late, for those who see resolutions through.
#include "modules/deliberation/module.hpp"
#include "modules/deliberation/rules.hpp"
#include "modules/deliberation/store.hpp"
#include "modules/today_window.hpp"

namespace weizhi::deliberation {

namespace {

constexpr int kDaysAhead = 7;
constexpr std::int64_t kShown = 50;

}  // namespace

std::vector<modules::TodayItem> today_items(const modules::TodayAsk& ask) {
  std::vector<modules::TodayItem> items;
  auto window = modules::today_window(ask.now, kDaysAhead);
  for (const auto& scope : ask.scopes_with("deliberation.resolve")) {
    for (const auto& open : open_actions_due_under(ask.connection, scope.path, window.last_day, kShown)) {
      items.push_back({.kind = "deliberation.action",
                       .title = "落实：" + open.action.input.title + "（" + open.topic_title + "）",
                       .node_id = open.compound_node_id,
                       .node_name = open.compound_name,
                       .due_at = street_day_end(open.action.input.due_on),
                       .overdue = is_overdue(open.action.input.due_on, std::nullopt, window.today),
                       .link = "/deliberation/topics/" + std::to_string(open.action.topic_id)});
    }
  }
  return items;
}

}  // namespace weizhi::deliberation
