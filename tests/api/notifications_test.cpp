// Notifications over HTTP on the Test seed: each user reads and marks only their own inbox; the
// street and community leadership configure group robots (WeCom, DingTalk or 浙政钉; https only,
// the key masked, a signing secret sealed and never shown); queued posts reach a real receiver on
// the loopback as the robot's JSON, a DingTalk robot's signed, and failures retry with backoff on
// an injected clock until failed, visible and retryable by hand.
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <mutex>
#include <thread>

#include "modules/notifications/notifications.hpp"
#include "modules/notifications/rules.hpp"
#include "modules/notifications/store.hpp"
#include "support/manual_clock.hpp"
#include "support/test_server.hpp"

using nlohmann::json;
using weizhi::testing::ApiTest;
using weizhi::testing::ManualClock;
namespace notifications = weizhi::notifications;

namespace {

// A tiny HTTP server on 127.0.0.1 that records each request's target and body and answers every
// request with one status and body.
class Receiver {
 public:
  Receiver(int status, std::string reply) : status_(status), reply_(std::move(reply)) {
    listener_ = socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    bind(listener_, reinterpret_cast<sockaddr*>(&address), sizeof address);
    listen(listener_, 8);
    socklen_t length = sizeof address;
    getsockname(listener_, reinterpret_cast<sockaddr*>(&address), &length);
    port_ = ntohs(address.sin_port);
    thread_ = std::thread([this] { serve(); });
  }
  ~Receiver() {
    stopping_ = true;
    thread_.join();
    close(listener_);
  }
  std::string url() const {
    return "http://127.0.0.1:" + std::to_string(port_) + "/cgi-bin/webhook/send?key=test-key-0123456789";
  }
  std::string dingtalk_url() const {
    return "http://127.0.0.1:" + std::to_string(port_) + "/robot/send?access_token=test-token-0123456789";
  }
  std::vector<std::string> bodies() {
    std::lock_guard lock(mutex_);
    return bodies_;
  }
  // The path and query of each request, as its request line gave them.
  std::vector<std::string> targets() {
    std::lock_guard lock(mutex_);
    return targets_;
  }

 private:
  void serve() {
    while (!stopping_) {
      pollfd ready{listener_, POLLIN, 0};
      if (poll(&ready, 1, 50) <= 0) continue;
      int connection = accept(listener_, nullptr, nullptr);
      if (connection < 0) continue;
      std::string request;
      char buffer[4096];
      std::size_t wanted = std::string::npos;
      while (wanted == std::string::npos || request.size() < wanted) {
        ssize_t got = recv(connection, buffer, sizeof buffer, 0);
        if (got <= 0) break;
        request.append(buffer, static_cast<std::size_t>(got));
        std::size_t end = request.find("\r\n\r\n");
        if (end != std::string::npos && wanted == std::string::npos) {
          std::size_t at = request.find("Content-Length: ");
          std::size_t length = at == std::string::npos ? 0 : std::stoul(request.substr(at + 16));
          wanted = end + 4 + length;
        }
      }
      {
        std::lock_guard lock(mutex_);
        std::size_t end = request.find("\r\n\r\n");
        bodies_.push_back(end == std::string::npos ? "" : request.substr(end + 4));
        std::size_t target = request.find(' ') + 1;
        targets_.push_back(request.substr(target, request.find(' ', target) - target));
      }
      std::string answer = "HTTP/1.1 " + std::to_string(status_) +
                           " X\r\nContent-Type: application/json\r\nContent-Length: " + std::to_string(reply_.size()) +
                           "\r\nConnection: close\r\n\r\n" + reply_;
      send(connection, answer.data(), answer.size(), MSG_NOSIGNAL);
      close(connection);
    }
  }

  int status_;
  std::string reply_;
  int listener_;
  int port_ = 0;
  std::atomic<bool> stopping_{false};
  std::mutex mutex_;
  std::vector<std::string> bodies_;
  std::vector<std::string> targets_;
  std::thread thread_;
};

}  // namespace

