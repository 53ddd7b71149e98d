// Unit tests of the pure case rules: the transition table and its permissions, due times across
// street days, overdue, who may verify, ratings that reopen once, item checks, the pre-intervention
// calendar and the median.
#include <algorithm>

#include <gtest/gtest.h>

#include "core/error.hpp"
#include "core/time.hpp"
#include "modules/cases/rules.hpp"
#include "modules/org/org.hpp"
#include "tree_node.hpp"
#include "refusal.hpp"

using namespace weizhi;
using namespace weizhi::cases;

namespace {

TimePoint at(const char* iso) { return *parse_iso(iso); }

int status_of(const std::function<void()>& action) {
  try {
    action();
  } catch (const ApiError& error) {
    return error.status();
  }
  return 0;
}

// Compound 3 of street 1 (/1/2/3/), its part 9 and building 5, and an active item of street 1.
CaseSite site() {
  return CaseSite{tree_node(3, org::NodeKind::Compound, "/1/2/3/"), tree_node(9, org::NodeKind::Part, "/1/2/3/5/7/9/"),
                  tree_node(5, org::NodeKind::Building, "/1/2/3/5/")};
}
Item active_item() {
  Item item;
  item.id = 7;
  item.street_node_id = 1;
  item.code = "street-lamp";
  item.name = "路灯";
  item.category = "公共设施";
  return item;
}
NewCase new_case() {
  NewCase input;
  input.item_id = 7;
  input.compound_node_id = 3;
  input.part_node_id = 9;
  input.building_node_id = 5;
  input.description = "路灯不亮";
  return input;
}

Case case_in(State state, std::int64_t id = 1, std::int64_t compound = 3) {
  Case record;
  record.id = id;
  record.state = state;
  record.input.compound_node_id = compound;
  record.input.reported_at = at("2026-05-01T02:00:00Z");
  return record;
}

}  // namespace

TEST(CasesRules, TheMainPathNeedsOnePermissionPerStep) {
  EXPECT_EQ(transition_permission(State::Reported, State::Accepted), "cases.accept");
  EXPECT_EQ(transition_permission(State::Accepted, State::Assigned), "cases.assign");
  EXPECT_EQ(transition_permission(State::Assigned, State::InProgress), "cases.resolve");
  EXPECT_EQ(transition_permission(State::InProgress, State::Resolved), "cases.resolve");
  EXPECT_EQ(transition_permission(State::Resolved, State::Verified), "cases.verify");
  EXPECT_EQ(transition_permission(State::Verified, State::Closed), "cases.close");
}

TEST(CasesRules, SkippedStepsAndStepsOutOfFinalStatesAreRefused) {
  EXPECT_FALSE(transition_permission(State::Reported, State::Resolved));
  EXPECT_FALSE(transition_permission(State::Accepted, State::Verified));
  EXPECT_FALSE(transition_permission(State::Resolved, State::Closed));
  EXPECT_FALSE(transition_permission(State::Closed, State::InProgress));
  EXPECT_FALSE(transition_permission(State::Duplicate, State::Accepted));
  EXPECT_FALSE(transition_permission(State::ClosedNotFixed, State::Accepted));
  EXPECT_EQ(status_of([] { check_transition(State::Reported, State::Resolved); }), 409);
}

TEST(CasesRules, SideStepsHaveTheirPermissions) {
  EXPECT_EQ(transition_permission(State::Reported, State::Duplicate), "cases.accept");
  EXPECT_EQ(transition_permission(State::Reported, State::Returned), "cases.accept");
  EXPECT_EQ(transition_permission(State::InProgress, State::Transferred), "cases.assign");
  EXPECT_EQ(transition_permission(State::Transferred, State::InProgress), "cases.resolve");
  EXPECT_EQ(transition_permission(State::InProgress, State::ClosedNotFixed), "cases.close");
  EXPECT_EQ(transition_permission(State::Resolved, State::InProgress), "cases.verify");
}

