// Unit tests of the talent pool, the partners' venues and calling off an event: a talent is available when a
// window of theirs holds the moment in the street's time; a partner's venue sunk to a node may hold the
// node's events and those below it but no others; an event is called off once, with a reason, before its end
// (docs/rules.md#h-talent-pool, #h-venues, #h-cancel, #h-partners).
#include <gtest/gtest.h>

#include "core/error.hpp"
#include "modules/engagement/partners_rules.hpp"
#include "modules/engagement/rules.hpp"
#include "modules/engagement/talent_rules.hpp"
#include "refusal.hpp"

using namespace weizhi;
using namespace weizhi::engagement;

namespace {

TimePoint at(const char* text) { return *parse_iso(text); }

// Weekday evenings 18:30–21:00 and weekend days 09:00–17:00.
TalentInput evenings_and_weekends() {
  return TalentInput{.node_id = 3,
                     .skills = "调解邻里纠纷",
                     .availability = {{{1, 2, 3, 4, 5}, "18:30", "21:00"}, {{6, 7}, "09:00", "17:00"}},
                     .active = true};
}

// 泵站大厅 of community /1/2/, lent by a partner and sunk to compounds /1/5/7/ and /1/5/8/ of another community.
Venue pump_hall() {
  Venue venue;
  venue.id = 9;
  venue.input = {.node_id = 2,
                 .name = "泵站大厅",
                 .address = "德胜路泵站",
                 .partner_unit_id = 4,
                 .opens_at = "09:00",
                 .closes_at = "20:00"};
  venue.node_path = "/1/2/";
  venue.served_paths = {"/1/5/7/", "/1/5/8/"};
  return venue;
}

Event upcoming() {
  Event event;
  event.id = 1;
  event.input.title = "节水护水进小区";
  event.input.starts_at = at("2026-06-10T14:00:00+08:00");
  event.input.ends_at = at("2026-06-10T16:00:00+08:00");
  return event;
}

}  // namespace

TEST(EngagementTalentRules, AvailableWhenAWindowHoldsTheMomentInStreetTime) {
  TalentInput pool = evenings_and_weekends();
  // 2026-06-10 is a Wednesday.
  EXPECT_TRUE(available_at(pool, at("2026-06-10T19:00:00+08:00")));
  EXPECT_TRUE(available_at(pool, at("2026-06-10T11:00:00Z"))) << "19:00 in the street is 11:00 UTC";
  EXPECT_FALSE(available_at(pool, at("2026-06-10T21:00:00+08:00"))) << "a window ends before its closing minute";
  EXPECT_FALSE(available_at(pool, at("2026-06-10T10:00:00+08:00")));
  EXPECT_TRUE(available_at(pool, at("2026-06-13T10:00:00+08:00"))) << "Saturday daytime";
  EXPECT_FALSE(available_at(pool, at("2026-06-13T19:00:00+08:00"))) << "no Saturday evening window";
  EXPECT_EQ(street_weekday(at("2026-06-14T23:30:00Z")), 1) << "Sunday 23:30 UTC is Monday in the street";
}

TEST(EngagementTalentRules, SomeoneInactiveOrWithoutWindowsIsNeverAvailable) {
  TalentInput pool = evenings_and_weekends();
  pool.active = false;
  EXPECT_FALSE(available_at(pool, at("2026-06-10T19:00:00+08:00")));
  pool.active = true;
  pool.availability.clear();
  EXPECT_FALSE(available_at(pool, at("2026-06-10T19:00:00+08:00")));
}

TEST(EngagementTalentRules, WindowsThatDoNotFitAreRefusedNamingTheirPlace) {
  auto refused = [](const char* text) {
    return refusal_of([&] { read_availability(Json::parse(text), "availability"); });
  };
  EXPECT_EQ(refused(R"([{"weekdays": [1, 2], "from": "18:00", "to": "21:00"}])"), "");
  EXPECT_EQ(refused(R"({"weekdays": [1]})"), "400 availability");
  EXPECT_EQ(
      refused(
          R"([{"weekdays": [1], "from": "18:00", "to": "21:00"}, {"weekdays": [8], "from": "09:00", "to": "10:00"}])"),
      "400 availability[1]");
  EXPECT_EQ(refused(R"([{"weekdays": [1, 1], "from": "18:00", "to": "21:00"}])"), "400 availability[0]");
  EXPECT_EQ(refused(R"([{"weekdays": [], "from": "18:00", "to": "21:00"}])"), "400 availability[0]");
  EXPECT_EQ(refused(R"([{"weekdays": [3], "from": "21:00", "to": "18:00"}])"), "400 availability[0]");
  EXPECT_EQ(refused(R"([{"weekdays": [3], "from": "9:00", "to": "18:00"}])"), "400 availability[0]");
  EXPECT_EQ(refused(R"([{"weekdays": ["mon"], "from": "09:00", "to": "18:00"}])"), "400 availability[0]");
  TalentInput long_skills = evenings_and_weekends();
  long_skills.skills = std::string(101, 'x');
  EXPECT_EQ(refusal_of([&] { check_talent(long_skills); }), "400 skills");
}