class NotificationTest : public ApiTest {
 protected:
  std::int64_t user_id(const std::string& login) {
    return db().read()->scalar("SELECT id FROM users WHERE login = ?", {login});
  }
  // Configures 德胜社区's robot through the route, as its secretary.
  void configure_robot(const std::string& url) {
    auto reply = signed_in("secretary")
                     ->send("PUT", "/api/v1/notification-webhooks/" + std::to_string(node("desheng")),
                            json{{"url", url}, {"enabled", true}}.dump());
    ASSERT_EQ(reply.status, 200) << reply.body;
  }
  // Two messages for each of the users, about no compound.
  void tell_twice(const std::vector<std::int64_t>& user_ids) {
    db().transaction([&](weizhi::store::Tx& tx) {
      notifications::notify(tx, user_ids, {"case.escalated", "事项升级", "甲", "/cases/1"});
      notifications::notify(tx, user_ids, {"case.escalated", "事项升级", "乙", "/cases/2"});
    });
  }
  // A message about 德胜新村 for the commissioner: its robot is the community's.
  void notify_about_compound() {
    std::int64_t commissioner = user_id("commissioner");
    std::int64_t compound = node("desheng-xincun");
    db().transaction([&](weizhi::store::Tx& tx) {
      notifications::notify(tx, {commissioner},
                            {"case.escalated", "事项升级", "楼道\"堆物\"逾期未处理", "/cases/12", compound});
    });
  }
  // Runs the delivery job once on a database that reads `clock`; returns whether it ran. Only that
  // job: the escalation job, on the advanced clock, would post further messages to the same robot.
  bool run_jobs(ManualClock& clock) { return run_job("notifications.deliveries", clock); }
  json deliveries(const std::string& state) {
    auto reply =
        signed_in("secretary")
            ->get("/api/v1/notification-deliveries?node=" + std::to_string(node("desheng")) + "&state=" + state);
    EXPECT_EQ(reply.status, 200) << reply.body;
    return reply.json()["items"];
  }
};

TEST_F(NotificationTest, EachUserReadsOnlyTheirOwnInbox) {
  std::int64_t commissioner_id = user_id("commissioner");
  std::int64_t secretary_id = user_id("secretary");
  tell_twice({commissioner_id, secretary_id});
  auto commissioner = signed_in("commissioner");
  // The cases seed's escalation of 德胜新村's overdue cases, and the two above.
  EXPECT_EQ(commissioner->get("/api/v1/me/notifications/unread-count").json()["unread"], 3);
  json items = commissioner->get("/api/v1/me/notifications").json()["items"];
  ASSERT_EQ(items.size(), 3u);
  EXPECT_GT(items[0]["id"].get<std::int64_t>(), items[1]["id"].get<std::int64_t>());  // newest first
  EXPECT_EQ(items[0]["read"], false);

  auto secretary = signed_in("secretary");
  json theirs = secretary->get("/api/v1/me/notifications").json()["items"];
  ASSERT_EQ(theirs.size(), 2u);
  std::string their_id = std::to_string(theirs[0]["id"].get<std::int64_t>());
  EXPECT_EQ(commissioner->post("/api/v1/me/notifications/" + their_id + "/read", json::object()).status, 404);
  EXPECT_EQ(secretary->get("/api/v1/me/notifications/unread-count").json()["unread"], 2);

  std::string own_id = std::to_string(items[1]["id"].get<std::int64_t>());
  auto read = commissioner->post("/api/v1/me/notifications/" + own_id + "/read", json::object());
  ASSERT_EQ(read.status, 200) << read.body;
  EXPECT_EQ(read.json()["read"], true);
  EXPECT_EQ(commissioner->get("/api/v1/me/notifications/unread-count").json()["unread"], 2);
  json unread = commissioner->get("/api/v1/me/notifications?unread=1").json()["items"];
  ASSERT_EQ(unread.size(), 2u);
  EXPECT_EQ(unread[0]["id"], items[0]["id"]);
  EXPECT_EQ(unread[1]["id"], items[2]["id"]);

  auto all = commissioner->post("/api/v1/me/notifications/read-all", json::object());
  ASSERT_EQ(all.status, 200) << all.body;
  EXPECT_EQ(all.json()["marked"], 2);
  EXPECT_EQ(commissioner->get("/api/v1/me/notifications/unread-count").json()["unread"], 0);
  EXPECT_EQ(secretary->get("/api/v1/me/notifications/unread-count").json()["unread"], 2);
}

