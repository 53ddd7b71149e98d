// What the monthly evaluation adds to a person's work for today: the sheets of their party still to fill for the
// months whose due day is near or past, and the contracts on review, for the street and the compound's committee.
#include "modules/org/org.hpp"
#include "modules/property/evaluation_due.hpp"
#include "modules/property/evaluation_store.hpp"
#include "modules/property/module.hpp"
#include "modules/today_window.hpp"

namespace weizhi::property {

namespace {

// Sheets show a week before they are due.
constexpr int kDaysAhead = 7;

}  // namespace

std::vector<modules::TodayItem> today_items(const modules::TodayAsk& ask) {
  std::vector<modules::TodayItem> items;
  auto window = modules::today_window(ask.now, kDaysAhead);
  for (const auto& [party, code] : kEvaluators) {
    for (const auto& scope : ask.scopes_with("property.evaluate." + std::string(code))) {
      auto due = sheets_to_fill(ask.connection, scope.path, party, window.today,
                                [&](const std::string& due_on) { return window.holds(due_on); });
      for (const auto& month : due) {
        items.push_back({.kind = "property.evaluation.sheet",
                         .title = "填写物业月度考核表（" + month.month + "，" + std::to_string(month.missing) + " 份）",
                         .node_id = scope.node_id,
                         .node_name = scope.name,
                         .due_at = street_day_end(month.due_on),
                         .overdue = window.overdue(month.due_on),
                         .link = sheets_link(month.month),
                         .count = month.missing});
      }
    }
  }
  for (const char* permission : {"property.evaluate.street", "property.evaluate.committee"}) {
    for (const auto& scope : ask.scopes_with(permission)) {
      for (const auto& review : reviews_under(ask.connection, scope.path)) {
        if (!review.open) continue;
        auto compound = org::find_node(ask.connection, review.compound_node_id);
        items.push_back(
            {.kind = "property.evaluation.review",
             .title = "物业合同复核：连续两月低于起评分（" + review.first_month + "、" + review.second_month + "）",
             .node_id = review.compound_node_id,
             .node_name = compound ? compound->name : "",
             .due_at = std::nullopt,
             .overdue = false,
             .link = "/property/reviews",
             .count = std::nullopt});
      }
    }
  }
  return items;
}

}  // namespace weizhi::property
