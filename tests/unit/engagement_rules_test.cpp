// Unit tests of the pure rules of events with sign-ups: the event's and venue's checks, the sign-up
// window, the choice between a place and the waiting list, who moves up when places free, the
// check-in day and the venue's clashes and opening hours (docs/rules.md#h-events).
#include <gtest/gtest.h>

#include "core/error.hpp"
#include "modules/engagement/rules.hpp"
#include "refusal.hpp"

using namespace weizhi;
using namespace weizhi::engagement;

namespace {

TimePoint at(const char* text) { return *parse_iso(text); }

// A 百姓圆桌会 of compound /1/2/3/ from 19:00 to 20:30 street time on 2026-06-10, 20 places.
EventInput roundtable() {
  return EventInput{.node_id = 3,
                    .title = "加装电梯百姓圆桌会",
                    .kind = Kind::Roundtable,
                    .venue_id = std::nullopt,
                    .starts_at = at("2026-06-10T19:00:00+08:00"),
                    .ends_at = at("2026-06-10T20:30:00+08:00"),
                    .capacity = 20,
                    .audience = Audience::Residents,
                    .signup_opens_at = at("2026-06-01T08:00:00+08:00"),
                    .signup_closes_at = at("2026-06-10T19:00:00+08:00")};
}

VenueInput hall() {
  return VenueInput{.node_id = 2,
                    .name = "社区多功能厅",
                    .address = "党群服务中心二楼",
                    .partner_unit_id = std::nullopt,
                    .opens_at = "08:30",
                    .closes_at = "21:00"};
}

Signup confirmed() {
  Signup signup;
  signup.id = 7;
  signup.status = SignupStatus::Confirmed;
  return signup;
}

}  // namespace

TEST(EngagementRules, KindsAndStatusesReadBackFromTheirCodes) {
  for (Kind kind : kinds()) EXPECT_EQ(parse_code(kEventKinds, code_of(kEventKinds, kind)), kind);
  EXPECT_EQ(code_of(kEventKindNames, Kind::Roundtable), "百姓圆桌会");
  EXPECT_EQ(code_of(kEventKindNames, Kind::SecretaryContest), "书记比武");
  EXPECT_FALSE(parse_code(kEventKinds, "party"));
  EXPECT_EQ(parse_code(kSignupStatuses, "waiting"), SignupStatus::Waiting);
  EXPECT_EQ(parse_code(kEventAudiences, "party_members"), Audience::PartyMembers);
}

TEST(EngagementRules, AnEventNeedsATitleAPlausibleCapacityAndAnEndAfterItsStart) {
  EXPECT_EQ(refusal_of([] { check_event(roundtable()); }), "");
  auto with = [](auto change) {
    EventInput input = roundtable();
    change(input);
    return refusal_of([&] { check_event(input); });
  };
  EXPECT_EQ(with([](EventInput& input) { input.title = "  "; }), "400 title");
  EXPECT_EQ(with([](EventInput& input) { input.capacity = 0; }), "400 capacity");
  EXPECT_EQ(with([](EventInput& input) { input.capacity = 10001; }), "400 capacity");
  EXPECT_EQ(with([](EventInput& input) { input.capacity = 10000; }), "");
  EXPECT_EQ(with([](EventInput& input) { input.ends_at = input.starts_at; }), "400 ends_at");
  EXPECT_EQ(with([](EventInput& input) { input.signup_closes_at = input.signup_opens_at; }), "400 signup_closes_at");
  EXPECT_EQ(with([](EventInput& input) { input.signup_closes_at = input.ends_at + std::chrono::minutes(1); }),
            "400 signup_closes_at");
}