TEST_F(NotificationTest, ANotificationNamesTheRecordItIsAbout) {
  std::int64_t commissioner = user_id("commissioner");
  db().transaction([&](weizhi::store::Tx& tx) {
    notifications::notify(tx, {commissioner},
                          {"case.escalated", "逾期上报：案件 #7", "甲", "/cases/7", std::nullopt, {{"case", 7}}});
    notifications::notify(tx, {commissioner},
                          {"case.escalated", "逾期上报：5 件案件", "乙", "/cases?tab=escalated", std::nullopt});
  });
  json items = signed_in("commissioner")->get("/api/v1/me/notifications?limit=2").json()["items"];
  ASSERT_EQ(items.size(), 2u);
  EXPECT_EQ(items[0]["link"], "/cases?tab=escalated");
  EXPECT_TRUE(items[0]["entity"].is_null());
  EXPECT_EQ(items[1]["link"], "/cases/7");
  EXPECT_EQ(items[1]["entity"], (json{{"type", "case"}, {"id", 7}}));
}

TEST_F(NotificationTest, InboxPagesByCursor) {
  tell_twice({user_id("secretary")});
  auto secretary = signed_in("secretary");
  auto first = secretary->get("/api/v1/me/notifications?limit=1").json();
  ASSERT_EQ(first["items"].size(), 1u);
  ASSERT_TRUE(first["next_cursor"].is_string());
  auto second =
      secretary->get("/api/v1/me/notifications?limit=1&cursor=" + first["next_cursor"].get<std::string>()).json();
  ASSERT_EQ(second["items"].size(), 1u);
  EXPECT_LT(second["items"][0]["id"].get<std::int64_t>(), first["items"][0]["id"].get<std::int64_t>());
}

TEST_F(NotificationTest, SignedOutCallersGet401AndBadQueriesAre400Or404) {
  auto anonymous = this->anonymous();
  EXPECT_EQ(anonymous->get("/api/v1/me/notifications").status, 401);
  EXPECT_EQ(anonymous->get("/api/v1/me/notifications/unread-count").status, 401);
  EXPECT_EQ(anonymous->post("/api/v1/me/notifications/read-all", json::object()).status, 401);
  EXPECT_EQ(anonymous->get("/api/v1/notification-webhooks/" + std::to_string(node("desheng"))).status, 401);
  auto commissioner = signed_in("commissioner");
  auto bad = commissioner->get("/api/v1/me/notifications?unread=maybe");
  EXPECT_EQ(bad.status, 400);
  EXPECT_EQ(bad.error_field(), "unread");
  // An id that is not a number matches no route.
  EXPECT_EQ(commissioner->post("/api/v1/me/notifications/abc/read", json::object()).status, 404);
  EXPECT_EQ(commissioner->post("/api/v1/me/notifications/999999/read", json::object()).status, 404);
}

TEST_F(NotificationTest, RobotUrlsMustBeHttpsAndOnlyLeadersConfigureThem) {
  auto secretary = signed_in("secretary");
  std::string path = "/api/v1/notification-webhooks/" + std::to_string(node("desheng"));
  for (std::string url :
       {"http://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=x", "ftp://example.cn/x", "not a url", ""}) {
    auto reply = secretary->send("PUT", path, json{{"url", url}, {"enabled", true}}.dump());
    EXPECT_EQ(reply.status, 400) << url;
    EXPECT_EQ(reply.error_field(), "url") << url;
  }
  auto missing = secretary->send("PUT", path, json{{"url", "https://h.cn/x"}}.dump());
  EXPECT_EQ(missing.status, 400);
  EXPECT_EQ(missing.error_field(), "enabled");
  // A building is neither a compound nor a community.
  auto building = db().read()->scalar("SELECT id FROM org_nodes WHERE kind = 'building' ORDER BY id LIMIT 1");
  EXPECT_EQ(signed_in("admin")
                ->send("PUT", "/api/v1/notification-webhooks/" + std::to_string(building),
                       json{{"url", "https://h.cn/x"}, {"enabled", true}}.dump())
                .status,
            400);
  json body{{"url", "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=abc"}, {"enabled", true}};
  EXPECT_EQ(signed_in("commissioner")->send("PUT", path, body.dump()).status, 403);
  EXPECT_EQ(signed_in("resident")->get(path).status, 403);
  EXPECT_EQ(
      secretary->send("PUT", "/api/v1/notification-webhooks/" + std::to_string(node("cuiyu")), body.dump()).status,
      403);
  EXPECT_EQ(signed_in("director")->get(path).status, 200);
}

