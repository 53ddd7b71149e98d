// Unit tests of the pure case rules: the transition table and its permissions, due times across
// street days, overdue, who may verify, ratings that reopen once, item checks, the pre-intervention
// calendar and the median.
#include <algorithm>

#include <gtest/gtest.h>

#include "core/error.hpp"
#include "core/time.hpp"
#include "modules/cases/rules.hpp"

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
            << state_code(from) << "→" << state_code(to);
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
    EXPECT_EQ(state_code(*parse_state(code)), code);
  }
  EXPECT_FALSE(parse_state("done"));
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

TEST(CasesRules, AnOverdueCaseClimbsOneChainLevelPerMissedPeriod) {
  TimePoint due = at("2026-03-04T16:00:00Z");
  EXPECT_EQ(escalation_level(State::InProgress, due, 3, at("2026-03-04T15:00:00Z")), EscalationLevel::None);
  EXPECT_EQ(escalation_level(State::InProgress, due, 3, at("2026-03-04T17:00:00Z")), EscalationLevel::Commissioner);
  EXPECT_EQ(escalation_level(State::InProgress, due, 3, at("2026-03-07T17:00:00Z")),
            EscalationLevel::TripartiteDirector);
  EXPECT_EQ(escalation_level(State::Assigned, due, 3, at("2026-03-10T17:00:00Z")), EscalationLevel::CommunitySecretary);
  EXPECT_EQ(escalation_level(State::Assigned, due, 3, at("2026-04-30T00:00:00Z")), EscalationLevel::Street);
  EXPECT_EQ(escalation_level(State::Resolved, due, 3, at("2026-04-30T00:00:00Z")), EscalationLevel::None);
  EXPECT_EQ(escalation_level_code(EscalationLevel::TripartiteDirector), "tripartite_director");
}

TEST(CasesRules, AnUnsatisfiedRatingReopensOnlyOnce) {
  EXPECT_TRUE(rating_reopens(2, false));
  EXPECT_TRUE(rating_reopens(1, false));
  EXPECT_FALSE(rating_reopens(3, false));
  EXPECT_FALSE(rating_reopens(1, true));
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
