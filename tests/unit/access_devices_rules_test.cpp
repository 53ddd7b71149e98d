// Access terminals' rules: the ISAPI person built from a credential and read back, the difference between what a
// terminal should hold and holds, the paging of its searches, the retry schedule and the device addresses refused.
#include <gtest/gtest.h>

#include "core/error.hpp"
#include "modules/access/devices_rules.hpp"

using namespace weizhi::access;

namespace {

Credential credential(std::int64_t id, CredentialKind kind, std::optional<std::string> number,
                      CredentialState state = CredentialState::Active, bool approved = false) {
  Credential made;
  made.id = id;
  made.input.kind = kind;
  made.input.number = std::move(number);
  made.input.valid_from = "2026-01-01";
  made.input.valid_to = "2026-12-31";
  if (approved) made.input.approval = Approval{7, "自管会〔2026〕1号"};
  made.holder_name = "张*";
  made.state = state;
  return made;
}

std::string refused_field(const std::string& url) {
  try {
    check_device_url(url);
  } catch (const weizhi::ApiError& error) {
    return error.field();
  }
  return "";
}

}  // namespace

TEST(AccessDevicesRules, ACredentialBecomesAnIsapiPersonKnownByItsCode) {
  EXPECT_EQ(employee_no_of(credential(12, CredentialKind::Card, "A1B2C3")), "A1B2C3");
  EXPECT_EQ(employee_no_of(credential(12, CredentialKind::Face, "F0009")), "F0009");
  EXPECT_EQ(employee_no_of(credential(12, CredentialKind::Qr, std::nullopt)), "QR12");

  DeviceUser user = device_user_of(credential(12, CredentialKind::Qr, std::nullopt, CredentialState::Suspended));
  EXPECT_FALSE(user.enabled) << "a suspended credential is held disabled";
  weizhi::Json info = isapi_user_info(user);
  EXPECT_EQ(info["UserInfo"]["employeeNo"], "QR12");
  EXPECT_EQ(info["UserInfo"]["name"], "张*");
  EXPECT_EQ(info["UserInfo"]["userType"], "normal");
  EXPECT_EQ(info["UserInfo"]["Valid"]["enable"], false);
  EXPECT_EQ(info["UserInfo"]["Valid"]["beginTime"], "2026-01-01T00:00:00");
  EXPECT_EQ(info["UserInfo"]["Valid"]["endTime"], "2026-12-31T23:59:59");
  EXPECT_EQ(info["UserInfo"]["Valid"]["timeType"], "local");
  EXPECT_EQ(info["UserInfo"]["doorRight"], "1");
  EXPECT_EQ(info["UserInfo"]["RightPlan"][0]["doorNo"], 1);
  EXPECT_EQ(info["UserInfo"]["RightPlan"][0]["planTemplateNo"], "1");
  EXPECT_EQ(read_isapi_user(info["UserInfo"]), user) << "what is written reads back the same";
  EXPECT_FALSE(read_isapi_user(weizhi::Json{{"name", "无编号"}}));
}

TEST(AccessDevicesRules, AGateHoldsTheCredentialsOfItsTierNotRevokedOnes) {
  EXPECT_TRUE(belongs_on(credential(1, CredentialKind::Qr, std::nullopt), Tier::Main));
  EXPECT_TRUE(belongs_on(credential(1, CredentialKind::Qr, std::nullopt), Tier::Middle));
  EXPECT_FALSE(belongs_on(credential(1, CredentialKind::Qr, std::nullopt), Tier::Small)) << "needs the approval";
  EXPECT_TRUE(belongs_on(credential(1, CredentialKind::Qr, std::nullopt, CredentialState::Active, true), Tier::Small));
  EXPECT_TRUE(belongs_on(credential(1, CredentialKind::Qr, std::nullopt, CredentialState::Suspended), Tier::Main));
  EXPECT_FALSE(belongs_on(credential(1, CredentialKind::Qr, std::nullopt, CredentialState::Revoked), Tier::Main));
}

