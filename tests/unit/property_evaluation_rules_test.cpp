// The course of a month's evaluation (docs/rules.md#g-month-course): system items from records at their bounds, a
// submitted sheet checked against its template, the street's policy, the due day, the months a contract is
// evaluated for, and which months count as low for a review.
#include <functional>

#include <gtest/gtest.h>

#include "core/error.hpp"
#include "modules/property/evaluation_rules.hpp"

using namespace weizhi;
using namespace weizhi::property;

namespace {

const std::vector<TemplateItem> kForm = {{"service", "服务配合", 6'000, std::nullopt},
                                         {"on_time", "报事按时办结", 4'000, ItemSource::CasesOnTime}};

// "<status> <field>" of the refusal, or "accepted".
std::string refusal(const std::function<void()>& act) {
  try {
    act();
  } catch (const ApiError& error) {
    return std::to_string(error.status()) + " " + error.field();
  }
  return "accepted";
}

Json given(const char* service, const char* on_time) {
  return Json::array({{{"code", "on_time"}, {"points", on_time}}, {{"code", "service"}, {"points", service}}});
}

Contract contract(const char* adopted_on, const char* ends_on, std::optional<std::string> ended_on = std::nullopt) {
  Contract record{};
  record.state = ended_on ? ContractState::Ended : ContractState::InForce;
  record.terms.starts_on = adopted_on;
  record.terms.ends_on = ends_on;
  record.adopted_on = adopted_on;
  record.ended_on = ended_on;
  return record;
}

}  // namespace

TEST(PropertyEvaluationRules, SystemItemsScoreTheRecordsAndAMonthWithoutRecordsEarnsTheMax) {
  EXPECT_EQ(system_points(ItemSource::CasesOnTime, {}, 4'000), 4'000);
  EXPECT_EQ(system_points(ItemSource::CasesOnTime, {.cases = 3, .cases_on_time = 2}, 4'000), 2'666)
      << "a share of the max, hundredths below dropped";
  EXPECT_EQ(system_points(ItemSource::CasesOnTime, {.cases = 4, .cases_on_time = 0}, 4'000), 0);
  EXPECT_EQ(system_points(ItemSource::ResidentRating, {.ratings = 2, .rating_stars = 9}, 2'000), 1'800);
  EXPECT_EQ(system_points(ItemSource::ResidentRating, {}, 2'000), 2'000);
  EXPECT_EQ(system_points(ItemSource::ViolationsOverdue, {.violations_overdue = 1}, 1'000), 800);
  EXPECT_EQ(system_points(ItemSource::ViolationsOverdue, {.violations_overdue = 5}, 1'000), 0);
  EXPECT_EQ(system_points(ItemSource::ViolationsOverdue, {.violations_overdue = 9}, 1'000), 0) << "never below 0";
}

TEST(PropertyEvaluationRules, TheMonthsSatisfactionSurveyScoresItsMeanRatingAndNoSurveyEarnsTheMax) {
  EXPECT_EQ(system_points(ItemSource::SatisfactionSurvey, {}, 2'000), 2'000) << "no survey, or nobody rated";
  RecordFigures figures{.satisfaction_survey_id = 7, .satisfaction_answers = 4, .satisfaction_sum = 14};
  EXPECT_EQ(system_points(ItemSource::SatisfactionSurvey, figures, 2'000), 1'250)
      << "mean 3.5: (3.5 − 1) / 4 of the max";
  figures.satisfaction_sum = 4;
  EXPECT_EQ(system_points(ItemSource::SatisfactionSurvey, figures, 2'000), 0) << "all rated 1";
  figures.satisfaction_sum = 20;
  EXPECT_EQ(system_points(ItemSource::SatisfactionSurvey, figures, 2'000), 2'000) << "all rated 5";
}

TEST(PropertyEvaluationRules, ASheetIsReadInTheTemplatesOrderAndItsSystemItemIsOnlyConfirmed) {
  auto items = read_sheet_items(kForm, given("50.25", "40"), {});
  ASSERT_EQ(items.size(), 2u);
  EXPECT_EQ(items[0].code, "service");
  EXPECT_EQ(items[0].points, 5'025);
  EXPECT_EQ(items[0].max, 6'000);
  EXPECT_EQ(items[1].points, 4'000);
  EXPECT_EQ(refusal([] { read_sheet_items(kForm, given("50", "39.99"), {}); }), "422 items[0].points");
  EXPECT_EQ(refusal([] { read_sheet_items(kForm, given("60.01", "40"), {}); }), "400 items[1].points");
  EXPECT_EQ(refusal([] { read_sheet_items(kForm, given("-1", "40"), {}); }), "400 items[1].points");
  EXPECT_EQ(refusal([] { read_sheet_items(kForm, given("1.001", "40"), {}); }), "400 items[1].points");
  EXPECT_EQ(refusal([] {
              read_sheet_items(kForm, Json::array({{{"code", "service"}, {"points", "1"}}}), {});
            }),
            "400 items");
  EXPECT_EQ(refusal([] {
              read_sheet_items(kForm, Json::array({{{"code", "other"}, {"points", "1"}}}), {});
            }),
            "400 items[0].code");
  EXPECT_EQ(refusal([] { read_sheet_items(kForm, given("60", "40"), {}); }), "accepted") << "exactly the max";
}

TEST(PropertyEvaluationRules, TheStreetsPolicyIsCheckedByField) {
  StreetEvaluationPolicy policy;
  EXPECT_EQ(refusal([&] { check_street_policy(policy); }), "accepted");
  policy.scoring.weights = {40, 30, 31};
  EXPECT_EQ(refusal([&] { check_street_policy(policy); }), "400 weights");
  policy.scoring.weights = {100, 0, 0};
  policy.scoring.floor = 95;
  EXPECT_EQ(refusal([&] { check_street_policy(policy); }), "400 full") << "floor must stay below full";
  policy.scoring.floor = 60;
  policy.due_day = 29;
  EXPECT_EQ(refusal([&] { check_street_policy(policy); }), "400 due_day");
}

TEST(PropertyEvaluationRules, AContractsOwnScoringReplacesTheStreetsButNotItsDueDay) {
  StreetEvaluationPolicy street;
  street.due_day = 8;
  EvaluationPolicy own;
  own.weights = {100, 0, 0};
  own.floor = 50;
  own.full = 90;
  auto plain = policy_for_contract(street, std::nullopt);
  EXPECT_FALSE(plain.scoring_of_contract);
  EXPECT_EQ(plain.scoring.weight_of(Evaluator::Committee), 30);
  std::map<std::int64_t, EvaluationPolicy> scorings{{7, own}};
  auto set = policy_for_contract(street, scorings, 7);
  EXPECT_TRUE(set.scoring_of_contract);
  EXPECT_EQ(set.scoring.weight_of(Evaluator::Committee), 0);
  EXPECT_EQ(set.scoring.floor, 50);
  EXPECT_EQ(set.due_day, 8) << "the due day stays the street's";
  EXPECT_FALSE(policy_for_contract(street, scorings, 8).scoring_of_contract) << "another contract keeps the street's";
  EXPECT_EQ(refusal([&] { check_scoring(own); }), "accepted");
  own.weights = {100, 0, 1};
  EXPECT_EQ(refusal([&] { check_scoring(own); }), "400 weights");
}

TEST(PropertyEvaluationRules, MonthsAndTheirDueDay) {
  EXPECT_EQ(previous_month("2026-01"), "2025-12");
  EXPECT_EQ(last_day("2028-02"), "2028-02-29");
  EXPECT_EQ(due_date("2026-11", 5), "2026-12-05");
  EXPECT_EQ(due_date("2026-12", 28), "2027-01-28");
}

TEST(PropertyEvaluationRules, AContractIsEvaluatedForEveryMonthItWasInForceIn) {
  auto running = contract("2025-03-15", "2027-03-14");
  EXPECT_FALSE(in_force_during(running, "2025-02"));
  EXPECT_TRUE(in_force_during(running, "2025-03")) << "in force for part of the month";
  EXPECT_TRUE(in_force_during(running, "2027-03"));
  EXPECT_FALSE(in_force_during(running, "2027-04"));
  auto ended = contract("2025-03-15", "2027-03-14", "2026-05-31");
  EXPECT_TRUE(in_force_during(ended, "2026-05"));
  EXPECT_FALSE(in_force_during(ended, "2026-06"));
  Contract draft = running;
  draft.state = ContractState::Draft;
  EXPECT_FALSE(in_force_during(draft, "2026-01"));
}

TEST(PropertyEvaluationRules, AMonthIsLowOnlyBelowTheFloorAndOnlyWhenScored) {
  EvaluationResult result;
  result.score = Rational{60, 1};
  EXPECT_FALSE(below_floor(result)) << "exactly the floor is not below it";
  result.score = Rational{5'999, 100};
  EXPECT_TRUE(below_floor(result));
  result.score = std::nullopt;
  EXPECT_FALSE(below_floor(result)) << "a month without sheets is not evaluated, not low";
}
