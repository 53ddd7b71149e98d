// Operations endpoints: health, readiness, metrics.
#include <vector>

#include "support/test_server.hpp"

using weizhi::testing::ApiTest;
using weizhi::testing::HttpClient;

TEST_F(ApiTest, HealthzAnswersOk) {
  auto client = anonymous();
  auto reply = client->get("/healthz");
  EXPECT_EQ(reply.status, 200);
  EXPECT_EQ(reply.json()["status"], "ok");
  EXPECT_FALSE(reply.headers["x-request-id"].empty());
}

TEST_F(ApiTest, ReadyzReportsDatabaseAndMigrations) {
  auto reply = anonymous()->get("/readyz");
  EXPECT_EQ(reply.status, 200);
  EXPECT_EQ(reply.json()["migrations_current"], true);
}

TEST_F(ApiTest, MetricsAreInPrometheusTextFormat) {
  auto client = anonymous();
  client->get("/healthz");
  auto reply = client->get("/metrics");
  EXPECT_EQ(reply.status, 200);
  EXPECT_NE(reply.headers["content-type"].find("text/plain"), std::string::npos);
  EXPECT_NE(reply.body.find("weizhi_http_requests_total{route=\"/healthz\",method=\"GET\",status=\"200\"}"),
            std::string::npos);
  EXPECT_NE(reply.body.find("weizhi_http_request_seconds_bucket"), std::string::npos);
}

// Clients keep their connections open (keep-alive) across a stop: the server must neither wait on them
// nor touch what it freed when they go (the sanitizer lane runs this too), and it starts again cleanly.
TEST_F(ApiTest, StopsWithClientsStillConnectedAndStartsAgain) {
  for (int round = 0; round < 6; ++round) {
    std::vector<std::unique_ptr<HttpClient>> connected;
    for (int i = 0; i < 8; ++i) {
      connected.push_back(anonymous());
      ASSERT_EQ(connected.back()->get("/healthz").status, 200);
    }
    application_.reset();
    application_ = std::make_unique<weizhi::app::Application>(settings_, clock_);
    application_->start();
  }
  EXPECT_EQ(anonymous()->get("/healthz").status, 200);
}