TEST(AccessDevicesRules, ASyncWritesWhatDiffersAndDeletesWhatThePlatformDoesNotKnow) {
  DeviceUser same{"A1", "张*", true, "2026-01-01", "2026-12-31"};
  DeviceUser changed{"B2", "李*", false, "2026-01-01", "2026-12-31"};
  DeviceUser added{"C3", "王*", true, "2026-01-01", "2026-12-31"};
  DeviceUser held_changed = changed;
  held_changed.enabled = true;
  DeviceUser unknown{"GHOST", "不明", true, "2026-01-01", "2026-12-31"};
  SyncPlan plan = plan_sync({same, changed, added}, {same, held_changed, unknown});
  ASSERT_EQ(plan.upserts.size(), 2u);
  EXPECT_EQ(plan.upserts[0].employee_no, "B2");
  EXPECT_EQ(plan.upserts[1].employee_no, "C3");
  EXPECT_EQ(plan.deletes, std::vector<std::string>{"GHOST"});
  SyncPlan none = plan_sync({same}, {same});
  EXPECT_TRUE(none.upserts.empty());
  EXPECT_TRUE(none.deletes.empty());
}

TEST(AccessDevicesRules, ASearchGoesOnWhileTheTerminalSaysMore) {
  auto first = next_page({}, "MORE", 30);
  ASSERT_TRUE(first);
  EXPECT_EQ(first->position, 30);
  EXPECT_FALSE(first->done);
  auto last = next_page(*first, "OK", 12);
  ASSERT_TRUE(last);
  EXPECT_EQ(last->position, 42);
  EXPECT_TRUE(last->done);
  auto empty = next_page({}, "NO MATCH", 0);
  ASSERT_TRUE(empty);
  EXPECT_TRUE(empty->done);
  EXPECT_FALSE(next_page({}, "MORE", 0)) << "MORE with nothing would loop forever";
  EXPECT_FALSE(next_page({}, "FAILED", 3));
}

TEST(AccessDevicesRules, AFailingTerminalIsRetriedAfterDoublingDelaysUpToAnHour) {
  EXPECT_EQ(retry_delay_seconds(1), 30);
  EXPECT_EQ(retry_delay_seconds(2), 60);
  EXPECT_EQ(retry_delay_seconds(3), 120);
  EXPECT_EQ(retry_delay_seconds(7), 1920);
  EXPECT_EQ(retry_delay_seconds(8), 3600);
  EXPECT_EQ(retry_delay_seconds(100), 3600);
}

TEST(AccessDevicesRules, ADeviceAddressIsPlainHttpOrHttps) {
  EXPECT_EQ(refused_field("http://192.0.2.10"), "");
  EXPECT_EQ(refused_field("https://gate.example.cn:8443/"), "");
  EXPECT_EQ(refused_field("http://admin:12345@192.0.2.10"), "url");
  EXPECT_EQ(refused_field("http://admin@192.0.2.10"), "url");
  EXPECT_EQ(refused_field("file:///etc/passwd"), "url");
  EXPECT_EQ(refused_field("ftp://192.0.2.10"), "url");
  EXPECT_EQ(refused_field("192.0.2.10"), "url");
  EXPECT_EQ(refused_field("http://"), "url");
  EXPECT_EQ(refused_field("http://192.0.2.10/a b"), "url");
  EXPECT_EQ(refused_field("http://192.0.2.10/?q=1"), "url");
  EXPECT_EQ(refused_field("http://192.0.2.10/#x"), "url");
}

TEST(AccessDevicesRules, AnEventReadsItsOutcomeAndTimeFromTheTerminal) {
  EXPECT_TRUE(event_outcome(75).granted);
  EXPECT_EQ(event_outcome(75).reason, "人脸通过");
  EXPECT_TRUE(event_outcome(1).granted);
  EXPECT_FALSE(event_outcome(9).granted);
  EXPECT_EQ(event_outcome(9).reason, "未登记的卡");
  EXPECT_EQ(event_outcome(200).reason, "设备事件 5/200");
  EXPECT_EQ(event_time_utc("2026-12-07T10:00:00+08:00"), "2026-12-07T02:00:00.000Z");
  EXPECT_EQ(event_time_utc("2026-12-07T10:00:00"), "2026-12-07T02:00:00.000Z") << "no offset: the street's time";
  EXPECT_FALSE(event_time_utc("yesterday"));
  auto moment = weizhi::parse_iso("2026-12-07T02:00:00Z");
  ASSERT_TRUE(moment);
  EXPECT_EQ(isapi_time(*moment), "2026-12-07T10:00:00+08:00");
  auto event = read_isapi_event(weizhi::Json{{"major", 5},
                                             {"minor", 75},
                                             {"time", "2026-12-07T10:00:00+08:00"},
                                             {"employeeNoString", "QR7"},
                                             {"serialNo", 41}});
  ASSERT_TRUE(event);
  EXPECT_EQ(event->serial_no, 41);
  EXPECT_EQ(event->employee_no, "QR7");
  EXPECT_FALSE(read_isapi_event(weizhi::Json{{"minor", 75}})) << "no serial number";
}