// What a caller must hold to ask for a state at all, whatever the case's state is now: the union
// of the table's rows into it.
TEST(CasesRules, ThePermissionsIntoAStateDoNotDependOnTheCurrentState) {
  using List = std::vector<std::string>;
  EXPECT_EQ(permissions_into(State::Accepted), List{"cases.accept"});
  EXPECT_EQ(permissions_into(State::Assigned), List{"cases.assign"});
  EXPECT_EQ(permissions_into(State::Resolved), List{"cases.resolve"});
  EXPECT_EQ(permissions_into(State::Verified), List{"cases.verify"});
  EXPECT_EQ(permissions_into(State::Closed), List{"cases.close"});
  EXPECT_EQ(permissions_into(State::ClosedNotFixed), List{"cases.close"});
  // Starting work and sending a fix back both lead to in_progress.
  EXPECT_EQ(permissions_into(State::InProgress), (List{"cases.resolve", "cases.verify"}));
  // Every step's own permission is among those into its target.
  for (State from : {State::Reported, State::Accepted, State::Assigned, State::InProgress, State::Resolved,
                     State::Verified, State::Returned, State::Transferred}) {
    for (State to : {State::Accepted, State::Assigned, State::InProgress, State::Resolved, State::Verified,
                     State::Closed, State::Returned, State::Transferred, State::Duplicate, State::ClosedNotFixed}) {
      if (auto permission = transition_permission(from, to)) {
        auto into = permissions_into(to);
        EXPECT_NE(std::find(into.begin(), into.end(), *permission), into.end())
            << code_of(kStates, from) << "→" << code_of(kStates, to);
      }
    }
  }
  // Nothing leads back to reported: a bad request, whatever the state.
  EXPECT_EQ(status_of([] { permissions_into(State::Reported); }), 400);
}

TEST(CasesRules, StatesHaveTypes) {
  EXPECT_EQ(state_type(State::Reported), StateType::Open);
  EXPECT_EQ(state_type(State::Transferred), StateType::Open);
  EXPECT_EQ(state_type(State::Resolved), StateType::Fixed);
  EXPECT_EQ(state_type(State::Verified), StateType::Fixed);
  EXPECT_EQ(state_type(State::Duplicate), StateType::Closed);
  EXPECT_EQ(state_type(State::ClosedNotFixed), StateType::Closed);
  for (const char* code : {"reported", "in_progress", "closed_not_fixed", "duplicate"}) {
    EXPECT_EQ(code_of(kStates, *parse_code(kStates, code)), code);
  }
  EXPECT_FALSE(parse_code(kStates, "done"));
}

TEST(CasesRules, PropertyStaffAndTheAssigneeCannotVerify) {
  EXPECT_EQ(status_of([] { check_verifier(true, false); }), 403);
  EXPECT_EQ(status_of([] { check_verifier(false, true); }), 403);
  EXPECT_EQ(status_of([] { check_verifier(false, false); }), 0);
}

TEST(CasesRules, ResponseIsDueHoursAfterTheReport) {
  EXPECT_EQ(iso_utc(response_due(at("2026-03-01T02:00:00Z"), 24)), "2026-03-02T02:00:00.000Z");
  EXPECT_EQ(iso_utc(response_due(at("2026-03-01T23:30:00Z"), 4)), "2026-03-02T03:30:00.000Z");
}

TEST(CasesRules, ResolutionIsDueAtTheEndOfTheStreetDay) {
  // 10:00 in Hangzhou on 1 March, three days: the end of 4 March street time (16:00 UTC).
  EXPECT_EQ(iso_utc(resolve_due(at("2026-03-01T02:00:00Z"), 3)), "2026-03-04T16:00:00.000Z");
  // 23:30 UTC on 28 February is 07:30 on 1 March in Hangzhou: the same street day.
  EXPECT_EQ(iso_utc(resolve_due(at("2026-02-28T23:30:00Z"), 3)), "2026-03-04T16:00:00.000Z");
  // 15:59 UTC is 23:59 street time, still that day.
  EXPECT_EQ(iso_utc(resolve_due(at("2026-02-28T15:59:00Z"), 1)), "2026-03-01T16:00:00.000Z");
}

TEST(CasesRules, OverdueIsComputedFromTheDueTimesAndTheState) {
  TimePoint response = at("2026-03-02T02:00:00Z");
  TimePoint resolve = at("2026-03-04T16:00:00Z");
  EXPECT_FALSE(is_overdue(State::Reported, response, resolve, at("2026-03-02T01:00:00Z")));
  EXPECT_TRUE(is_overdue(State::Reported, response, resolve, at("2026-03-02T03:00:00Z")));
  EXPECT_FALSE(is_overdue(State::Accepted, response, resolve, at("2026-03-02T03:00:00Z")));
  EXPECT_TRUE(is_overdue(State::InProgress, response, resolve, at("2026-03-05T00:00:00Z")));
  EXPECT_FALSE(is_overdue(State::Resolved, response, resolve, at("2026-03-05T00:00:00Z")));
}

