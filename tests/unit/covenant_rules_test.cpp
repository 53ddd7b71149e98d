// Covenant rules: clause checks against the street's types, the adopting vote's conditions, the
// violation life cycle, deadlines, escalation one chain level per escalation_days overdue, and
// exact area sums.
#include <gtest/gtest.h>

#include <functional>
#include <limits>
#include <stdexcept>

#include "core/error.hpp"
#include "modules/covenant/rules.hpp"

using namespace weizhi::covenant;
using weizhi::ApiError;

namespace {

Clause clause(std::int64_t number, const std::string& type = kParking) {
  return Clause{number, type, "条款内容", 7, 3};
}

std::string field_of(const std::function<void()>& action) {
  try {
    action();
  } catch (const ApiError& error) {
    return std::to_string(error.status()) + " " + error.field();
  }
  return "accepted";
}

VoteFacts passed_vote() { return VoteFacts{10, 2, true, 1, true}; }

}  // namespace

TEST(CovenantClauses, StreetTypesAreAcceptedAndOthersRefusedNamingTheField) {
  Policy policy = default_policy();
  EXPECT_EQ(clause_types(policy),
            (std::vector<std::string>{"parking", "illegal_structure", "stairwell_clutter", "pets", "noise"}));
  EXPECT_EQ(field_of([&] { check_version("公约", {clause(1), clause(2, "noise")}, policy); }), "accepted");
  EXPECT_EQ(field_of([&] {
              check_version("公约", {clause(1), clause(2, "graffiti")}, policy);
            }),
            "400 clauses[1].type");
  policy.extra_clause_types = {"graffiti"};
  EXPECT_EQ(field_of([&] { check_version("公约", {clause(1), clause(2, "graffiti")}, policy); }), "accepted");
}

TEST(CovenantClauses, NumbersRunFromOneAndDaysStayWithinNinety) {
  Policy policy = default_policy();
  EXPECT_EQ(field_of([&] { check_version("公约", {clause(1), clause(3)}, policy); }), "400 clauses[1].number");
  Clause slow = clause(1);
  slow.rectification_days = 91;
  EXPECT_EQ(field_of([&] { check_version("公约", {slow}, policy); }), "400 clauses[0].rectification_days");
  Clause never = clause(1);
  never.escalation_days = 0;
  EXPECT_EQ(field_of([&] { check_version("公约", {never}, policy); }), "400 clauses[0].escalation_days");
  EXPECT_EQ(field_of([&] { check_version(" ", {clause(1)}, policy); }), "400 title");
  EXPECT_EQ(field_of([&] { check_version("公约", {}, policy); }), "400 clauses");
}

TEST(CovenantPolicy, ExtraTypesMustBeCodesThatDoNotRepeat) {
  EXPECT_EQ(field_of([] { check_policy(default_policy()); }), "accepted");
  EXPECT_EQ(field_of([] { check_policy(Policy{{"pets", "pets"}}); }), "400 extra_clause_types[1]");
  EXPECT_EQ(field_of([] { check_policy(Policy{{"parking"}}); }), "400 extra_clause_types[0]");
  EXPECT_EQ(field_of([] { check_policy(Policy{{"养犬"}}); }), "400 extra_clause_types[0]");
  EXPECT_EQ(field_of([] { check_policy(Policy{}); }), "400 extra_clause_types");
}

TEST(CovenantAdoption, PassedMatterTwoVoteOnTheSameCompoundAdopts) {
  EXPECT_EQ(field_of([] { check_adopting_vote(passed_vote(), 10, 1); }), "accepted");
}

TEST(CovenantAdoption, AnyOtherVoteIsRefusedWithConflict) {
  VoteFacts elsewhere = passed_vote();
  elsewhere.compound_node_id = 11;
  EXPECT_EQ(field_of([&] { check_adopting_vote(elsewhere, 10, 1); }), "409 vote_id");
  VoteFacts property = passed_vote();
  property.matter = 4;
  EXPECT_EQ(field_of([&] { check_adopting_vote(property, 10, 1); }), "409 vote_id");
  VoteFacts open = passed_vote();
  open.counted = false;
  EXPECT_EQ(field_of([&] { check_adopting_vote(open, 10, 1); }), "409 vote_id");
  VoteFacts failed = passed_vote();
  failed.item_passed = false;
  EXPECT_EQ(field_of([&] { check_adopting_vote(failed, 10, 1); }), "409 vote_id");
  EXPECT_EQ(field_of([] { check_adopting_vote(passed_vote(), 10, 2); }), "400 vote_item");
  EXPECT_EQ(field_of([] { check_adopting_vote(passed_vote(), 10, 0); }), "400 vote_item");
}

