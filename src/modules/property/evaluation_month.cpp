// A contract's month: the records of its system items and the close (docs/modules/property.md#the-monthly-evaluation).
#include "modules/property/evaluation_month.hpp"

#include "core/time.hpp"
#include "modules/cases/cases.hpp"
#include "modules/covenant/covenant.hpp"
#include "modules/engagement/engagement.hpp"
#include "modules/property/evaluation_store.hpp"

namespace weizhi::property {

namespace {

// What the close evaluates: the stored sheets and vetoes under the street's policy and the contract's money.
EvaluationInput evaluation_input(store::Connection& connection, const ContractMonth& at) {
  EvaluationInput input{
      at.month, at.contract.id, at.contract.terms.base_fen, at.contract.terms.pool_fen, at.policy.scoring, {}, {}};
  for (const auto& sheet : sheets_of(connection, at.contract.id, at.month)) {
    input.sheets.push_back({sheet.party, sheet.items});
  }
  for (const auto& veto : vetoes_of(connection, at.contract.id, at.month)) input.vetoes.push_back(veto.veto);
  return input;
}

// Two closed months in a row below the floor put the contract on review, once per pair.
void open_reviews(store::Tx& tx, const ContractMonth& at, const EvaluationResult& result) {
  if (!below_floor(result)) return;
  auto low = [&](const std::string& month) {
    auto evaluation = evaluation_of(tx.connection(), at.contract.id, month);
    return evaluation && evaluation->closed && below_floor(evaluate(read_evaluation_json(*evaluation->input)));
  };
  std::string before = previous_month(at.month);
  if (low(before)) open_review(tx, at.contract.id, before, at.month);
  std::string after = due_date(at.month, 1).substr(0, 7);
  if (low(after)) open_review(tx, at.contract.id, at.month, after);
}

}  // namespace

ContractMonth month_of_contract(store::Connection& connection, Contract contract, const std::string& month) {
  org::Node compound = org::require_compound(connection, contract.terms.compound_node_id);
  auto policy = evaluation_policy_of_contract(connection, org::street_of(compound.path), contract.id);
  return {std::move(contract), std::move(compound), month, policy};
}

RecordFigures record_figures(store::Connection& connection, std::int64_t compound_id, const std::string& month) {
  std::string from = iso_utc(*street_day_end(last_day(previous_month(month))));
  std::string until = iso_utc(*street_day_end(last_day(month)));
  auto cases = cases::property_case_figures(connection, compound_id, from, until);
  auto satisfaction = engagement::month_satisfaction(connection, compound_id, from, until);
  return {cases.due,
          cases.on_time,
          cases.ratings,
          cases.stars,
          covenant::violations_overdue(connection, compound_id, last_day(month)),
          satisfaction.survey_id,
          satisfaction.answers,
          satisfaction.rating_sum};
}

std::optional<ClosedMonth> close_month(store::Tx& tx, const ContractMonth& at, std::optional<std::int64_t> user_id) {
  EvaluationInput input = evaluation_input(tx.connection(), at);
  EvaluationResult result = evaluate(input);
  auto id =
      close_evaluation(tx, at.contract.id, at.month, evaluation_json(input), evaluation_result_json(result), user_id);
  if (!id) return std::nullopt;
  replace_contract_pay(tx,
                       {*at.compound.parent_id, at.compound.id, at.contract.id, at.month, at.contract.terms.base_fen,
                        result.performance_fen},
                       *id, user_id);
  open_reviews(tx, at, result);
  return ClosedMonth{*id, std::move(result)};
}

}  // namespace weizhi::property