TEST(CasesRules, EachDeadlineSaysWhetherItIsMissed) {
  TimePoint response = at("2026-03-02T02:00:00Z");
  TimePoint resolve = at("2026-03-04T16:00:00Z");
  // Late to respond but with days left for the fix: only the response is missed.
  EXPECT_TRUE(response_overdue(State::Reported, response, at("2026-03-02T03:00:00Z")));
  EXPECT_FALSE(resolution_overdue(State::Reported, resolve, at("2026-03-02T03:00:00Z")));
  // Taken on, the response no longer counts; the fix does once its day is over.
  EXPECT_FALSE(response_overdue(State::InProgress, response, at("2026-03-05T00:00:00Z")));
  EXPECT_TRUE(resolution_overdue(State::InProgress, resolve, at("2026-03-05T00:00:00Z")));
  EXPECT_FALSE(resolution_overdue(State::Closed, resolve, at("2026-03-05T00:00:00Z")));
}

TEST(CasesRules, ACaseIsNotOverdueOnItsDueDay) {
  TimePoint reported = at("2026-03-01T02:00:00Z");
  EXPECT_EQ(resolve_due_on(reported, 3), "2026-03-04");
  TimePoint due = resolve_due(reported, 3);
  EXPECT_EQ(due, *street_day_end("2026-03-04"));
  EXPECT_EQ(due_day_ending(due), "2026-03-04");
  // The first and the last minute of the due day in street time, then the first after it.
  EXPECT_FALSE(resolution_overdue(State::Assigned, due, at("2026-03-03T16:00:00Z")));
  EXPECT_FALSE(resolution_overdue(State::Assigned, due, at("2026-03-04T15:59:00Z")));
  EXPECT_EQ(escalation_level(State::Assigned, due, 3, at("2026-03-04T15:59:00Z")), EscalationLevel::None);
  EXPECT_TRUE(resolution_overdue(State::Assigned, due, at("2026-03-04T16:01:00Z")));
  EXPECT_EQ(escalation_level(State::Assigned, due, 3, at("2026-03-04T16:01:00Z")), EscalationLevel::Commissioner);
}

TEST(CasesRules, AnOverdueCaseClimbsOneChainLevelPerMissedPeriod) {
  TimePoint due = at("2026-03-04T16:00:00Z");
  EXPECT_EQ(escalation_level(State::InProgress, due, 3, at("2026-03-04T15:00:00Z")), EscalationLevel::None);
  EXPECT_EQ(escalation_level(State::InProgress, due, 3, at("2026-03-04T17:00:00Z")), EscalationLevel::Commissioner);
  EXPECT_EQ(escalation_level(State::InProgress, due, 3, at("2026-03-07T17:00:00Z")),
            EscalationLevel::TripartiteDirector);
  EXPECT_EQ(escalation_level(State::Assigned, due, 3, at("2026-03-10T17:00:00Z")), EscalationLevel::CommunitySecretary);
  EXPECT_EQ(escalation_level(State::Assigned, due, 3, at("2026-04-30T00:00:00Z")), EscalationLevel::Street);
  EXPECT_EQ(escalation_level(State::Resolved, due, 3, at("2026-04-30T00:00:00Z")), EscalationLevel::None);
  EXPECT_EQ(code_of(governance::kEscalationLevels, EscalationLevel::TripartiteDirector), "tripartite_director");
}

TEST(CasesRules, AnUnsatisfiedRatingReopensOnlyOnce) {
  EXPECT_TRUE(rating_reopens(2, false));
  EXPECT_TRUE(rating_reopens(1, false));
  EXPECT_FALSE(rating_reopens(3, false));
  EXPECT_FALSE(rating_reopens(1, true));
}