TEST_F(NotificationTest, TheRobotKeyIsMaskedInAnswersAndTheAuditLog) {
  auto secretary = signed_in("secretary");
  std::string path = "/api/v1/notification-webhooks/" + std::to_string(node("desheng"));
  // The seed leaves the demo robot switched off.
  auto seeded = secretary->get(path).json();
  EXPECT_EQ(seeded["configured"], true);
  EXPECT_EQ(seeded["enabled"], false);
  std::string key = "693a91f6-7aaa-4bc4-97a0-0ec2sifa5aaa";
  auto saved = secretary->send(
      "PUT", path,
      json{{"url", "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=" + key}, {"enabled", true}}.dump());
  ASSERT_EQ(saved.status, 200) << saved.body;
  EXPECT_EQ(saved.json()["url"], "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=****5aaa");
  auto read = secretary->get(path);
  EXPECT_EQ(read.json()["url"], "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=****5aaa");
  EXPECT_EQ(read.body.find(key), std::string::npos);
  // Sending the masked URL back (or none) keeps the stored key: switching off needs no retyping.
  auto off = secretary->send("PUT", path, json{{"url", read.json()["url"]}, {"enabled", false}}.dump());
  ASSERT_EQ(off.status, 200) << off.body;
  EXPECT_EQ(notifications::find_webhook(*db().read(), node("desheng"))->url,
            "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=" + key);
  auto lease = db().read();
  EXPECT_EQ(lease->scalar("SELECT COUNT(*) FROM audit_log WHERE action = 'notifications.webhook.update'"), 2);
  EXPECT_EQ(lease->scalar("SELECT COUNT(*) FROM audit_log WHERE summary LIKE ?", {"%" + key + "%"}), 0);
}

TEST_F(NotificationTest, ARobotReceivesTheWeComTextOnceTheJobRuns) {
  Receiver receiver(200, R"({"errcode":0,"errmsg":"ok"})");
  configure_robot(receiver.url());
  notify_about_compound();
  ManualClock clock;
  ASSERT_TRUE(run_jobs(clock));
  ASSERT_EQ(receiver.bodies().size(), 1u);
  EXPECT_EQ(receiver.bodies()[0],
            R"({"msgtype":"text","text":{"content":"【事项升级】\n楼道\"堆物\"逾期未处理\n/cases/12"}})");
  json delivered = deliveries("delivered");
  ASSERT_EQ(delivered.size(), 1u);
  EXPECT_EQ(delivered[0]["attempts"], 1);
  EXPECT_EQ(delivered[0]["node"]["id"], node("desheng"));
  // The same minute is claimed: a second instance sends nothing again.
  EXPECT_FALSE(run_jobs(clock));
  EXPECT_EQ(receiver.bodies().size(), 1u);
  // The commissioner's inbox has it too, beside the cases seed's escalation.
  EXPECT_EQ(signed_in("commissioner")->get("/api/v1/me/notifications/unread-count").json()["unread"], 2);
}