TEST(CovenantLifeCycle, StepsGoForwardOnly) {
  using S = ViolationState;
  EXPECT_TRUE(transition_allowed(S::Reported, S::Notified));
  EXPECT_TRUE(transition_allowed(S::Notified, S::Rectifying));
  EXPECT_TRUE(transition_allowed(S::Rectifying, S::Removed));
  EXPECT_TRUE(transition_allowed(S::Notified, S::Removed));   // removed at once, without a rectifying period
  EXPECT_FALSE(transition_allowed(S::Reported, S::Removed));  // the household must be told first
  EXPECT_FALSE(transition_allowed(S::Reported, S::Rectifying));
  EXPECT_FALSE(transition_allowed(S::Rectifying, S::Notified));
  EXPECT_FALSE(transition_allowed(S::Removed, S::Closed));
  EXPECT_FALSE(transition_allowed(S::Closed, S::Notified));
  EXPECT_EQ(field_of([] { check_transition(S::Removed, S::Rectifying); }), "409 state");
}

TEST(CovenantLifeCycle, AnyOpenViolationMayBeClosed) {
  using S = ViolationState;
  for (S from : {S::Reported, S::Notified, S::Rectifying}) EXPECT_TRUE(transition_allowed(from, S::Closed));
  EXPECT_TRUE(is_open(S::Rectifying));
  EXPECT_FALSE(is_open(S::Closed));
}

TEST(CovenantLifeCycle, RemovalNeedsTheLatestReinspectionPassed) {
  EXPECT_EQ(field_of([] { check_removal({}); }), "409 state");
  EXPECT_EQ(field_of([] {
              check_removal({{1, "2026-03-01", true, ""}, {2, "2026-03-05", false, "未清理"}});
            }),
            "409 state");
  EXPECT_EQ(field_of([] { check_removal({{1, "2026-03-01", false, ""}, {2, "2026-03-05", true, ""}}); }), "accepted");
}

TEST(CovenantDeadline, IsTheNotifiedDayPlusTheClauseDays) {
  EXPECT_EQ(deadline("2026-01-20", 30), "2026-02-19");
  EXPECT_EQ(deadline("2024-02-28", 1), "2024-02-29");
  EXPECT_EQ(deadline("2026-12-31", 1), "2027-01-01");
  EXPECT_FALSE(deadline("2026-02-30", 3));
  EXPECT_EQ(days_between("2026-01-01", "2026-02-09"), 39);
  EXPECT_EQ(days_between("2026-02-09", "2026-01-01"), -39);
}

TEST(CovenantEscalation, OneChainLevelPerEscalationDaysOverdue) {
  using L = EscalationLevel;
  const auto open = ViolationState::Rectifying;
  const std::optional<std::string> due = "2026-03-10";
  EXPECT_EQ(escalation_level(open, due, 3, "2026-03-10"), L::None);  // the deadline day itself is in time
  EXPECT_EQ(escalation_level(open, due, 3, "2026-03-12"), L::None);  // two days late: not yet a full period
  EXPECT_EQ(escalation_level(open, due, 3, "2026-03-13"), L::Commissioner);
  EXPECT_EQ(escalation_level(open, due, 3, "2026-03-16"), L::TripartiteDirector);
  EXPECT_EQ(escalation_level(open, due, 3, "2026-03-19"), L::CommunitySecretary);
  EXPECT_EQ(escalation_level(open, due, 3, "2026-03-22"), L::Street);
  EXPECT_EQ(escalation_level(open, due, 3, "2027-01-01"), L::Street);  // the street is the last level
}

TEST(CovenantEscalation, FinishedOrUnnotifiedViolationsDoNotEscalate) {
  const std::optional<std::string> due = "2026-03-10";
  EXPECT_EQ(escalation_level(ViolationState::Removed, due, 3, "2026-04-30"), EscalationLevel::None);
  EXPECT_EQ(escalation_level(ViolationState::Closed, due, 3, "2026-04-30"), EscalationLevel::None);
  EXPECT_EQ(escalation_level(ViolationState::Reported, std::nullopt, 3, "2026-04-30"), EscalationLevel::None);
  EXPECT_EQ(days_overdue("2026-03-10", "2026-03-01"), 0);
}

TEST(CovenantArea, SumsAreExactInHundredthsOfSquareMetres) {
  EXPECT_EQ(area_sum({}), 0);
  EXPECT_EQ(area_sum({1, 2, 462697}), 462700);
  // 0.1 + 0.2 in floating point is not 0.3; in 0.01 m² units it is.
  EXPECT_EQ(area_sum({10, 20}), 30);
  EXPECT_THROW(area_sum({std::numeric_limits<std::int64_t>::max(), 1}), std::overflow_error);
  EXPECT_EQ(field_of([] { check_area(0, "area_centi_m2"); }), "400 area_centi_m2");
  EXPECT_EQ(field_of([] { check_area(100'000'001, "area_centi_m2"); }), "400 area_centi_m2");
  EXPECT_EQ(field_of([] { check_area(462700, "area_centi_m2"); }), "accepted");
}

TEST(CovenantDates, StepsMayNotPrecedeThePreviousOne) {
  EXPECT_EQ(field_of([] { check_not_before("2026-03-01", "2026-03-02", "removed_on", "复查日期"); }), "400 removed_on");
  EXPECT_EQ(field_of([] { check_not_before("2026-03-02", "2026-03-02", "removed_on", "复查日期"); }), "accepted");
  EXPECT_EQ(field_of([] { checked_date("2026-13-01", "notified_on"); }), "400 notified_on");
}