TEST(CasesRules, AFixWaitsForTheReportingResidentsRatingUntilTheyGiveIt) {
  Case record;
  record.input.channel = Channel::ResidentH5;
  record.input.reporter_user_id = 12;
  record.state = State::InProgress;
  EXPECT_FALSE(awaiting_rating(record)) << "nothing fixed yet";
  record.state = State::Resolved;
  record.resolved_at = "2026-03-02T08:00:00.000Z";
  EXPECT_TRUE(awaiting_rating(record));
  record.reporter_rated_at = "2026-03-02T09:00:00.000Z";
  EXPECT_FALSE(awaiting_rating(record));
  // Reopened by that rating and fixed again: the new fix waits for a rating of its own.
  record.resolved_at = "2026-03-05T08:00:00.000Z";
  EXPECT_TRUE(awaiting_rating(record));
  record.state = State::ClosedNotFixed;
  EXPECT_FALSE(awaiting_rating(record));
  record.state = State::Closed;
  record.input.channel = Channel::Hotline;
  EXPECT_FALSE(awaiting_rating(record)) << "staff's registrations are followed up by telephone";
}

TEST(CasesRules, AResidentCategoryHasAShortNameAnItemInUseAndOtherAlwaysStays) {
  Item item = active_item();
  ResidentCategory category{0, 1, "stairwell", "楼道", item.id, 1, true};
  EXPECT_EQ(status_of([&] { check_resident_category(category, item); }), 0);
  ResidentCategory bad_code = category;
  bad_code.code = "楼道";
  EXPECT_EQ(status_of([&] { check_resident_category(bad_code, item); }), 400);
  ResidentCategory long_name = category;
  long_name.name = "楼道楼梯走廊过道门厅单元";  // 11 characters
  EXPECT_EQ(status_of([&] { check_resident_category(long_name, item); }), 400);
  Item elsewhere = item;
  elsewhere.street_node_id = 2;
  EXPECT_EQ(status_of([&] { check_resident_category(category, elsewhere); }), 422);
  ResidentCategory other{0, 1, kOtherCategory, "其他", item.id, 10, false};
  EXPECT_EQ(status_of([&] { check_resident_category(other, item); }), 409);
}

TEST(CasesRules, StaffClassifyACaseOnlyBeforeItIsAssigned) {
  Item item = active_item();
  Case record;
  record.state = State::Accepted;
  EXPECT_EQ(status_of([&] { check_classify(record, item, 1); }), 0);
  EXPECT_EQ(status_of([&] { check_classify(record, item, 2); }), 422);
  record.state = State::Assigned;
  EXPECT_EQ(status_of([&] { check_classify(record, item, 1); }), 409);
}

TEST(CasesRules, RatingsNeedAScoreOfOneToFiveAndAFix) {
  EXPECT_EQ(status_of([] { check_rating(0, ""); }), 400);
  EXPECT_EQ(status_of([] { check_rating(6, ""); }), 400);
  EXPECT_EQ(status_of([] { check_rating(5, "好"); }), 0);
  EXPECT_EQ(status_of([] { check_rateable(State::InProgress); }), 409);
  EXPECT_EQ(status_of([] { check_rateable(State::Resolved); }), 0);
}

TEST(CasesRules, ADuplicateRefersToItsOriginal) {
  try {
    check_not_duplicate(State::Duplicate, 42);
    FAIL();
  } catch (const ApiError& error) {
    EXPECT_EQ(error.status(), 409);
    EXPECT_EQ(error.field(), "original_id");
    EXPECT_NE(error.message().find("42"), std::string::npos);
  }
  EXPECT_EQ(status_of([] { check_not_duplicate(State::Reported, std::nullopt); }), 0);
}

TEST(CasesRules, ItemChecksNameTheField) {
  Item item{0, 1, "street-lamp", "路灯", "公共设施", Party::PropertyCompany, false, true, false, 24, 5, false, true};
  EXPECT_EQ(status_of([&] { check_item(item); }), 0);
  auto field_of = [](Item changed) {
    try {
      check_item(changed);
    } catch (const ApiError& error) {
      return error.field();
    }
    return std::string();
  };
  Item bad = item;
  bad.code = "Street Lamp";
  EXPECT_EQ(field_of(bad), "code");
  bad = item;
  bad.response_hours = 0;
  EXPECT_EQ(field_of(bad), "response_hours");
  bad = item;
  bad.resolution_days = 400;
  EXPECT_EQ(field_of(bad), "resolution_days");
}

TEST(CasesRules, MedianOfOddAndEvenCounts) {
  EXPECT_FALSE(median({}));
  EXPECT_DOUBLE_EQ(*median({5, 1, 3}), 3);
  EXPECT_DOUBLE_EQ(*median({4, 1, 3, 2}), 2.5);
}

