// What the monthly evaluation adds to a person's work for today: the sheets of their party still to fill for the
// months whose due day is near or past, and the contracts on review, for the street and the compound's committee.
#include <algorithm>

#include "modules/org/org.hpp"
#include "modules/property/evaluation_store.hpp"
#include "modules/property/module.hpp"
#include "modules/property/store.hpp"
#include "modules/today_window.hpp"

namespace weizhi::property {

namespace {

// Sheets show a week before they are due.
constexpr int kDaysAhead = 7;

// The months whose sheets may be due now: the last complete one and the current one.
std::vector<std::string> months_open_to_sheets(const std::string& today) {
  std::string current = today.substr(0, 7);
  return {previous_month(current), current};
}

}  // namespace

std::vector<modules::TodayItem> today_items(const modules::TodayAsk& ask) {
  std::vector<modules::TodayItem> items;
  auto window = modules::today_window(ask.now, kDaysAhead);
  for (const auto& [party, code] : kEvaluators) {
    for (const auto& scope : ask.scopes_with("property.evaluate." + std::string(code))) {
      auto policy = evaluation_policy_of(ask.connection, org::street_of(scope.path));
      if (policy.scoring.weight_of(party) == 0) continue;
      auto contracts = contracts_under(ask.connection, scope.path, std::nullopt, std::nullopt);
      for (const auto& month : months_open_to_sheets(window.today)) {
        std::string due_on = due_date(month, policy.due_day);
        if (!window.holds(due_on)) continue;
        auto progress = month_progress(ask.connection, month);
        std::int64_t missing = 0;
        for (const auto& contract : contracts) {
          if (!in_force_during(contract, month)) continue;
          const auto& of_contract = progress[contract.id];
          bool closed = of_contract.evaluation && of_contract.evaluation->closed;
          bool filled =
              std::find(of_contract.sheets.begin(), of_contract.sheets.end(), party) != of_contract.sheets.end();
          if (!closed && !filled) ++missing;
        }
        if (missing == 0) continue;
        items.push_back({.kind = "property.evaluation.sheet",
                         .title = "填写物业月度考核表（" + month + "，" + std::to_string(missing) + " 份）",
                         .node_id = scope.node_id,
                         .node_name = scope.name,
                         .due_at = street_day_end(due_on),
                         .overdue = window.overdue(due_on),
                         .link = "/property/evaluations?month=" + month,
                         .count = missing});
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
