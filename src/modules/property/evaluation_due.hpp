// The sheets each party's evaluators still have to fill (docs/modules/property.md#the-monthly-evaluation), counted one
// way for their work for today and for the reminders of the due day.
#pragma once
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "modules/property/evaluation.hpp"
#include "store/db.hpp"

namespace weizhi::property {

struct SheetsToFill {
  std::string month;   // YYYY-MM
  std::string due_on;  // the day its sheets are due under the street's policy
  std::int64_t missing = 0;
};

// The console's board of the month, where its sheets are filled.
inline std::string sheets_link(const std::string& month) { return "/property/evaluations?month=" + month; }

// For the months whose sheets may be due on `today` (the last complete one and the current one) whose due day
// `wanted` keeps: the contracts under the scope at `scope_path` in force in the month, not closed and without the
// party's sheet, unless the party weighs 0 in the contract's policy. Months with none are left out.
std::vector<SheetsToFill> sheets_to_fill(store::Connection& connection, const std::string& scope_path, Evaluator party,
                                         const std::string& today,
                                         const std::function<bool(const std::string& due_on)>& wanted);

}  // namespace weizhi::property
