// What the mediation module adds to a person's work for today: the visits due within three days,
// or late, that check a signed agreement holds (回访), for those who follow disputes up.
#include "modules/mediation/module.hpp"
#include "modules/mediation/rules.hpp"
#include "modules/mediation/store.hpp"
#include "modules/today_window.hpp"

namespace weizhi::mediation {

namespace {

constexpr int kDaysAhead = 3;

}  // namespace

std::vector<modules::TodayItem> today_items(const modules::TodayAsk& ask) {
  std::vector<modules::TodayItem> items;
  auto window = modules::today_window(ask.now, kDaysAhead);
  for (const auto& scope : ask.scopes_with("mediation.manage")) {
    for (const auto& record : unvisited_agreements_under(ask.connection, scope.path)) {
      auto due_on = follow_up_due_on(record.signed_on.value_or(""));
      if (!due_on || !window.holds(*due_on)) continue;
      items.push_back({.kind = "mediation.follow_up",
                       .title = "回访调解协议：" + category_name(record.details.category).value_or(""),
                       .node_id = record.details.compound_node_id,
                       .node_name = record.compound_name,
                       .due_at = street_day_end(*due_on),
                       .overdue = window.overdue(*due_on),
                       .link = "/mediations/" + std::to_string(record.id)});
    }
  }
  return items;
}

}  // namespace weizhi::mediation
