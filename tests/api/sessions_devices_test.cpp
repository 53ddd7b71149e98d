// 我的设备: a user's signed-in devices, signing one out, signing out everywhere else, and how long a
// resident's phone session lasts beside a staff one.
#include "support/sms_api_test.hpp"

using nlohmann::json;
using weizhi::testing::HttpClient;
using weizhi::testing::ManualClock;
using weizhi::testing::Reply;
using weizhi::testing::SmsApiTest;
namespace people = weizhi::people;

namespace {

const std::string kIPhoneWeChat =
    "Mozilla/5.0 (iPhone; CPU iPhone OS 17_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 "
    "MicroMessenger/8.0.44(0x18002c2f) NetType/WIFI Language/zh_CN";
const std::string kWindowsChrome =
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36";

}  // namespace

class SessionsDevicesTest : public SmsApiTest {
 protected:
  // A client signed in by password from a browser with this User-Agent.
  std::unique_ptr<HttpClient> signed_in_from(const std::string& login, const std::string& user_agent) {
    auto client = anonymous();
    Reply reply = client->send("POST", "/api/v1/session", json{{"login", login}, {"password", "weizhi-demo"}}.dump(),
                               {"User-Agent: " + user_agent});
    EXPECT_EQ(reply.status, 200) << reply.body;
    client->set_csrf(reply.json().value("csrf_token", ""));
    return client;
  }

  // Signs a new person of 德胜新村 in by phone, as a resident does; returns the sign-in's reply.
  Reply resident_sign_in(HttpClient& client, const std::string& phone) {
    people::PersonInput input;
    input.home_node_id = node("desheng-xincun");
    input.name = "赵六";
    input.phone = phone;
    register_in("desheng-xincun", input);
    return sign_in_by_phone(client, phone);
  }

  std::int64_t sessions_of(const std::string& login) {
    return db().read()->scalar("SELECT COUNT(*) FROM sessions s JOIN users u ON u.id = s.user_id WHERE u.login = ?",
                               {login});
  }
  std::int64_t audited(const std::string& action) {
    return db().read()->scalar("SELECT COUNT(*) FROM audit_log WHERE action = ?", {action});
  }
};

TEST_F(SessionsDevicesTest, TheListNamesEachDeviceNewestUseFirstAndMarksThisOne) {
  auto phone = signed_in_from("secretary", kIPhoneWeChat);
  manual_.advance(std::chrono::minutes(5));
  auto office = signed_in_from("secretary", kWindowsChrome);
  Reply listed = phone->get("/api/v1/me/sessions");
  ASSERT_EQ(listed.status, 200) << listed.body;
  json items = listed.json()["items"];
  ASSERT_EQ(items.size(), 2u) << items.dump();
  EXPECT_EQ(items[0]["device"], "Chrome · Windows");
  EXPECT_EQ(items[0]["current"], false);
  EXPECT_EQ(items[1]["device"], "微信 · iPhone");
  EXPECT_EQ(items[1]["current"], true);
  EXPECT_FALSE(items[1]["created_at"].get<std::string>().empty());
  EXPECT_FALSE(items[1]["last_seen_at"].get<std::string>().empty());
  // Neither the token nor its digest is ever shown.
  EXPECT_EQ(items[0].size(), 5u) << items[0].dump();
  // Someone else's devices are not in the list.
  signed_in_from("director", kWindowsChrome);
  EXPECT_EQ(office->get("/api/v1/me/sessions").json()["items"].size(), 2u);
}

TEST_F(SessionsDevicesTest, SigningOneOwnDeviceOutEndsThatSessionOnly) {
  auto phone = signed_in_from("secretary", kIPhoneWeChat);
  auto office = signed_in_from("secretary", kWindowsChrome);
  json items = phone->get("/api/v1/me/sessions").json()["items"];
  std::int64_t other =
      items[0]["current"] == true ? items[1]["id"].get<std::int64_t>() : items[0]["id"].get<std::int64_t>();
  Reply ended = phone->del("/api/v1/me/sessions/" + std::to_string(other));
  ASSERT_EQ(ended.status, 204) << ended.body;
  EXPECT_EQ(office->get("/api/v1/me").status, 401);
  EXPECT_EQ(phone->get("/api/v1/me").status, 200);
  EXPECT_EQ(audited("session.revoke"), 1);
  // Gone now: a second try finds nothing.
  EXPECT_EQ(phone->del("/api/v1/me/sessions/" + std::to_string(other)).status, 404);
}

TEST_F(SessionsDevicesTest, AnotherUsersSessionIsNotFoundAndStaysSignedIn) {
  auto secretary = signed_in_from("secretary", kIPhoneWeChat);
  auto director = signed_in_from("director", kWindowsChrome);
  std::int64_t theirs = director->get("/api/v1/me/sessions").json()["items"][0]["id"];
  Reply refused = secretary->del("/api/v1/me/sessions/" + std::to_string(theirs));
  EXPECT_EQ(refused.status, 404) << refused.body;
  EXPECT_EQ(refused.error_code(), "not_found");
  EXPECT_EQ(director->get("/api/v1/me").status, 200);
  EXPECT_EQ(sessions_of("director"), 1);
  EXPECT_EQ(audited("session.revoke"), 0);
  // A write like any other: without the CSRF token nothing ends.
  auto office = signed_in_from("secretary", kWindowsChrome);
  std::int64_t own = office->get("/api/v1/me/sessions").json()["items"][0]["id"];
  secretary->forget_csrf();
  EXPECT_EQ(secretary->del("/api/v1/me/sessions/" + std::to_string(own)).status, 403);
  EXPECT_EQ(sessions_of("secretary"), 2);
}

