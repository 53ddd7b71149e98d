// Unit tests of the pure rules of notices and publicity: a notice's period and texts checked, its state on a
// day, whom it is for (residents, owners, staff) and that only a notice asking it is acknowledged, and only while
// it is up (docs/rules.md#h-notice-period, #h-notice-audience).
#include <gtest/gtest.h>

#include "modules/engagement/notices_rules.hpp"
#include "modules/publicity.hpp"
#include "refusal.hpp"

using namespace weizhi;
using namespace weizhi::engagement;

namespace {

// A notice of compound /1/2/3/ up from 2026-06-01 to 2026-06-10.
Notice water_notice(NoticeAudience audience = NoticeAudience::Residents, bool needs_ack = true) {
  Notice notice;
  notice.id = 7;
  notice.input = NoticeInput{.node_id = 3,
                             .title = "停水通知",
                             .body = "本周六停水，请提前储水。",
                             .kind = NoticeKind::Notice,
                             .audience = audience,
                             .starts_on = "2026-06-01",
                             .ends_on = "2026-06-10",
                             .needs_ack = needs_ack};
  notice.node_path = "/1/2/3/";
  return notice;
}

std::string refusal(const NoticeInput& input) {
  return refusal_of([&] { check_notice(input); }, "ok");
}

}  // namespace

TEST(NoticeRules, APeriodRunsFromItsFirstToItsLastDayAtMostAYear) {
  NoticeInput input = water_notice().input;
  EXPECT_EQ(refusal(input), "ok");
  input.ends_on = input.starts_on;
  EXPECT_EQ(refusal(input), "ok") << "one day, both ends counted";
  input.ends_on = "2026-05-31";
  EXPECT_EQ(refusal(input), "400 ends_on") << "ending before it starts";
  input.ends_on = "2027-06-02";
  EXPECT_EQ(refusal(input), "400 ends_on") << "367 days";
  input.ends_on = "2027-06-01";
  EXPECT_EQ(refusal(input), "ok") << "366 days";
  input.starts_on = "2026-02-30";
  EXPECT_EQ(refusal(input), "400 starts_on") << "no such day";
  input = water_notice().input;
  input.ends_on = "10 June";
  EXPECT_EQ(refusal(input), "400 ends_on");
  EXPECT_EQ(refusal_of([] { check_starts_from("2026-05-31", "2026-06-01"); }, "ok"), "422 starts_on");
  EXPECT_EQ(refusal_of([] { check_starts_from("2026-06-01", "2026-06-01"); }, "ok"), "ok");
}

TEST(NoticeRules, TitleBodyAndAttachmentsAreBounded) {
  NoticeInput input = water_notice().input;
  input.title = std::string(60 * 3, 'x').substr(0, 60);
  EXPECT_EQ(refusal(input), "ok");
  input.title = "";
  EXPECT_EQ(refusal(input), "400 title");
  std::string sixty_one;
  for (int i = 0; i < 61; ++i) sixty_one += "通";
  input.title = sixty_one;
  EXPECT_EQ(refusal(input), "400 title") << "61 characters, counted as characters";
  input = water_notice().input;
  input.body = "  ";
  EXPECT_EQ(refusal(input), "400 body");
  input.body = std::string(5001, 'a');
  EXPECT_EQ(refusal(input), "400 body");
  input = water_notice().input;
  input.attachment_ids = {"a", "b", "a"};
  EXPECT_EQ(refusal(input), "400 attachment_ids") << "the same attachment twice";
  input.attachment_ids = std::vector<std::string>(10, "x");
  EXPECT_EQ(refusal(input), "400 attachment_ids");
}