TEST_F(NotificationTest, ADingTalkRobotGetsEachPostSignedWithItsSecretWhichIsSealedAndNeverShown) {
  Receiver receiver(200, R"({"errcode":0,"errmsg":"ok"})");
  std::string secret = "SEC5f0d2c8e6b7a41e39c0d8f1a2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d5e6";
  auto secretary = signed_in("secretary");
  std::string path = "/api/v1/notification-webhooks/" + std::to_string(node("desheng"));
  auto saved = secretary->send(
      "PUT", path,
      json{{"channel", "dingtalk"}, {"url", receiver.dingtalk_url()}, {"secret", secret}, {"enabled", true}}.dump());
  ASSERT_EQ(saved.status, 200) << saved.body;
  EXPECT_EQ(saved.json()["channel"], "dingtalk");
  EXPECT_EQ(saved.json()["secret"], "****");
  EXPECT_NE(saved.json()["url"].get<std::string>().find("access_token=****6789"), std::string::npos);
  auto read = secretary->get(path);
  EXPECT_EQ(read.json()["secret"], "****");
  EXPECT_EQ(read.body.find(secret), std::string::npos);
  {
    auto lease = db().read();
    std::string stored =
        lease->query_one("SELECT secret FROM notification_webhooks WHERE node_id = ?", {node("desheng")})->text(0);
    EXPECT_EQ(stored.find(secret), std::string::npos) << "sealed with the data key";
    EXPECT_EQ(lease->scalar("SELECT COUNT(*) FROM audit_log WHERE summary LIKE ?", {"%" + secret + "%"}), 0);
  }

  notify_about_compound();
  ManualClock clock;
  ASSERT_TRUE(run_jobs(clock));
  ASSERT_EQ(receiver.targets().size(), 1u);
  std::int64_t now_ms = std::chrono::duration_cast<std::chrono::milliseconds>(clock.now().time_since_epoch()).count();
  EXPECT_EQ(receiver.targets()[0],
            "/robot/send?access_token=test-token-0123456789&timestamp=" + std::to_string(now_ms) +
                "&sign=" + notifications::dingtalk_sign(secret, now_ms));
  EXPECT_EQ(receiver.bodies()[0],
            R"({"msgtype":"text","text":{"content":"【事项升级】\n楼道\"堆物\"逾期未处理\n/cases/12"}})");
  EXPECT_EQ(deliveries("delivered").size(), 1u);

  // Switching off with the masked URL and secret keeps both; WeCom has no secret to keep.
  auto off =
      secretary->send("PUT", path, json{{"url", read.json()["url"]}, {"secret", "****"}, {"enabled", false}}.dump());
  ASSERT_EQ(off.status, 200) << off.body;
  EXPECT_EQ(off.json()["channel"], "dingtalk");
  EXPECT_EQ(off.json()["secret"], "****");
  auto wecom =
      secretary->send("PUT", path, json{{"channel", "wecom"}, {"url", receiver.url()}, {"enabled", true}}.dump());
  ASSERT_EQ(wecom.status, 200) << wecom.body;
  EXPECT_TRUE(wecom.json()["secret"].is_null());
}

TEST_F(NotificationTest, ADingTalkRefusalIsRetriedAsWeComsAre) {
  Receiver receiver(200, R"({"errcode":310000,"errmsg":"sign not match"})");
  auto reply =
      signed_in("secretary")
          ->send(
              "PUT", "/api/v1/notification-webhooks/" + std::to_string(node("desheng")),
              json{
                  {"channel", "zhengding"}, {"url", receiver.dingtalk_url()}, {"secret", "SECwrong"}, {"enabled", true}}
                  .dump());
  ASSERT_EQ(reply.status, 200) << reply.body;
  notify_about_compound();
  ManualClock clock;
  weizhi::TimePoint first = clock.now();
  ASSERT_TRUE(run_jobs(clock));
  json pending = deliveries("pending");
  ASSERT_EQ(pending.size(), 1u);
  EXPECT_EQ(pending[0]["attempts"], 1);
  EXPECT_EQ(pending[0]["last_error"], "errcode 310000: sign not match");
  EXPECT_EQ(pending[0]["next_attempt_at"], weizhi::iso_utc(first + std::chrono::minutes(1)));
  ASSERT_EQ(receiver.targets().size(), 1u);
  EXPECT_NE(receiver.targets()[0].find("&sign="), std::string::npos);
}