namespace {

std::string field_of(const std::function<void()>& action) {
  try {
    action();
  } catch (const ApiError& error) {
    return error.field();
  }
  return "";
}

}  // namespace

TEST(CasesRules, APreInterventionCalendarHoldsDistinctYearlyDaysOfPreItems) {
  EXPECT_EQ(field_of([] { check_pre_schedule(true, {"04-15", "05-15"}); }), "");
  EXPECT_EQ(field_of([] { check_pre_schedule(false, {}); }), "");
  EXPECT_EQ(field_of([] { check_pre_schedule(false, {"04-15"}); }), "pre_schedule");
  EXPECT_EQ(field_of([] { check_pre_schedule(true, {"04-15", "4-16"}); }), "pre_schedule[1]");
  EXPECT_EQ(field_of([] { check_pre_schedule(true, {"02-30"}); }), "pre_schedule[0]");
  // Not every year has 02-29: a yearly task would be skipped three years in four.
  EXPECT_EQ(field_of([] { check_pre_schedule(true, {"02-29"}); }), "pre_schedule[0]");
  EXPECT_EQ(field_of([] { check_pre_schedule(true, {"05-01", "06-01", "05-01"}); }), "pre_schedule[2]");
  std::vector<std::string> thirteen;
  for (int month = 1; month <= 12; ++month) thirteen.push_back((month < 10 ? "0" : "") + std::to_string(month) + "-01");
  thirteen.push_back("12-25");
  EXPECT_EQ(field_of([&] { check_pre_schedule(true, thirteen); }), "pre_schedule");
}

TEST(CasesRules, ATaskIsDueOnItsMonthDayForActivePreItemsOnly) {
  Item item;
  item.pre = true;
  item.pre_schedule = {"05-01", "10-01"};
  EXPECT_TRUE(pre_task_due(item, "2027-05-01"));
  EXPECT_TRUE(pre_task_due(item, "2026-10-01"));
  EXPECT_FALSE(pre_task_due(item, "2027-05-02"));
  item.active = false;
  EXPECT_FALSE(pre_task_due(item, "2027-05-01"));
  item.active = true;
  item.pre = false;
  EXPECT_FALSE(pre_task_due(item, "2027-05-01"));
}

TEST(CasesRules, ATakenItemCodeIsAConflictAfterTheItemsOwnChecks) {
  Item item = active_item();
  EXPECT_EQ(refusal_of([&] { check_new_item(item, false); }), "");
  EXPECT_EQ(refusal_of([&] { check_new_item(item, true); }), "409 code");
  item.name = "";
  EXPECT_EQ(refusal_of([&] { check_new_item(item, true); }), "400 name");
}

TEST(CasesRules, ANewCaseIsReportedInAnExistingCompoundOnAnActiveItemOfItsStreet) {
  EXPECT_EQ(refusal_of([] { check_new_case(new_case(), active_item(), site()); }), "");
  CaseSite no_compound = site();
  no_compound.compound.reset();
  EXPECT_EQ(refusal_of([&] { check_new_case(new_case(), active_item(), no_compound); }), "404 ");
  CaseSite building_as_compound = site();
  building_as_compound.compound = tree_node(5, org::NodeKind::Building, "/1/2/3/5/");
  EXPECT_EQ(refusal_of([&] { check_new_case(new_case(), active_item(), building_as_compound); }), "404 ");
  Item inactive = active_item();
  inactive.active = false;
  EXPECT_EQ(refusal_of([&] { check_new_case(new_case(), inactive, site()); }), "422 item_code");
  Item other_street = active_item();
  other_street.street_node_id = 100;
  EXPECT_EQ(refusal_of([&] { check_new_case(new_case(), other_street, site()); }), "422 item_code");
}

