// Idempotency-Key on creating POSTs, shown on reporting a case: a retry gets the first answer and
// makes nothing more; another request under the key is refused; keys are per user; bad keys are
// refused naming the header; routes open to anyone ignore it; failures keep nothing; a burst of
// duplicates makes one case; answers expire after 24 hours and are purged by the daily job.
#include <algorithm>
#include <set>
#include <thread>

#include "support/manual_clock.hpp"
#include "support/test_server.hpp"

using nlohmann::json;
using weizhi::testing::ApiTest;
using weizhi::testing::HttpClient;
using weizhi::testing::ManualClock;
using weizhi::testing::Reply;

class IdempotencyTest : public ApiTest {
 protected:
  json report_body(const std::string& description) {
    return json{
        {"item_code", "stairwell-clutter"}, {"compound_id", node("desheng-xincun")}, {"description", description}};
  }
  Reply report(HttpClient& client, const std::string& description, const std::string& key) {
    return client.send("POST", "/api/v1/cases", report_body(description).dump(), {"Idempotency-Key: " + key});
  }
  std::int64_t cases_described(const std::string& description) {
    return db().read()->scalar("SELECT COUNT(*) FROM cases WHERE description = ?", {description});
  }
  std::int64_t kept_answers() { return db().read()->scalar("SELECT COUNT(*) FROM idempotency_answers"); }
  // Serves on `clock` from now on, so that a test can move time.
  void serve_on(ManualClock& clock) {
    application_.reset();
    application_ = std::make_unique<weizhi::app::Application>(settings_, clock);
    application_->start();
  }
};

TEST_F(IdempotencyTest, ARetriedReportGetsTheFirstAnswerAndMakesOneCase) {
  auto resident = signed_in("resident");
  auto first = report(*resident, "楼道堆放纸箱（重试）", "report-1");
  ASSERT_EQ(first.status, 201) << first.body;
  EXPECT_EQ(first.headers.count("idempotent-replayed"), 0u);
  auto retry = report(*resident, "楼道堆放纸箱（重试）", "report-1");
  ASSERT_EQ(retry.status, 201) << retry.body;
  EXPECT_EQ(retry.body, first.body);
  EXPECT_EQ(retry.headers["idempotent-replayed"], "true");
  EXPECT_EQ(cases_described("楼道堆放纸箱（重试）"), 1);
  std::string entity = "case:" + std::to_string(first.json()["id"].get<std::int64_t>());
  EXPECT_EQ(
      db().read()->scalar("SELECT COUNT(*) FROM audit_log WHERE action = 'cases.create' AND entity = ?", {entity}), 1);
  // Without the key, the same request is a new report.
  ASSERT_EQ(resident->post("/api/v1/cases", report_body("楼道堆放纸箱（重试）")).status, 201);
  EXPECT_EQ(cases_described("楼道堆放纸箱（重试）"), 2);
}

TEST_F(IdempotencyTest, TheSameKeyWithAnotherRequestIsRefused) {
  auto resident = signed_in("resident");
  ASSERT_EQ(report(*resident, "楼道堆放纸箱", "report-2").status, 201);
  auto other = report(*resident, "楼道堆放自行车", "report-2");
  EXPECT_EQ(other.status, 422) << other.body;
  EXPECT_EQ(other.error_code(), "idempotency_key_reused");
  EXPECT_EQ(other.error_field(), "Idempotency-Key");
  auto other_path = resident->send("POST", "/api/v1/cases?street=1", report_body("楼道堆放纸箱").dump(),
                                   {"Idempotency-Key: report-2"});
  EXPECT_EQ(other_path.status, 422) << other_path.body;
  EXPECT_EQ(cases_described("楼道堆放自行车"), 0);
  EXPECT_EQ(cases_described("楼道堆放纸箱"), 1);
}

TEST_F(IdempotencyTest, AnotherUsersKeyNeverReplaysTheFirstUsersAnswer) {
  auto resident = signed_in("resident");
  auto commissioner = signed_in("commissioner");
  auto mine = report(*resident, "电梯间堆物", "shared-key");
  ASSERT_EQ(mine.status, 201) << mine.body;
  auto theirs = report(*commissioner, "电梯间堆物", "shared-key");
  ASSERT_EQ(theirs.status, 201) << theirs.body;
  EXPECT_EQ(theirs.headers.count("idempotent-replayed"), 0u);
  EXPECT_NE(theirs.json()["id"], mine.json()["id"]);
  EXPECT_EQ(cases_described("电梯间堆物"), 2);
  // Each still gets their own answer back.
  EXPECT_EQ(report(*resident, "电梯间堆物", "shared-key").json()["id"], mine.json()["id"]);
  EXPECT_EQ(report(*commissioner, "电梯间堆物", "shared-key").json()["id"], theirs.json()["id"]);
}

