// SQL of the monthly evaluation: the street's templates and policy, the sheets and vetoes of a contract's month,
// the month's close with the contract pay it writes into the ledger, reopenings and reviews. Loading and saving
// only; the routes ask evaluation.hpp and evaluation_rules.hpp in between.
#pragma once
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/time.hpp"
#include "modules/property/evaluation_rules.hpp"
#include "store/db.hpp"

namespace weizhi::property {

// --- Templates and policy ---

struct EvaluationTemplate {
  std::int64_t id;
  std::int64_t street_node_id;
  Evaluator party;
  std::int64_t version;
  std::vector<TemplateItem> items;
  std::optional<std::int64_t> created_by;
  std::string created_at;
};

// The newest version of each party's template of the street, in kEvaluators order; a party without one is left out.
std::vector<EvaluationTemplate> current_templates(store::Connection& connection, std::int64_t street_id);
std::optional<EvaluationTemplate> current_template(store::Connection& connection, std::int64_t street_id,
                                                   Evaluator party);
std::optional<EvaluationTemplate> find_template(store::Connection& connection, std::int64_t id);
// The party's next version; returns its id.
std::int64_t insert_template(store::Tx& tx, std::int64_t street_id, Evaluator party,
                             const std::vector<TemplateItem>& items, std::optional<std::int64_t> user_id);

// The street's policy, or the defaults when it has set none.
StreetEvaluationPolicy evaluation_policy_of(store::Connection& connection, std::int64_t street_id);
void save_evaluation_policy(store::Tx& tx, std::int64_t street_id, const StreetEvaluationPolicy& policy);

// A contract's own scoring (docs/rules.md#g-contract-policy), when the street set one for it.
std::optional<EvaluationPolicy> contract_scoring(store::Connection& connection, std::int64_t contract_id);
// Every contract's own scoring, by contract id: few contracts have one.
std::map<std::int64_t, EvaluationPolicy> contract_scorings(store::Connection& connection);
void save_contract_scoring(store::Tx& tx, std::int64_t contract_id, const EvaluationPolicy& scoring,
                           std::optional<std::int64_t> user_id);
// False when the contract had none.
bool remove_contract_scoring(store::Tx& tx, std::int64_t contract_id);
// The policy the contract is evaluated under (policy_for_contract on the stored ones).
StreetEvaluationPolicy evaluation_policy_of_contract(store::Connection& connection, std::int64_t street_id,
                                                     std::int64_t contract_id);

// --- Evaluators ---

// A node where an enabled account holds a party's permission now (property.evaluate.<party>), over its subtree.
struct EvaluatorScope {
  std::int64_t user_id;
  Evaluator party;
  std::string path;
};
// Every such scope, by account and party.
std::vector<EvaluatorScope> evaluator_scopes(store::Connection& connection, TimePoint now);

// --- Sheets and vetoes ---

struct StoredSheet {
  std::int64_t id;
  Evaluator party;
  std::int64_t template_id;
  std::vector<SheetItem> items;  // in the template's order
  std::optional<std::int64_t> filled_by;
  std::string filled_at;
  std::string updated_at;
};

// The month's sheets of the contract, in kEvaluators order.
std::vector<StoredSheet> sheets_of(store::Connection& connection, std::int64_t contract_id, const std::string& month);
// Nullopt when the party has filled its sheet of the month already, even a moment ago in another request.
std::optional<std::int64_t> insert_sheet(store::Tx& tx, std::int64_t contract_id, const std::string& month,
                                         Evaluator party, std::int64_t template_id, const std::vector<SheetItem>& items,
                                         std::optional<std::int64_t> user_id);
void update_sheet(store::Tx& tx, std::int64_t id, const std::vector<SheetItem>& items,
                  std::optional<std::int64_t> user_id);

struct StoredVeto {
  std::int64_t id;
  Veto veto;
  std::vector<std::string> photos;
  std::optional<std::int64_t> recorded_by;
  std::string recorded_at;
};
std::vector<StoredVeto> vetoes_of(store::Connection& connection, std::int64_t contract_id, const std::string& month);
std::int64_t insert_veto(store::Tx& tx, std::int64_t contract_id, const std::string& month, const Veto& veto,
                         const std::vector<std::string>& photos, std::optional<std::int64_t> user_id);

// --- The month's close ---

struct StoredEvaluation {
  std::int64_t id;
  std::int64_t contract_id;
  std::string month;
  bool closed;
  std::optional<std::string> input;   // the export the close evaluated
  std::optional<std::string> result;  // evaluation_result_json of it
  std::optional<std::string> closed_at;
  std::optional<std::int64_t> closed_by;
};
std::optional<StoredEvaluation> evaluation_of(store::Connection& connection, std::int64_t contract_id,
                                              const std::string& month);
std::optional<StoredEvaluation> find_evaluation(store::Connection& connection, std::int64_t id);
// The closed months of the contracts of a compound, the newest first.
std::vector<StoredEvaluation> closed_evaluations_of_compound(store::Connection& connection,
                                                             std::int64_t compound_node_id);
// The months closed at `since` (an ISO time or a day) or later and still closed, the newest close first.
std::vector<StoredEvaluation> evaluations_closed_since(store::Connection& connection, const std::string& since);
// Whether the contract's month is closed.
bool month_closed(store::Connection& connection, std::int64_t contract_id, const std::string& month);

// What the board shows of a month for each contract: the parties with a sheet, the vetoes and the evaluation.
struct MonthProgress {
  std::vector<Evaluator> sheets;
  std::int64_t vetoes = 0;
  std::optional<StoredEvaluation> evaluation;
};
std::map<std::int64_t, MonthProgress> month_progress(store::Connection& connection, const std::string& month);

// Closes the month with what it evaluated and the result; nullopt when it is closed already.
std::optional<std::int64_t> close_evaluation(store::Tx& tx, std::int64_t contract_id, const std::string& month,
                                             const std::string& input, const std::string& result,
                                             std::optional<std::int64_t> user_id);
// Opens the closed month again, keeping the withdrawn result with the reason.
void reopen_evaluation(store::Tx& tx, const StoredEvaluation& evaluation, const std::string& reason,
                       std::optional<std::int64_t> user_id);

// The month's contract pay the close of evaluation `evaluation_id` writes into the community's costs: base and
// performance rows of the contract marked with the evaluation. The contract's pay of the month that still counts
// (typed in by hand, or written by an earlier close) is voided with the reason, never deleted, so that no pay
// counts twice and every row stays on the record.
struct ContractPay {
  std::int64_t community_id;
  std::int64_t compound_id;
  std::int64_t contract_id;
  std::string month;
  std::int64_t base_fen;
  std::int64_t performance_fen;
};
void replace_contract_pay(store::Tx& tx, const ContractPay& pay, std::int64_t evaluation_id,
                          std::optional<std::int64_t> user_id);
// A reopening: the pay the closes of the contract's month wrote and that still counts is voided with the reason.
void void_close_pay(store::Tx& tx, std::int64_t contract_id, const std::string& month, const std::string& reason,
                    std::optional<std::int64_t> user_id);

// --- Reviews ---

struct Review {
  std::int64_t id;
  std::int64_t contract_id;
  std::int64_t compound_node_id;
  std::string first_month;
  std::string second_month;
  std::string opened_at;
  bool open;
  std::optional<std::string> note;
  std::optional<std::int64_t> closed_by;
  std::optional<std::string> closed_at;
};
// Opens the review of the two months unless one was opened for them before.
void open_review(store::Tx& tx, std::int64_t contract_id, const std::string& first_month,
                 const std::string& second_month);
// The reviews of contracts of compounds under `path`, open ones first, then the newest.
std::vector<Review> reviews_under(store::Connection& connection, const std::string& path);
std::optional<Review> find_review(store::Connection& connection, std::int64_t id);
void close_review(store::Tx& tx, std::int64_t id, const std::string& note, std::optional<std::int64_t> user_id);

}  // namespace weizhi::property