TEST(EngagementVenueScope, APartnersVenueServesTheNodesItIsSunkToAndThoseBelow) {
  Venue hall = pump_hall();
  EXPECT_TRUE(venue_open_to(hall, "/1/5/7/")) << "a compound it is sunk to";
  EXPECT_TRUE(venue_open_to(hall, "/1/5/8/12/")) << "a building of such a compound";
  EXPECT_TRUE(venue_open_to(hall, "/1/2/3/")) << "a compound of the venue's own community";
  EXPECT_FALSE(venue_open_to(hall, "/1/5/9/")) << "a compound of the same community it is not sunk to";
  EXPECT_FALSE(venue_open_to(hall, "/1/6/")) << "another community";
  hall.served_paths.clear();
  EXPECT_FALSE(venue_open_to(hall, "/1/5/7/")) << "a venue sunk nowhere serves only its own line";
}

TEST(EngagementCancel, AnEventIsCalledOffOnceWithAReasonBeforeItEnds) {
  Event event = upcoming();
  TimePoint before = at("2026-06-09T10:00:00+08:00");
  EXPECT_EQ(refusal_of([&] { check_cancel(event, "台风预警，改期举行", before); }), "");
  EXPECT_EQ(refusal_of([&] { check_cancel(event, "  ", before); }), "400 reason");
  EXPECT_EQ(refusal_of([&] { check_cancel(event, std::string(201, 'x'), before); }), "400 reason");
  EXPECT_EQ(refusal_of([&] { check_cancel(event, "改期", at("2026-06-10T16:00:00+08:00")); }), "409 event");
  event.cancelled_at = "2026-06-09T01:00:00Z";
  event.cancel_reason = "台风预警";
  EXPECT_EQ(refusal_of([&] { check_cancel(event, "改期", before); }), "409 state");
  EXPECT_EQ(refusal_of([&] { check_not_cancelled(event, "signup"); }), "409 signup");
}

TEST(EngagementPartnerRules, UnitsAgreementsAndResourcesAreCheckedNamingTheField) {
  PartnerInput unit{.street_id = 1, .name = "市水务集团", .kind = UnitKind::StateEnterprise, .alliance = "运河红盟"};
  EXPECT_EQ(refusal_of([&] { check_partner(unit); }), "");
  unit.alliance = " ";
  EXPECT_EQ(refusal_of([&] { check_partner(unit); }), "400 alliance");
  unit.name = "";
  EXPECT_EQ(refusal_of([&] { check_partner(unit); }), "400 name");

  AgreementInput agreement{.title = "共建协议", .signed_on = "2026-03-01", .valid_to = "2028-02-29", .summary = ""};
  EXPECT_EQ(refusal_of([&] { check_agreement(agreement); }), "");
  agreement.valid_to = "2026-02-28";
  EXPECT_EQ(refusal_of([&] { check_agreement(agreement); }), "400 valid_to");
  agreement.signed_on = "2026-02-30";
  EXPECT_EQ(refusal_of([&] { check_agreement(agreement); }), "400 signed_on");

  ResourceInput venue{.kind = ResourceKind::Venue, .description = "泵站大厅", .venue_id = 9, .serves = {7, 8}};
  EXPECT_EQ(refusal_of([&] { check_resource(venue); }), "");
  venue.venue_id.reset();
  EXPECT_EQ(refusal_of([&] { check_resource(venue); }), "400 venue_id") << "a venue resource names its venue";
  ResourceInput volunteers{.kind = ResourceKind::Volunteers, .description = "志愿队", .venue_id = 9, .serves = {7}};
  EXPECT_EQ(refusal_of([&] { check_resource(volunteers); }), "400 venue_id");
  volunteers.venue_id.reset();
  volunteers.serves = {};
  EXPECT_EQ(refusal_of([&] { check_resource(volunteers); }), "400 serves");
  volunteers.serves = {7, 7};
  EXPECT_EQ(refusal_of([&] { check_resource(volunteers); }), "400 serves");
  EXPECT_EQ(parse_code(kUnitKinds, "state_enterprise"), UnitKind::StateEnterprise);
  EXPECT_FALSE(parse_code(kResourceKinds, "land").has_value());
}
