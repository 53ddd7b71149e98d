// Covenant rules: clause checks against the street's types, the adopting vote's conditions, the
// violation life cycle, deadlines, escalation one chain level per escalation_days overdue, and
// exact area sums.
#include <gtest/gtest.h>

#include <functional>
#include <limits>
#include <stdexcept>

#include "core/error.hpp"
#include "modules/covenant/rules.hpp"
#include "modules/org/org.hpp"
#include "tree_node.hpp"
#include "refusal.hpp"

using namespace weizhi::covenant;
using weizhi::ApiError;

namespace {

Clause clause(std::int64_t number, const std::string& type = kParking) {
  return Clause{number, type, "条款内容", 7, 3};
}

std::string field_of(const std::function<void()>& action) { return refusal_of(action, "accepted"); }

VoteFacts passed_vote() { return VoteFacts{10, 2, true, 1, true}; }

const weizhi::org::Node kCompound = tree_node(3, weizhi::org::NodeKind::Compound, "/1/2/3/");
const weizhi::org::Node kPart = tree_node(9, weizhi::org::NodeKind::Part, "/1/2/3/5/7/9/");

Version version(VersionState state) {
  return Version{1,
                 3,
                 "幸福小区",
                 1,
                 "管理规约",
                 state,
                 5,
                 1,
                 "2026-03-01",
                 std::nullopt,
                 "",
                 {clause(1), clause(2, "illegal_structure"), clause(3, "noise")}};
}

// A violation of clause 1, reported on 2026-04-01 and notified on 2026-04-03.
Violation notified() {
  Violation violation{};
  violation.id = 8;
  violation.input.compound_node_id = 3;
  violation.input.reported_on = "2026-04-01";
  violation.state = ViolationState::Notified;
  violation.rectification_days = 7;
  violation.escalation_days = 3;
  violation.notified_on = "2026-04-03";
  violation.deadline_on = "2026-04-10";
  return violation;
}

ViolationInput parking_report() {
  ViolationInput input{};
  input.compound_node_id = 3;
  input.clause_number = 1;
  input.reported_on = "2026-04-01";
  input.plate = "浙A12345";
  input.place = "3 幢门口";
  return input;
}

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

TEST(CovenantParts, APartIsAnExistingPartInsideTheCompound) {
  using weizhi::org::NodeKind;
  EXPECT_EQ(field_of([] { check_part_of(kPart, kCompound, "part_id"); }), "accepted");
  EXPECT_EQ(field_of([] { check_part_of(std::nullopt, kCompound, "part_id"); }), "404 ");
  EXPECT_EQ(field_of([] { check_part_of(tree_node(9, NodeKind::Unit, "/1/2/3/5/9/"), kCompound, "part_id"); }), "404 ");
  EXPECT_EQ(field_of([] { check_part_of(kPart, std::nullopt, "part_id"); }), "404 ");
  EXPECT_EQ(field_of([] { check_part_of(tree_node(9, NodeKind::Part, "/1/2/4/5/7/9/"), kCompound, "part_id"); }),
            "422 part_id");
}

TEST(CovenantAdoption, OnlyADraftIsAdopted) {
  EXPECT_EQ(field_of([] { check_adoptable(version(VersionState::Draft)); }), "accepted");
  EXPECT_EQ(field_of([] { check_adoptable(version(VersionState::Adopted)); }), "409 ");
  EXPECT_EQ(field_of([] { check_adoptable(version(VersionState::Superseded)); }), "409 ");
}

TEST(CovenantAcknowledgement, EachPartSignsTheAdoptedVersionOnce) {
  EXPECT_EQ(field_of([] { check_acknowledgement(version(VersionState::Adopted), kPart, kCompound, false); }),
            "accepted");
  EXPECT_EQ(field_of([] { check_acknowledgement(version(VersionState::Draft), kPart, kCompound, false); }), "409 ");
  EXPECT_EQ(field_of([] { check_acknowledgement(version(VersionState::Adopted), kPart, kCompound, true); }),
            "409 part_id");
  EXPECT_EQ(field_of([] { check_acknowledgement(version(VersionState::Adopted), std::nullopt, kCompound, false); }),
            "404 ");
}

TEST(CovenantReport, AViolationCitesAClauseOfTheAdoptedVersionOnOrAfterItsAdoption) {
  EXPECT_EQ(check_report(parking_report(), version(VersionState::Adopted)).number, 1);
  EXPECT_EQ(field_of([] { check_report(parking_report(), std::nullopt); }), "409 compound_id");
  ViolationInput input = parking_report();
  input.reported_on = "2026-02-28";
  EXPECT_EQ(field_of([&] { check_report(input, version(VersionState::Adopted)); }), "400 reported_on");
  input.reported_on = "2026-04-31";
  EXPECT_EQ(field_of([&] { check_report(input, std::nullopt); }), "400 reported_on");
  input = parking_report();
  input.clause_number = 4;
  EXPECT_EQ(field_of([&] { check_report(input, version(VersionState::Adopted)); }), "400 clause_number");
}

TEST(CovenantReport, EachKindOfClauseNeedsItsOwnFields) {
  ViolationInput parking = parking_report();
  parking.plate = "";
  EXPECT_EQ(field_of([&] { check_report(parking, version(VersionState::Adopted)); }), "400 plate");
  parking = parking_report();
  parking.place = std::string(201, 'a');
  EXPECT_EQ(field_of([&] { check_report(parking, version(VersionState::Adopted)); }), "400 place");
  ViolationInput structure = parking_report();
  structure.clause_number = 2;
  structure.location = "屋顶";
  structure.area_centi_m2 = 1200;
  EXPECT_EQ(field_of([&] { check_report(structure, version(VersionState::Adopted)); }), "accepted");
  structure.photos = std::vector<std::string>(21, "p");
  EXPECT_EQ(field_of([&] { check_report(structure, version(VersionState::Adopted)); }), "400 photos");
  structure.photos.clear();
  structure.area_centi_m2 = 0;
  EXPECT_EQ(field_of([&] { check_report(structure, version(VersionState::Adopted)); }), "400 area_centi_m2");
  structure.location = "";
  EXPECT_EQ(field_of([&] { check_report(structure, version(VersionState::Adopted)); }), "400 location");
  ViolationInput other = parking_report();
  other.clause_number = 3;
  EXPECT_EQ(field_of([&] { check_report(other, version(VersionState::Adopted)); }), "400 description");
}

TEST(CovenantDates, TheLastStepIsTheLatestOfReportNoticeAndInspection) {
  Violation violation = notified();
  EXPECT_EQ(last_step_day(violation), "2026-04-03");
  violation.inspections = {Inspection{1, "2026-04-06", false, ""}};
  EXPECT_EQ(last_step_day(violation), "2026-04-06");
  violation.notified_on.reset();
  violation.inspections.clear();
  EXPECT_EQ(last_step_day(violation), "2026-04-01");
}

TEST(CovenantLifeCycle, EachStepChecksItsDayThenTheLifeCycle) {
  Violation reported = notified();
  reported.state = ViolationState::Reported;
  EXPECT_EQ(field_of([&] { check_notify(reported, "2026-04-01"); }), "accepted");
  EXPECT_EQ(field_of([&] { check_notify(reported, "2026-03-31"); }), "400 notified_on");
  EXPECT_EQ(field_of([] { check_notify(notified(), "2026-04-05"); }), "409 state");
  EXPECT_EQ(field_of([] { check_rectifying(notified(), "2026-04-03"); }), "accepted");
  EXPECT_EQ(field_of([] { check_rectifying(notified(), "2026-04-02"); }), "400 on");
  EXPECT_EQ(field_of([&] { check_rectifying(reported, "2026-04-03"); }), "409 state");
}

TEST(CovenantLifeCycle, RemovalFollowsAPassedInspectionOnALaterDay) {
  Violation violation = notified();
  EXPECT_EQ(field_of([&] { check_remove(violation, "2026-04-09"); }), "409 state");
  violation.inspections = {Inspection{1, "2026-04-08", true, ""}};
  EXPECT_EQ(field_of([&] { check_remove(violation, "2026-04-09"); }), "accepted");
  EXPECT_EQ(field_of([&] { check_remove(violation, "2026-04-07"); }), "400 removed_on");
  EXPECT_EQ(field_of([&] { check_remove(violation, "09-04-2026"); }), "400 removed_on");
}

TEST(CovenantLifeCycle, ClosingGivesAReasonOnADayNotBeforeTheReport) {
  EXPECT_EQ(field_of([] { check_close(notified(), "已协商解决", "2026-04-01"); }), "accepted");
  EXPECT_EQ(field_of([] { check_close(notified(), " ", "2026-04-05"); }), "400 reason");
  EXPECT_EQ(field_of([] { check_close(notified(), std::string(601, 'a'), "2026-04-05"); }), "400 reason");
  EXPECT_EQ(field_of([] { check_close(notified(), "已协商解决", "2026-03-31"); }), "400 closed_on");
  Violation closed = notified();
  closed.state = ViolationState::Closed;
  EXPECT_EQ(field_of([&] { check_close(closed, "已协商解决", "2026-04-05"); }), "409 state");
}

TEST(CovenantInspection, OnlyANotifiedOrRectifyingViolationIsInspectedAfterItsLastStep) {
  EXPECT_EQ(field_of([] { check_inspection(notified(), "2026-04-05", "仍未拆除"); }), "accepted");
  EXPECT_EQ(field_of([] { check_inspection(notified(), "2026-04-02", ""); }), "400 inspected_on");
  EXPECT_EQ(field_of([] { check_inspection(notified(), "2026-04-05", std::string(2001, 'a')); }), "400 note");
  Violation reported = notified();
  reported.state = ViolationState::Reported;
  EXPECT_EQ(field_of([&] { check_inspection(reported, "2026-04-05", ""); }), "409 state");
}

TEST(CovenantEscalation, EveryLevelPassedSinceTheRecordedOneIsDue) {
  Violation violation = notified();
  // Deadline 2026-04-10, 3 days per level: 7 days overdue is the second level.
  auto due = escalations_due(violation, "2026-04-17");
  ASSERT_EQ(due.size(), 2u);
  EXPECT_EQ(due.back(), escalation_level(violation.state, violation.deadline_on, 3, "2026-04-17"));
  violation.recorded_level = 1;
  EXPECT_EQ(escalations_due(violation, "2026-04-17"), std::vector<EscalationLevel>{due.back()});
  violation.recorded_level = 2;
  EXPECT_TRUE(escalations_due(violation, "2026-04-17").empty());
  EXPECT_TRUE(escalations_due(notified(), "2026-04-10").empty());
}
