// Operations endpoints: health, readiness, metrics.
#include "support/test_server.hpp"

using weizhi::testing::ApiTest;

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
