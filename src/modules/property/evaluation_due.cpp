// The sheets still to fill of a party under a scope (see evaluation_due.hpp).
#include "modules/property/evaluation_due.hpp"

#include <algorithm>

#include "modules/org/org.hpp"
#include "modules/property/evaluation_store.hpp"
#include "modules/property/store.hpp"

namespace weizhi::property {

std::vector<SheetsToFill> sheets_to_fill(store::Connection& connection, const std::string& scope_path, Evaluator party,
                                         const std::string& today,
                                         const std::function<bool(const std::string& due_on)>& wanted) {
  std::vector<SheetsToFill> due;
  auto street_policy = evaluation_policy_of(connection, org::street_of(scope_path));
  auto own_scorings = contract_scorings(connection);
  std::string current = today.substr(0, 7);
  auto contracts = contracts_under(connection, scope_path, std::nullopt, std::nullopt);
  for (const auto& month : {previous_month(current), current}) {
    std::string due_on = due_date(month, street_policy.due_day);
    if (!wanted(due_on)) continue;
    auto progress = month_progress(connection, month);
    std::int64_t missing = 0;
    for (const auto& contract : contracts) {
      if (!in_force_during(contract, month)) continue;
      if (policy_for_contract(street_policy, own_scorings, contract.id).scoring.weight_of(party) == 0) continue;
      const auto& of_contract = progress[contract.id];
      bool closed = of_contract.evaluation && of_contract.evaluation->closed;
      bool filled = std::find(of_contract.sheets.begin(), of_contract.sheets.end(), party) != of_contract.sheets.end();
      if (!closed && !filled) ++missing;
    }
    if (missing > 0) due.push_back({month, due_on, missing});
  }
  return due;
}

}  // namespace weizhi::property
