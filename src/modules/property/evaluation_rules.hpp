// The course of a month's evaluation around the arithmetic of evaluation.hpp (docs/rules.md#g-month-course): the
// street's sheet templates and policy, the items the system fills from records, a sheet as submitted, the due
// day, and when a contract goes on review.
#pragma once
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/code_table.hpp"
#include "core/json.hpp"
#include "modules/property/evaluation.hpp"
#include "modules/property/model.hpp"

namespace weizhi::property {

// Records an item is filled from (docs/rules.md#g-system-items); the evaluator confirms it, never types it.
enum class ItemSource { CasesOnTime, ResidentRating, ViolationsOverdue, SatisfactionSurvey };
constexpr CodeTable<ItemSource> kItemSources = {{ItemSource::CasesOnTime, "cases_on_time"},
                                                {ItemSource::ResidentRating, "resident_rating"},
                                                {ItemSource::ViolationsOverdue, "violations_overdue"},
                                                {ItemSource::SatisfactionSurvey, "satisfaction_survey"}};

struct TemplateItem {
  std::string code;
  std::string name;
  std::int64_t max = 0;  // hundredths of a point
  std::optional<ItemSource> source;
};

// A street's settings: the arithmetic's policy and the day of the next month by which the sheets are due. For a
// contract, `scoring` may be the contract's own (docs/rules.md#g-contract-policy), the due day is always the street's.
struct StreetEvaluationPolicy {
  EvaluationPolicy scoring;
  std::int64_t due_day = 5;
  bool scoring_of_contract = false;
};

// The policy a contract is evaluated under: its street's, with the contract's own scoring when it has one.
StreetEvaluationPolicy policy_for_contract(StreetEvaluationPolicy street, const std::optional<EvaluationPolicy>& own);
// The same, the contract's own scoring looked up among those of several contracts, by contract id.
StreetEvaluationPolicy policy_for_contract(const StreetEvaluationPolicy& street,
                                           const std::map<std::int64_t, EvaluationPolicy>& own_scorings,
                                           std::int64_t contract_id);

// The month's records of the contract's company in its compound that the system items read.
struct RecordFigures {
  std::int64_t cases = 0;               // cases of the compound due in the month
  std::int64_t cases_on_time = 0;       // of those, resolved by their deadline
  std::int64_t ratings = 0;             // residents' ratings given in the month, 1–5 stars
  std::int64_t rating_stars = 0;        // their sum
  std::int64_t violations_overdue = 0;  // covenant violations open past their deadline at the month's end
  std::optional<std::int64_t> satisfaction_survey_id;  // the month's satisfaction survey of the compound, if held
  std::int64_t satisfaction_answers = 0;               // households that rated in it, 1–5
  std::int64_t satisfaction_sum = 0;                   // their ratings summed
};

// A template's items as a POST gives them (`items`), in order: 400 naming `items[i].field`.
std::vector<TemplateItem> read_template_items(const Json& items);
Json template_items_json(const std::vector<TemplateItem>& items);

// 400 naming `weights`, `floor` or `full`.
void check_scoring(const EvaluationPolicy& scoring);
// check_scoring, and 400 naming `due_day`.
void check_street_policy(const StreetEvaluationPolicy& policy);

// docs/rules.md#g-system-items: the points the records give an item of `max` hundredths.
std::int64_t system_points(ItemSource source, const RecordFigures& figures, std::int64_t max);

// A sheet as submitted (`items`: [{code, points}]) against its template: every item once, in any order, points
// a decimal string of at most two places between 0 and the item's max (400 naming `items[i].points`), and a system
// item at the points the records give it (422 naming `items[i].points`). Answers the items in the template's order.
std::vector<SheetItem> read_sheet_items(const std::vector<TemplateItem>& items, const Json& given,
                                        const RecordFigures& figures);

// The first and last day (YYYY-MM-DD) of a month YYYY-MM, the month before and after it.
std::string first_day(const std::string& month);
std::string last_day(const std::string& month);
std::string previous_month(const std::string& month);
// The day the month's sheets are due: `due_day` of the next month.
std::string due_date(const std::string& month, std::int64_t due_day);

// docs/rules.md#g-month-course: a contract is evaluated for the months it was in force in, wholly or in part.
bool in_force_during(const Contract& contract, const std::string& month);

// docs/rules.md#g-review: a closed month counts as low when it was scored below the floor.
bool below_floor(const EvaluationResult& result);

// How a published month reads in a notice: its outcome in Chinese, its score to hundredths of a point (half up) and
// money in yuan with two decimals ("¥12,345.60").
constexpr CodeTable<EvaluationOutcome> kOutcomeNames = {{EvaluationOutcome::Vetoed, "一票否决，绩效为零"},
                                                        {EvaluationOutcome::NotEvaluated, "无有效考核表，绩效暂缓"},
                                                        {EvaluationOutcome::None, "未达起评分，绩效为零"},
                                                        {EvaluationOutcome::Partial, "按比例支付绩效"},
                                                        {EvaluationOutcome::Full, "全额支付绩效"}};
std::string score_text(const Rational& score);
std::string yuan_text(std::int64_t fen);

// The days the evaluators are reminded of the month's sheets still to fill: the eve of the due day and the day itself.
enum class ReminderDay { Eve, DueDay };
std::optional<ReminderDay> reminder_day(const std::string& due_on, const std::string& today);

}  // namespace weizhi::property