TEST(EngagementRules, SigningUpIsOpenFromTheWindowsOpeningUntilJustBeforeItCloses) {
  EventInput input = roundtable();
  auto try_at = [&](const char* moment) {
    return refusal_of([&] { check_signup_window(input.signup_opens_at, input.signup_closes_at, at(moment)); });
  };
  EXPECT_EQ(try_at("2026-05-31T23:59:00+08:00"), "409 signup");
  EXPECT_EQ(try_at("2026-06-01T08:00:00+08:00"), "");
  EXPECT_EQ(try_at("2026-06-10T18:59:00+08:00"), "");
  EXPECT_EQ(try_at("2026-06-10T19:00:00+08:00"), "409 signup");
  try {
    check_signup_window(input.signup_opens_at, input.signup_closes_at, at("2026-06-11T08:00:00+08:00"));
    FAIL() << "after the window closed";
  } catch (const ApiError& error) {
    EXPECT_NE(error.message().find("2026-06-01 08:00 至 2026-06-10 19:00"), std::string::npos) << error.message();
  }
}

TEST(EngagementRules, ASignUpTakesAPlaceWhileThereIsOneAndNobodyWaits) {
  EXPECT_EQ(decide_signup({.confirmed = 0, .waiting = 0}, 1), SignupStatus::Confirmed);
  EXPECT_EQ(decide_signup({.confirmed = 19, .waiting = 0}, 20), SignupStatus::Confirmed);
  EXPECT_EQ(decide_signup({.confirmed = 20, .waiting = 0}, 20), SignupStatus::Waiting);
  EXPECT_EQ(decide_signup({.confirmed = 20, .waiting = 3}, 20), SignupStatus::Waiting);
  EXPECT_EQ(decide_signup({.confirmed = 19, .waiting = 1}, 20), SignupStatus::Waiting)
      << "those already waiting go first";
}

TEST(EngagementRules, FreedPlacesGoToTheFirstInLine) {
  EXPECT_EQ(promotions(20, 19, {31, 35, 40}), (std::vector<std::int64_t>{31}));
  EXPECT_EQ(promotions(25, 20, {31, 35}), (std::vector<std::int64_t>{31, 35}));
  EXPECT_TRUE(promotions(20, 20, {31}).empty());
  EXPECT_TRUE(promotions(20, 18, {}).empty());
  EXPECT_EQ(refusal_of([] { check_capacity_change(19, 20); }), "409 capacity");
  EXPECT_EQ(refusal_of([] { check_capacity_change(20, 20); }), "");
}

TEST(EngagementRules, OnlyResidentsUnderTheEventsNodeMayJoinAndPartyMembersWhereAsked) {
  Event event;
  event.input = roundtable();
  event.node_path = "/1/2/3/";
  EXPECT_TRUE(lives_under({"/1/9/", "/1/2/3/"}, event.node_path));
  EXPECT_FALSE(lives_under({"/1/2/4/"}, event.node_path));
  EXPECT_FALSE(lives_under({}, event.node_path));
  EXPECT_EQ(refusal_of([&] { check_may_join(event, false, false, true); }), "422 person_id");
  EXPECT_EQ(refusal_of([&] { check_may_join(event, false, true, false); }), "") << "staff of the event";
  EXPECT_TRUE(offered_to(event, false));
  event.input.audience = Audience::PartyMembers;
  EXPECT_FALSE(offered_to(event, false));
  EXPECT_TRUE(offered_to(event, true));
  EXPECT_EQ(refusal_of([&] { check_may_join(event, true, false, false); }), "422 person_id");
  EXPECT_EQ(refusal_of([&] { check_may_join(event, true, false, true); }), "");
}