TEST(NoticeRules, ANoticeIsUpcomingCurrentEndedOrWithdrawn) {
  Notice notice = water_notice();
  EXPECT_EQ(notice_state(notice, "2026-05-31"), NoticeState::Upcoming);
  EXPECT_EQ(notice_state(notice, "2026-06-01"), NoticeState::Current);
  EXPECT_EQ(notice_state(notice, "2026-06-10"), NoticeState::Current);
  EXPECT_EQ(notice_state(notice, "2026-06-11"), NoticeState::Ended);
  notice.withdrawn_at = "2026-06-02T01:00:00Z";
  EXPECT_EQ(notice_state(notice, "2026-06-05"), NoticeState::Withdrawn);
  EXPECT_EQ(refusal_of([] { check_editable(NoticeState::Upcoming); }, "ok"), "ok");
  EXPECT_EQ(refusal_of([] { check_editable(NoticeState::Current); }, "ok"), "409 state");
  EXPECT_EQ(refusal_of([] { check_withdrawable(NoticeState::Current, "发错小区"); }, "ok"), "ok");
  EXPECT_EQ(refusal_of([] { check_withdrawable(NoticeState::Current, ""); }, "ok"), "400 reason");
  EXPECT_EQ(refusal_of([] { check_withdrawable(NoticeState::Ended, "晚了"); }, "ok"), "409 state");
  EXPECT_EQ(refusal_of([] { check_withdrawable(NoticeState::Withdrawn, "再撤"); }, "ok"), "409 state");
}

TEST(NoticeRules, OwnersNoticesReachOnlyOwnersAndStaffNoticesOnlyStaff) {
  EXPECT_TRUE(audience_fits(NoticeAudience::Residents, true, false, false));
  EXPECT_TRUE(audience_fits(NoticeAudience::Residents, true, true, false));
  EXPECT_FALSE(audience_fits(NoticeAudience::Residents, false, false, true)) << "staff are not residents";
  EXPECT_TRUE(audience_fits(NoticeAudience::Owners, true, true, false));
  EXPECT_FALSE(audience_fits(NoticeAudience::Owners, true, false, false)) << "a tenant is no owner";
  EXPECT_TRUE(audience_fits(NoticeAudience::Staff, false, false, true));
  EXPECT_FALSE(audience_fits(NoticeAudience::Staff, true, true, false));

  Reader tenant{.person = 1, .homes = {{"/1/2/3/4/5/6/", false}}, .staff_scopes = {}, .today = "2026-06-02"};
  Reader owner{.person = 2, .homes = {{"/1/2/3/4/5/7/", true}}, .staff_scopes = {}, .today = "2026-06-02"};
  Reader elsewhere{.person = 3, .homes = {{"/1/2/9/4/5/7/", true}}, .staff_scopes = {}, .today = "2026-06-02"};
  Reader street_staff{.person = std::nullopt, .homes = {}, .staff_scopes = {"/1/"}, .today = "2026-06-02"};
  Reader other_street{.person = std::nullopt, .homes = {}, .staff_scopes = {"/8/"}, .today = "2026-06-02"};
  EXPECT_TRUE(tenant.fits(water_notice()));
  EXPECT_FALSE(elsewhere.fits(water_notice())) << "a home in another compound";
  EXPECT_FALSE(tenant.fits(water_notice(NoticeAudience::Owners)));
  EXPECT_TRUE(owner.fits(water_notice(NoticeAudience::Owners)));
  EXPECT_TRUE(street_staff.fits(water_notice(NoticeAudience::Staff)))
      << "a compound's notice reaches the street's staff";
  EXPECT_FALSE(other_street.fits(water_notice(NoticeAudience::Staff)));
  EXPECT_FALSE(street_staff.fits(water_notice())) << "staff without a home there are no residents";
}

TEST(NoticeRules, OnlyANoticeAskingItIsAcknowledgedAndOnlyWhileUp) {
  EXPECT_EQ(refusal_of([] { check_ackable(true, NoticeState::Current); }, "ok"), "ok");
  EXPECT_EQ(refusal_of([] { check_ackable(false, NoticeState::Current); }, "ok"), "409 needs_ack");
  EXPECT_EQ(refusal_of([] { check_ackable(true, NoticeState::Ended); }, "ok"), "409 state");
  EXPECT_EQ(refusal_of([] { check_ackable(true, NoticeState::Withdrawn); }, "ok"), "409 state");
}

TEST(PublicityPeriod, ALastDayIsCountedFromTheFirst) {
  EXPECT_EQ(modules::days_after("2026-06-28", 6), "2026-07-04") << "a week, the first day counted";
  EXPECT_EQ(modules::days_after("2026-03-01", -1), "2026-02-28");
  EXPECT_EQ(modules::days_after("not a day", 1), "");
}