TEST_F(IdempotencyTest, BadKeysAreRefusedNamingTheHeaderAndChangeNothing) {
  auto resident = signed_in("resident");
  const std::vector<std::string> headers{"Idempotency-Key;", "Idempotency-Key: " + std::string(129, 'k'),
                                         "Idempotency-Key: 回执-1", "Idempotency-Key: a\tz"};
  for (const std::string& header : headers) {
    auto reply = resident->send("POST", "/api/v1/cases", report_body("坏的键").dump(), {header});
    EXPECT_EQ(reply.status, 400) << header << " → " << reply.body;
    EXPECT_EQ(reply.error_field(), "Idempotency-Key") << header;
  }
  EXPECT_EQ(cases_described("坏的键"), 0);
  // 128 printable characters, the space and the tilde at the ends of the range included, are a key.
  EXPECT_EQ(report(*resident, "坏的键", "! " + std::string(125, 'k') + "~").status, 201);
}

TEST_F(IdempotencyTest, RoutesOpenToAnyoneIgnoreTheHeader) {
  auto client = anonymous();
  json credentials{{"login", "resident"}, {"password", "weizhi-demo"}};
  auto first = client->send("POST", "/api/v1/session", credentials.dump(), {"Idempotency-Key: sign-in"});
  ASSERT_EQ(first.status, 200) << first.body;
  auto second = client->send("POST", "/api/v1/session", credentials.dump(), {"Idempotency-Key: sign-in"});
  ASSERT_EQ(second.status, 200) << second.body;
  EXPECT_NE(second.json()["csrf_token"], first.json()["csrf_token"]);
  EXPECT_EQ(second.headers.count("idempotent-replayed"), 0u);
  EXPECT_EQ(kept_answers(), 0);
}

TEST_F(IdempotencyTest, ARefusedOrFailedRequestKeepsNoAnswerAndItsRetryRunsAnew) {
  auto resident = signed_in("resident");
  auto refused = resident->send("POST", "/api/v1/cases", json{{"compound_id", node("desheng-xincun")}}.dump(),
                                {"Idempotency-Key: fix-and-retry"});
  EXPECT_EQ(refused.status, 400) << refused.body;
  ASSERT_EQ(report(*resident, "修正后重试", "fix-and-retry").status, 201);

  // The audit record is written in the report's transaction, after the key's claim: without its
  // table the write fails with a 500, and the claim is undone with it.
  auto rename = [&](const std::string& from, const std::string& to) {
    db().transaction([&](weizhi::store::Tx& tx) { tx.exec("ALTER TABLE " + from + " RENAME TO " + to); });
  };
  rename("audit_log", "audit_log_away");
  auto failed = report(*resident, "服务器出错后重试", "after-500");
  rename("audit_log_away", "audit_log");
  EXPECT_EQ(failed.status, 500) << failed.body;
  EXPECT_EQ(cases_described("服务器出错后重试"), 0);
  auto retried = report(*resident, "服务器出错后重试", "after-500");
  EXPECT_EQ(retried.status, 201) << retried.body;
  EXPECT_EQ(retried.headers.count("idempotent-replayed"), 0u);
  EXPECT_EQ(cases_described("服务器出错后重试"), 1);
}

TEST_F(IdempotencyTest, ABurstOfDuplicatesMakesOneCase) {
  constexpr int kClients = 6;
  std::vector<std::unique_ptr<HttpClient>> clients;
  for (int i = 0; i < kClients; ++i) clients.push_back(signed_in("resident"));
  std::vector<Reply> replies(kClients);
  std::vector<std::thread> threads;
  for (int i = 0; i < kClients; ++i) {
    threads.emplace_back([&, i] { replies[i] = report(*clients[i], "同时重发", "burst"); });
  }
  for (auto& thread : threads) thread.join();
  std::set<std::int64_t> ids;
  for (const auto& reply : replies) {
    if (reply.status == 201) {
      ids.insert(reply.json()["id"].get<std::int64_t>());
    } else {
      EXPECT_EQ(reply.status, 409) << reply.body;
      EXPECT_EQ(reply.error_code(), "idempotency_key_in_use");
    }
  }
  EXPECT_EQ(ids.size(), 1u);
  EXPECT_EQ(cases_described("同时重发"), 1);
}

TEST_F(IdempotencyTest, AnAnswerIsReplayedFor24HoursThenForgottenAndPurged) {
  ManualClock clock;
  serve_on(clock);
  auto start = clock.now();
  auto first = report(*signed_in("resident"), "过期之前", "day-key");
  ASSERT_EQ(first.status, 201) << first.body;

  clock.set(start + std::chrono::hours(24) - std::chrono::seconds(1));
  auto within = report(*signed_in("resident"), "过期之前", "day-key");
  EXPECT_EQ(within.headers["idempotent-replayed"], "true");
  EXPECT_EQ(within.json()["id"], first.json()["id"]);

  // The purge never takes a day that may still hold live answers.
  EXPECT_TRUE(run_job("idempotency.purge", clock));
  EXPECT_EQ(kept_answers(), 1);

  clock.set(start + std::chrono::hours(24));
  auto after = report(*signed_in("resident"), "过期之前", "day-key");
  ASSERT_EQ(after.status, 201) << after.body;
  EXPECT_EQ(after.headers.count("idempotent-replayed"), 0u);
  EXPECT_NE(after.json()["id"], first.json()["id"]);
  EXPECT_EQ(cases_described("过期之前"), 2);

  // Two days on, the answer kept at +24 h has expired too, and its day is past.
  clock.set(start + std::chrono::hours(72));
  EXPECT_TRUE(run_job("idempotency.purge", clock));
  EXPECT_EQ(kept_answers(), 0);
}
