// What the elevators module adds to a person's work for today, for those who run retrofits: each
// project whose stage is due within three days or late, and each design publicity (公示) ending
// within three days or ended while the project still waits for approval.
#include "modules/elevators/module.hpp"
#include "modules/elevators/rules.hpp"
#include "modules/elevators/store.hpp"
#include "modules/org/org.hpp"
#include "modules/today_window.hpp"

namespace weizhi::elevators {

namespace {

constexpr int kDaysAhead = 3;

// Once the design is publicised its period decides when approval is due, so it stands for the stage.
std::optional<modules::TodayItem> step_due(store::Connection& connection, const Project& project,
                                           const modules::TodayWindow& window) {
  modules::TodayItem item{.node_id = project.compound_id, .link = "/elevators/projects/" + std::to_string(project.id)};
  std::optional<std::string> due_on;
  if (project.stage == Stage::Design && project.publicity_ends_on) {
    due_on = project.publicity_ends_on;
    item.kind = "elevators.publicity";
    item.title =
        std::string(window.overdue(*due_on) ? "设计方案公示期满，报审批：" : "设计方案公示即将期满：") + project.title;
  } else {
    auto history = stage_history(connection, project.id);
    if (history.empty()) return std::nullopt;
    due_on = stage_due_on(project.stage, history.back().on);
    item.kind = "elevators.stage";
    item.title = "推进加装电梯：" + project.title + "（" + code_of(kStageNames, project.stage) + "阶段）";
  }
  if (!due_on || !window.holds(*due_on)) return std::nullopt;
  item.due_at = street_day_end(*due_on);
  item.overdue = window.overdue(*due_on);
  return item;
}

}  // namespace

std::vector<modules::TodayItem> today_items(const modules::TodayAsk& ask) {
  std::vector<modules::TodayItem> items;
  auto window = modules::today_window(ask.now, kDaysAhead);
  for (const auto& scope : ask.scopes_with("elevators.manage")) {
    for (const auto& project : projects_under_way(ask.connection, scope.path)) {
      auto item = step_due(ask.connection, project, window);
      if (!item) continue;
      auto compound = org::find_node(ask.connection, project.compound_id);
      item->node_name = compound ? compound->name : "";
      items.push_back(std::move(*item));
    }
  }
  return items;
}

}  // namespace weizhi::elevators