TEST(CasesRules, TheNamedPartAndBuildingMustExistInsideTheCompound) {
  CaseSite missing_part = site();
  missing_part.part.reset();
  EXPECT_EQ(refusal_of([&] { check_new_case(new_case(), active_item(), missing_part); }), "404 ");
  CaseSite unit_as_part = site();
  unit_as_part.part = tree_node(9, org::NodeKind::Unit, "/1/2/3/5/9/");
  EXPECT_EQ(refusal_of([&] { check_new_case(new_case(), active_item(), unit_as_part); }), "404 ");
  CaseSite part_elsewhere = site();
  part_elsewhere.part = tree_node(9, org::NodeKind::Part, "/1/2/30/5/7/9/");
  EXPECT_EQ(refusal_of([&] { check_new_case(new_case(), active_item(), part_elsewhere); }), "422 part_id");
  CaseSite building_elsewhere = site();
  building_elsewhere.building = tree_node(5, org::NodeKind::Building, "/1/2/30/5/");
  EXPECT_EQ(refusal_of([&] { check_new_case(new_case(), active_item(), building_elsewhere); }), "422 building_id");
  NewCase neither = new_case();
  neither.part_node_id.reset();
  neither.building_node_id.reset();
  EXPECT_EQ(refusal_of([&] { check_new_case(neither, active_item(), missing_part); }), "");
}

TEST(CasesRules, ANewCaseHasADescriptionAShortAddressAndAtMostSixPhotos) {
  NewCase input = new_case();
  input.address = std::string(201, 'a');
  EXPECT_EQ(refusal_of([&] { check_new_case(input, active_item(), site()); }), "400 address");
  input = new_case();
  input.description = " \n";
  EXPECT_EQ(refusal_of([&] { check_new_case(input, active_item(), site()); }), "400 description");
  input.description = std::string(2001, 'a');
  EXPECT_EQ(refusal_of([&] { check_new_case(input, active_item(), site()); }), "400 description");
  input = new_case();
  input.photos = std::vector<std::string>(7, "p");
  EXPECT_EQ(refusal_of([&] { check_new_case(input, active_item(), site()); }), "400 photos");
  input.photos.pop_back();
  EXPECT_EQ(refusal_of([&] { check_new_case(input, active_item(), site()); }), "");
}

TEST(CasesRules, AnAssignmentNamesAnEnabledAccount) {
  TransitionInput input{State::Assigned, "", 12, std::nullopt, "", 1};
  EXPECT_EQ(refusal_of([&] { check_transition_step(case_in(State::Accepted), input, {true, std::nullopt}); }), "");
  EXPECT_EQ(refusal_of([&] {
              check_transition_step(case_in(State::Accepted), input, {false, std::nullopt});
            }),
            "422 assignee_user_id");
  input.assignee_user_id.reset();
  EXPECT_EQ(refusal_of([&] {
              check_transition_step(case_in(State::Accepted), input, {true, std::nullopt});
            }),
            "400 assignee_user_id");
  input.to = State::Transferred;
  EXPECT_EQ(refusal_of([&] {
              check_transition_step(case_in(State::InProgress), input, {true, std::nullopt});
            }),
            "400 assignee_user_id");
}

TEST(CasesRules, AStepIsCheckedAgainstTheTableBeforeItsFields) {
  TransitionInput input{State::Resolved, std::string(2001, 'a'), std::nullopt, std::nullopt, "", 1};
  EXPECT_EQ(refusal_of([&] { check_transition_step(case_in(State::Reported), input, {}); }), "409 to");
  EXPECT_EQ(refusal_of([&] { check_transition_step(case_in(State::InProgress), input, {}); }), "400 note");
  Case duplicate = case_in(State::Duplicate);
  duplicate.original_id = 4;
  EXPECT_EQ(refusal_of([&] { check_transition_step(duplicate, input, {}); }), "409 original_id");
}

TEST(CasesRules, ADuplicateNamesAnotherOriginalOfTheSameCompoundThatIsNoDuplicate) {
  TransitionInput input{State::Duplicate, "", std::nullopt, 2, "", 1};
  Case record = case_in(State::Reported);
  EXPECT_EQ(refusal_of([&] { check_transition_step(record, input, {false, case_in(State::InProgress, 2)}); }), "");
  EXPECT_EQ(refusal_of([&] { check_transition_step(record, input, {false, std::nullopt}); }), "422 original_id");
  EXPECT_EQ(refusal_of([&] {
              check_transition_step(record, input, {false, case_in(State::Reported, 1)});
            }),
            "422 original_id");
  EXPECT_EQ(refusal_of([&] {
              check_transition_step(record, input, {false, case_in(State::Duplicate, 2)});
            }),
            "422 original_id");
  EXPECT_EQ(refusal_of([&] {
              check_transition_step(record, input, {false, case_in(State::InProgress, 2, 30)});
            }),
            "422 original_id");
  input.original_id.reset();
  EXPECT_EQ(refusal_of([&] { check_transition_step(record, input, {}); }), "400 original_id");
}