TEST(EngagementRules, CheckInIsForConfirmedSignUpsOnTheEventsStreetDay) {
  TimePoint starts = at("2026-06-10T19:00:00+08:00");
  EXPECT_EQ(refusal_of([&] { check_check_in(confirmed(), starts, at("2026-06-10T00:05:00+08:00")); }), "");
  EXPECT_EQ(refusal_of([&] { check_check_in(confirmed(), starts, at("2026-06-10T23:59:00+08:00")); }), "");
  // 2026-06-09T16:30Z is already the 10th in the street, 2026-06-10T16:30Z the 11th.
  EXPECT_EQ(refusal_of([&] { check_check_in(confirmed(), starts, at("2026-06-09T16:30:00Z")); }), "");
  EXPECT_EQ(refusal_of([&] { check_check_in(confirmed(), starts, at("2026-06-10T16:30:00Z")); }), "409 event");
  EXPECT_EQ(refusal_of([&] { check_check_in(confirmed(), starts, at("2026-06-09T23:00:00+08:00")); }), "409 event");
  Signup waiting = confirmed();
  waiting.status = SignupStatus::Waiting;
  EXPECT_EQ(refusal_of([&] { check_check_in(waiting, starts, starts); }), "409 signup_id");
  Signup cancelled = confirmed();
  cancelled.status = SignupStatus::Cancelled;
  EXPECT_EQ(refusal_of([&] { check_check_in(cancelled, starts, starts); }), "409 signup_id");
  Signup twice = confirmed();
  twice.checked_in_at = "2026-06-10T11:00:00.000Z";
  EXPECT_EQ(refusal_of([&] { check_check_in(twice, starts, starts); }), "409 signup_id");
}

TEST(EngagementRules, AVenueHasANameAndOpeningHoursThatCloseAfterTheyOpen) {
  EXPECT_EQ(refusal_of([] { check_venue(hall()); }), "");
  auto with = [](auto change) {
    VenueInput input = hall();
    change(input);
    return refusal_of([&] { check_venue(input); });
  };
  EXPECT_EQ(with([](VenueInput& input) { input.name = ""; }), "400 name");
  EXPECT_EQ(with([](VenueInput& input) { input.opens_at = "8:30"; }), "400 opens_at");
  EXPECT_EQ(with([](VenueInput& input) { input.closes_at = "24:00"; }), "400 closes_at");
  EXPECT_EQ(with([](VenueInput& input) { input.closes_at = "08:00"; }), "400 closes_at");
}

TEST(EngagementRules, EventsAtOneVenueMayNotOverlapAndTheClashNamesTheOtherEvent) {
  TimePoint seven = at("2026-06-10T19:00:00+08:00");
  TimePoint half_eight = at("2026-06-10T20:30:00+08:00");
  TimePoint nine = at("2026-06-10T21:00:00+08:00");
  EXPECT_TRUE(overlaps(seven, half_eight, at("2026-06-10T20:00:00+08:00"), nine));
  EXPECT_FALSE(overlaps(seven, half_eight, half_eight, nine)) << "one may begin as the other ends";
  EXPECT_TRUE(overlaps(seven, nine, at("2026-06-10T19:30:00+08:00"), half_eight));
  EXPECT_EQ(refusal_of([] { check_clash(std::nullopt); }), "");
  try {
    check_clash(Clash{4, "党员活动日", seven, half_eight});
    FAIL() << "a clash is refused";
  } catch (const ApiError& error) {
    EXPECT_EQ(error.status(), 409);
    EXPECT_EQ(error.field(), "venue_id");
    EXPECT_NE(error.message().find("党员活动日"), std::string::npos);
    EXPECT_NE(error.message().find("2026-06-10 19:00"), std::string::npos);
  }
}

TEST(EngagementRules, AnEventLiesWithinOneDayOfTheVenuesOpeningHours) {
  auto try_event = [](const char* starts, const char* ends) {
    return refusal_of([&] { check_opening_hours(hall(), at(starts), at(ends)); });
  };
  EXPECT_EQ(try_event("2026-06-10T08:30:00+08:00", "2026-06-10T21:00:00+08:00"), "");
  EXPECT_EQ(try_event("2026-06-10T08:00:00+08:00", "2026-06-10T10:00:00+08:00"), "422 venue_id");
  EXPECT_EQ(try_event("2026-06-10T20:00:00+08:00", "2026-06-10T21:30:00+08:00"), "422 venue_id");
  EXPECT_EQ(try_event("2026-06-10T20:00:00+08:00", "2026-06-11T09:00:00+08:00"), "422 venue_id");
}