TEST_F(NotificationTest, AChannelMustBeKnownAndOnlyDingTalksTakeASecret) {
  auto secretary = signed_in("secretary");
  std::string path = "/api/v1/notification-webhooks/" + std::to_string(node("desheng"));
  std::string url = "https://oapi.dingtalk.com/robot/send?access_token=abcdef0123456789";
  auto unknown = secretary->send("PUT", path, json{{"channel", "feishu"}, {"url", url}, {"enabled", true}}.dump());
  EXPECT_EQ(unknown.status, 400);
  EXPECT_EQ(unknown.error_field(), "channel");
  auto wecom_secret = secretary->send(
      "PUT", path, json{{"channel", "wecom"}, {"url", url}, {"secret", "SEC123"}, {"enabled", true}}.dump());
  EXPECT_EQ(wecom_secret.status, 400);
  EXPECT_EQ(wecom_secret.error_field(), "secret");
  auto spaced = secretary->send(
      "PUT", path, json{{"channel", "dingtalk"}, {"url", url}, {"secret", "SEC 123"}, {"enabled", true}}.dump());
  EXPECT_EQ(spaced.status, 400);
  EXPECT_EQ(spaced.error_field(), "secret");
  // Nothing half-written: the seeded robot is as it was.
  auto seeded = secretary->get(path).json();
  EXPECT_EQ(seeded["channel"], "wecom");
  EXPECT_EQ(seeded["enabled"], false);
}

TEST_F(NotificationTest, AFailingRobotIsRetriedWithBackoffThenFailedAndRetriedByHand) {
  Receiver receiver(500, "boom");
  configure_robot(receiver.url());
  notify_about_compound();
  ManualClock clock;
  weizhi::TimePoint first = clock.now();
  ASSERT_TRUE(run_jobs(clock));
  EXPECT_EQ(receiver.bodies().size(), 1u);
  json pending = deliveries("pending");
  ASSERT_EQ(pending.size(), 1u);
  EXPECT_EQ(pending[0]["attempts"], 1);
  EXPECT_EQ(pending[0]["last_error"], "HTTP 500: boom");
  EXPECT_EQ(pending[0]["next_attempt_at"], weizhi::iso_utc(first + std::chrono::minutes(1)));
  // Not due 59 seconds later, even when that is a new minute's run.
  clock.set(first + std::chrono::seconds(59));
  run_jobs(clock);
  EXPECT_EQ(deliveries("pending")[0]["attempts"], 1);
  // Each wait (1, 2, 4, 8, 16 minutes) fits in 17; the sixth failure is the last.
  for (int attempt = 2; attempt <= 6; ++attempt) {
    clock.advance(std::chrono::minutes(17));
    ASSERT_TRUE(run_jobs(clock));
  }
  EXPECT_EQ(receiver.bodies().size(), 6u);
  EXPECT_TRUE(deliveries("pending").empty());
  json failed = deliveries("failed");
  ASSERT_EQ(failed.size(), 1u);
  EXPECT_EQ(failed[0]["attempts"], 6);
  EXPECT_EQ(failed[0]["last_error"], "HTTP 500: boom");
  clock.advance(std::chrono::minutes(60));
  run_jobs(clock);
  EXPECT_EQ(receiver.bodies().size(), 6u);

  std::string retry =
      "/api/v1/notification-deliveries/" + std::to_string(failed[0]["id"].get<std::int64_t>()) + "/retry";
  EXPECT_EQ(signed_in("commissioner")->post(retry, json::object()).status, 403);
  auto retried = signed_in("secretary")->post(retry, json::object());
  ASSERT_EQ(retried.status, 200) << retried.body;
  EXPECT_EQ(retried.json()["state"], "pending");
  EXPECT_EQ(retried.json()["attempts"], 0);
  EXPECT_EQ(signed_in("secretary")->post(retry, json::object()).status, 409);
  EXPECT_EQ(db().read()->scalar("SELECT COUNT(*) FROM audit_log WHERE action = 'notifications.delivery.retry'"), 1);
}

TEST_F(NotificationTest, AClosedPortLeavesTheDeliveryPendingWithTheError) {
  int port;
  {
    Receiver gone(200, "{}");
    port = std::stoi(gone.url().substr(17));
  }
  configure_robot("http://127.0.0.1:" + std::to_string(port) + "/hook");
  notify_about_compound();
  ManualClock clock;
  ASSERT_TRUE(run_jobs(clock));
  json pending = deliveries("pending");
  ASSERT_EQ(pending.size(), 1u);
  EXPECT_EQ(pending[0]["attempts"], 1);
  EXPECT_NE(pending[0]["last_error"].get<std::string>().find("连接失败"), std::string::npos);
}