TEST(CasesRules, ClosingWithoutAFixGivesAReasonOfAtMost600Bytes) {
  TransitionInput input{State::ClosedNotFixed, "", std::nullopt, std::nullopt, " ", 1};
  EXPECT_EQ(refusal_of([&] { check_transition_step(case_in(State::InProgress), input, {}); }), "400 reason");
  input.reason = std::string(601, 'a');
  EXPECT_EQ(refusal_of([&] { check_transition_step(case_in(State::InProgress), input, {}); }), "400 reason");
  input.reason = std::string(600, 'a');
  EXPECT_EQ(refusal_of([&] { check_transition_step(case_in(State::InProgress), input, {}); }), "");
}

TEST(CasesRules, ABulkAssignmentHandsOverCasesAlreadyBeingWorked) {
  EXPECT_EQ(bulk_assign_step(State::Reported), State::Assigned);
  EXPECT_EQ(bulk_assign_step(State::Accepted), State::Assigned);
  EXPECT_EQ(bulk_assign_step(State::Transferred), State::Assigned);
  EXPECT_EQ(bulk_assign_step(State::Assigned), State::Transferred);
  EXPECT_EQ(bulk_assign_step(State::InProgress), State::Transferred);
}

TEST(CasesRules, ANoteIsNotBlankAndGoesOnTheOriginalOfADuplicate) {
  EXPECT_EQ(refusal_of([] { check_note(case_in(State::Assigned), "已联系"); }), "");
  EXPECT_EQ(refusal_of([] { check_note(case_in(State::Assigned), "  "); }), "400 note");
  EXPECT_EQ(refusal_of([] { check_note(case_in(State::Assigned), std::string(2001, 'a')); }), "400 note");
  EXPECT_EQ(refusal_of([] { check_note(case_in(State::Duplicate), "已联系"); }), "409 original_id");
}

TEST(CasesRules, ARevisitComesAfterTheFixOnADayNotBeforeTheReport) {
  // Reported 2026-05-01T02:00Z, street day 2026-05-01.
  EXPECT_EQ(refusal_of([] { check_revisit(case_in(State::Resolved), "2026-05-01", ""); }), "");
  EXPECT_EQ(refusal_of([] { check_revisit(case_in(State::Closed), "2026-05-03", ""); }), "");
  EXPECT_EQ(refusal_of([] { check_revisit(case_in(State::Resolved), "2026-04-30", ""); }), "400 on");
  EXPECT_EQ(refusal_of([] { check_revisit(case_in(State::Resolved), "2026-5-1", ""); }), "400 on");
  EXPECT_EQ(refusal_of([] { check_revisit(case_in(State::Resolved), "2026-05-02", std::string(2001, 'a')); }),
            "400 note");
  EXPECT_EQ(refusal_of([] { check_revisit(case_in(State::InProgress), "2026-05-02", ""); }), "409 state");
  EXPECT_EQ(refusal_of([] { check_revisit(case_in(State::Duplicate), "2026-05-02", ""); }), "409 original_id");
}

TEST(CasesRules, EscalationRecordsEveryLevelPassedSinceTheLastRecordedOne) {
  TimePoint due = at("2026-05-01T00:00:00Z");
  // Two periods of 3 days missed plus a bit: the third link (community secretary) is reached.
  TimePoint now = due + std::chrono::hours(24 * 6 + 1);
  auto levels = escalations_due(State::InProgress, due, 3, 0, now);
  ASSERT_EQ(levels.size(), 3u);
  EXPECT_EQ(levels.front(), EscalationLevel::Commissioner);
  EXPECT_EQ(levels.back(), escalation_level(State::InProgress, due, 3, now));
  EXPECT_EQ(escalations_due(State::InProgress, due, 3, 2, now), std::vector<EscalationLevel>{levels.back()});
  EXPECT_TRUE(escalations_due(State::InProgress, due, 3, 3, now).empty());
  EXPECT_TRUE(escalations_due(State::Resolved, due, 3, 0, now).empty());
  EXPECT_TRUE(escalations_due(State::InProgress, due, 3, 0, due).empty());
}
