// The audit log reader: who may read it, filters and paging.
#include "support/test_server.hpp"

using weizhi::testing::ApiTest;

class AuditTest : public ApiTest {};

TEST_F(AuditTest, SupervisorReadsTheLogNewestFirst) {
  auto supervisor = signed_in("supervisor");
  auto reply = supervisor->get("/api/v1/audit");
  ASSERT_EQ(reply.status, 200);
  auto items = reply.json()["items"];
  ASSERT_GE(items.size(), 2u);
  EXPECT_GT(items[0]["seq"].get<std::int64_t>(), items[1]["seq"].get<std::int64_t>());
  EXPECT_EQ(items[0]["action"], "session.create");
}

TEST_F(AuditTest, FiltersByActorAndPagesWithACursor) {
  auto admin = signed_in("admin");
  auto first = admin->get("/api/v1/audit?actor=cli:seed&limit=3").json();
  ASSERT_EQ(first["items"].size(), 3u);
  for (const auto& item : first["items"]) EXPECT_EQ(item["actor"], "cli:seed");
  auto second =
      admin->get("/api/v1/audit?actor=cli:seed&limit=3&cursor=" + first["next_cursor"].get<std::string>()).json();
  ASSERT_FALSE(second["items"].empty());
  EXPECT_LT(second["items"][0]["seq"].get<std::int64_t>(), first["items"][2]["seq"].get<std::int64_t>());
}

TEST_F(AuditTest, ResidentMayNotReadTheLog) { EXPECT_EQ(signed_in("resident")->get("/api/v1/audit").status, 403); }

TEST_F(AuditTest, AnonymousIs401) { EXPECT_EQ(anonymous()->get("/api/v1/audit").status, 401); }

TEST_F(AuditTest, BadLimitNamesTheField) {
  auto reply = signed_in("admin")->get("/api/v1/audit?limit=abc");
  EXPECT_EQ(reply.status, 400);
  EXPECT_EQ(reply.error_field(), "limit");
}
