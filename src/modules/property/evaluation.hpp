// The monthly three-in-one evaluation of a property contract (docs/rules.md#g-evaluation), pure and shared by the
// server's month close and `weizhi evaluate`: sheet and month scores, the share of the pool, pay, and the export.
#pragma once
#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/code_table.hpp"

namespace weizhi::property {

// The parties that fill a sheet each month (docs/rules.md#g-sheets), in the order results list them.
enum class Evaluator { Street, Community, Committee };
constexpr CodeTable<Evaluator> kEvaluators = {
    {Evaluator::Street, "street"}, {Evaluator::Community, "community"}, {Evaluator::Committee, "committee"}};
inline constexpr std::size_t kEvaluatorCount = 3;

// docs/rules.md#g-outcome.
enum class EvaluationOutcome { Vetoed, NotEvaluated, None, Partial, Full };
constexpr CodeTable<EvaluationOutcome> kEvaluationOutcomes = {{EvaluationOutcome::Vetoed, "vetoed"},
                                                              {EvaluationOutcome::NotEvaluated, "not_evaluated"},
                                                              {EvaluationOutcome::None, "none"},
                                                              {EvaluationOutcome::Partial, "partial"},
                                                              {EvaluationOutcome::Full, "full"}};

// An exact ratio, reduced, den > 0.
struct Rational {
  std::int64_t num = 0;
  std::int64_t den = 1;
  bool operator==(const Rational&) const = default;
};

// docs/rules.md#g-weights, #g-share: the street's settings, with the rules' defaults.
struct EvaluationPolicy {
  std::array<std::int64_t, kEvaluatorCount> weights{40, 30, 30};  // by Evaluator
  std::int64_t floor = 60;
  std::int64_t full = 95;
  std::int64_t weight_of(Evaluator party) const { return weights[static_cast<std::size_t>(party)]; }
};

// Points and maxima are in hundredths of a point: "18.5" is 1850.
struct SheetItem {
  std::string code;
  std::int64_t max = 0;
  std::int64_t points = 0;
};

struct Sheet {
  Evaluator party = Evaluator::Street;
  std::vector<SheetItem> items;
};

// 一票否决 (docs/rules.md#g-veto).
struct Veto {
  std::string code;
  std::string note;
};

// One contract's month: what the export holds and the evaluation reads.
struct EvaluationInput {
  std::string month;  // YYYY-MM
  std::int64_t contract = 0;
  std::int64_t base_fen = 0;
  std::int64_t pool_fen = 0;
  EvaluationPolicy policy;
  std::vector<Sheet> sheets;
  std::vector<Veto> vetoes;
};

struct SheetScore {
  Evaluator party = Evaluator::Street;
  Rational score;  // 0–100
};

struct EvaluationResult {
  std::string month;
  std::vector<SheetScore> sheets;  // every sheet filled, in kEvaluators order
  std::optional<Rational> score;   // the month's; none when no sheet counts
  Rational share;                  // of the performance pool, 0–1
  std::int64_t performance_fen = 0;
  std::int64_t total_fen = 0;
  EvaluationOutcome outcome = EvaluationOutcome::NotEvaluated;
  bool incomplete = false;
  std::vector<Evaluator> missing;  // parties of positive weight without a sheet
  EvaluationPolicy policy;
};

// What the checks accept at most: a sheet's maxima sum to at most 500 points and money is at most 10^12 fen,
// so that every exact ratio of a result, reduced, fits in 64 bits.
inline constexpr std::size_t kMaxSheetItems = 100;
inline constexpr std::int64_t kMaxSheetTotal = 50'000;  // hundredths of a point
inline constexpr std::int64_t kMaxEvaluationFen = 1'000'000'000'000;
inline constexpr std::size_t kMaxVetoes = 20;

// 400 naming the field, as a JSON path of the export (`sheets[1].items[0].points`, `policy.weights`), for the
// first input the rules of docs/rules.md#g-evaluation refuse.
void check_evaluation(const EvaluationInput& input);

// The month's result; checks the input first (check_evaluation).
EvaluationResult evaluate(const EvaluationInput& input);

// The export format (docs/rules.md#g-recount), read with the checks of check_evaluation and those of the
// format itself (decimals as strings of at most two places, known and single parties, no unknown field).
EvaluationInput read_evaluation_json(std::string_view text);
std::string evaluation_json(const EvaluationInput& input);

// {"month","sheets":[{"party","score":{"num","den"}}],"score":{…}|null,"share":{…},"performance_fen","total_fen",
// "outcome","incomplete","missing":[…],"policy":{…}}, keys in that order.
std::string evaluation_result_json(const EvaluationResult& result);

// Points as written ("18", "18.5", "18.25") into hundredths, exactly; nullopt for more than two decimals, more
// than nine digits before the point, or anything but digits and one point after an optional minus sign (kept, so
// that the checks can say a value is below 0 rather than malformed).
std::optional<std::int64_t> parse_hundredths(std::string_view text);
// Hundredths as the export writes them: 1850 → "18.5", 2000 → "20", 1825 → "18.25".
std::string hundredths_text(std::int64_t hundredths);

}  // namespace weizhi::property