TEST_F(SessionsDevicesTest, EndingTheOthersKeepsThisDevice) {
  auto here = signed_in_from("secretary", kIPhoneWeChat);
  auto office = signed_in_from("secretary", kWindowsChrome);
  auto laptop = signed_in_from("secretary", kWindowsChrome);
  auto director = signed_in_from("director", kWindowsChrome);
  Reply ended = here->post("/api/v1/me/sessions/end-others", json::object());
  ASSERT_EQ(ended.status, 200) << ended.body;
  EXPECT_EQ(ended.json(), (json{{"ended", 2}}));
  EXPECT_EQ(here->get("/api/v1/me").status, 200);
  EXPECT_EQ(office->get("/api/v1/me").status, 401);
  EXPECT_EQ(laptop->get("/api/v1/me").status, 401);
  EXPECT_EQ(director->get("/api/v1/me").status, 200);
  json items = here->get("/api/v1/me/sessions").json()["items"];
  ASSERT_EQ(items.size(), 1u);
  EXPECT_EQ(items[0]["current"], true);
  EXPECT_EQ(audited("session.end_others"), 1);
}

TEST_F(SessionsDevicesTest, AResidentsPhoneSessionLastsWhileUsedAStaffOneKeepsItsHours) {
  auto staff = signed_in("admin");
  auto resident = anonymous();
  Reply signed_in = resident_sign_in(*resident, "19900012345");
  ASSERT_EQ(signed_in.status, 200) << signed_in.body;
  EXPECT_NE(signed_in.headers["set-cookie"].find("Max-Age=" + std::to_string(180 * 24 * 3600)), std::string::npos)
      << signed_in.headers["set-cookie"];
  EXPECT_EQ(db().read()->scalar("SELECT idle_minutes FROM sessions s JOIN users u ON u.id = s.user_id "
                                "WHERE u.login = 'admin'"),
            120);

  // Three hours unused: the staff session is over, the resident's is not.
  manual_.advance(std::chrono::minutes(3 * 60));
  EXPECT_EQ(staff->get("/api/v1/me").status, 401);
  EXPECT_EQ(resident->get("/api/v1/me").status, 200);
  // Used every 29 days it lasts past the staff's absolute day, up to its cap.
  for (int month = 0; month < 5; ++month) {
    manual_.advance(std::chrono::minutes(29 * 24 * 60));
    ASSERT_EQ(resident->get("/api/v1/me").status, 200) << "after " << month + 1 << " periods";
  }
  // 30 days unused and it ends.
  manual_.advance(std::chrono::minutes(30 * 24 * 60));
  EXPECT_EQ(resident->get("/api/v1/me").status, 401);
}

TEST_F(SessionsDevicesTest, AResidentsSessionEndsAtItsCapHoweverOftenUsed) {
  auto resident = anonymous();
  ASSERT_EQ(resident_sign_in(*resident, "19900012346").status, 200);
  for (int week = 0; week < 25; ++week) {
    manual_.advance(std::chrono::minutes(7 * 24 * 60));
    ASSERT_EQ(resident->get("/api/v1/me").status, 200) << "week " << week + 1;
  }
  manual_.advance(std::chrono::minutes(6 * 24 * 60));
  EXPECT_EQ(resident->get("/api/v1/me").status, 401) << "181 days after sign-in";
}

TEST_F(SessionsDevicesTest, EndedSessionsArePurgedDailyAndLiveOnesKept) {
  auto staff = signed_in_from("admin", kWindowsChrome);
  auto resident = anonymous();
  ASSERT_EQ(resident_sign_in(*resident, "19900027777").status, 200);
  auto sessions = [&] { return db().read()->scalar("SELECT COUNT(*) FROM sessions"); };
  ASSERT_EQ(sessions(), 2);

  // A day later the staff session is past its limits and the resident's, unused for a day, still lives.
  ManualClock later;
  later.set(manual_.now() + std::chrono::days(1));
  ASSERT_TRUE(run_job("auth.sessions.purge", later));
  EXPECT_EQ(sessions(), 1);
  EXPECT_EQ(audited("session.purge"), 1);
  EXPECT_EQ(resident->get("/api/v1/me").status, 200);

  // Unused for longer than resident_session_days, the resident's ends too; nothing left, nothing audited.
  later.set(manual_.now() + std::chrono::days(settings_.resident_session_days + 1));
  ASSERT_TRUE(run_job("auth.sessions.purge", later));
  EXPECT_EQ(sessions(), 0);
  later.set(manual_.now() + std::chrono::days(settings_.resident_session_days + 2));
  ASSERT_TRUE(run_job("auth.sessions.purge", later));
  EXPECT_EQ(audited("session.purge"), 2);
}
