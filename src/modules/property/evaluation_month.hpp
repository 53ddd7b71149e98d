// A contract's month as the evaluation routes and the demo seed work on it: the records its system items read, and
// the close that scores it, pays it in the ledger and opens a review after two low months.
#pragma once
#include <cstdint>
#include <optional>
#include <string>

#include "modules/org/org.hpp"
#include "modules/property/evaluation_rules.hpp"
#include "store/db.hpp"

namespace weizhi::property {

struct ContractMonth {
  Contract contract;
  org::Node compound;
  std::string month;
  StreetEvaluationPolicy policy;
};

// The contract's month with its compound and its street's policy.
ContractMonth month_of_contract(store::Connection& connection, Contract contract, const std::string& month);

// The month's records of the company in the compound, as the system items read them (docs/rules.md#g-system-items).
RecordFigures record_figures(store::Connection& connection, std::int64_t compound_id, const std::string& month);

struct ClosedMonth {
  std::int64_t id;
  EvaluationResult result;
};
// docs/rules.md#g-month-course: evaluates the stored sheets and vetoes under the policy and the contract's money,
// keeps the export and the result, writes the month's pay into the community's costs in place of the contract's
// earlier pay rows, and opens the review of two low months in a row (docs/rules.md#g-review). Nullopt when the
// month is closed already.
std::optional<ClosedMonth> close_month(store::Tx& tx, const ContractMonth& at, std::optional<std::int64_t> user_id);

}  // namespace weizhi::property