TEST_F(NotificationTest, DeliveriesAreForRobotManagersOnly) {
  EXPECT_EQ(signed_in("commissioner")->get("/api/v1/notification-deliveries").status, 403);
  EXPECT_EQ(signed_in("resident")->get("/api/v1/notification-deliveries").status, 403);
  auto bad = signed_in("admin")->get("/api/v1/notification-deliveries?state=lost");
  EXPECT_EQ(bad.status, 400);
  EXPECT_EQ(bad.error_field(), "state");
  EXPECT_EQ(signed_in("admin")->get("/api/v1/notification-deliveries").status, 200);
  EXPECT_EQ(signed_in("secretary")->post("/api/v1/notification-deliveries/999999/retry", json::object()).status, 404);
}

// The secretary of 德胜社区 with the robots, deliveries and notifications of others: refused,
// and nothing changed. Every route here takes one id; its scope is the node the record belongs to.
TEST_F(NotificationTest, ASecretaryCannotReachTheRobotsDeliveriesOrInboxesOfOthers) {
  auto admin = signed_in("admin");
  std::string donger = "/api/v1/notification-webhooks/" + std::to_string(node("donger"));
  std::string url = "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=donger-0123456789";
  ASSERT_EQ(admin->send("PUT", donger, json{{"url", url}, {"enabled", true}}.dump()).status, 200);
  std::int64_t commissioner = user_id("commissioner");
  db().transaction([&](weizhi::store::Tx& tx) {
    notifications::notify(tx, {commissioner},
                          {"case.escalated", "事项升级", "东二东三苑路灯逾期", "/cases/1", node("dong-er-dong-san")});
  });
  json queued = admin->get("/api/v1/notification-deliveries?node=" + std::to_string(node("donger"))).json()["items"];
  ASSERT_EQ(queued.size(), 1u);
  std::string retry =
      "/api/v1/notification-deliveries/" + std::to_string(queued[0]["id"].get<std::int64_t>()) + "/retry";
  json shown = admin->get(donger).json();

  auto secretary = signed_in("secretary");
  json other{{"url", "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=mine"}, {"enabled", false}};
  EXPECT_EQ(secretary->get(donger).status, 403);
  EXPECT_EQ(secretary->send("PUT", donger, other.dump()).status, 403);
  EXPECT_EQ(
      secretary->send("PUT", "/api/v1/notification-webhooks/" + std::to_string(node("dong-er-dong-san")), other.dump())
          .status,
      403);
  EXPECT_EQ(secretary->get("/api/v1/notification-deliveries?node=" + std::to_string(node("donger"))).status, 403);
  EXPECT_EQ(secretary->post(retry, json::object()).status, 403);
  // Someone else's notification answers like a missing one.
  json inbox = signed_in("commissioner")->get("/api/v1/me/notifications?unread=1").json()["items"];
  ASSERT_FALSE(inbox.empty());
  std::string read = "/api/v1/me/notifications/" + std::to_string(inbox[0]["id"].get<std::int64_t>()) + "/read";
  EXPECT_EQ(secretary->post(read, json::object()).status, 404);

  EXPECT_EQ(admin->get(donger).json(), shown);
  EXPECT_FALSE(admin->get("/api/v1/notification-webhooks/" + std::to_string(node("dong-er-dong-san")))
                   .json()["configured"]
                   .get<bool>());
  json after = admin->get("/api/v1/notification-deliveries?node=" + std::to_string(node("donger"))).json()["items"];
  ASSERT_EQ(after.size(), 1u);
  EXPECT_EQ(after[0]["state"], queued[0]["state"]);
  EXPECT_EQ(after[0]["attempts"], queued[0]["attempts"]);
  EXPECT_EQ(signed_in("commissioner")->get("/api/v1/me/notifications?unread=1").json()["items"][0]["id"],
            inbox[0]["id"]);
  EXPECT_EQ(
      db().read()->scalar("SELECT COUNT(*) FROM audit_log WHERE action LIKE 'notifications.%' AND actor = 'secretary'"),
      0);
}
