// The org tree kernel: reading and creating nodes, within the caller's scope.
#include "support/test_server.hpp"

using nlohmann::json;
using weizhi::testing::ApiTest;

class OrgNodesTest : public ApiTest {};

TEST_F(OrgNodesTest, CreatesABuildingUnderACompound) {
  auto admin = signed_in("admin");
  auto reply = admin->post("/api/v1/org/nodes",
                           json{{"parent_id", node("desheng-xincun")}, {"kind", "building"}, {"name", "12幢"}});
  ASSERT_EQ(reply.status, 201) << reply.body;
  auto created = reply.json();
  EXPECT_EQ(created["name"], "12幢");
  EXPECT_EQ(created["parent_id"], node("desheng-xincun"));
  auto fetched = admin->get("/api/v1/org/nodes/" + std::to_string(created["id"].get<std::int64_t>()));
  EXPECT_EQ(fetched.status, 200);
  EXPECT_EQ(fetched.json()["kind"], "building");
}

TEST_F(OrgNodesTest, ChildrenArePagedById) {
  auto admin = signed_in("admin");
  auto compound = admin->post("/api/v1/org/nodes",
                              json{{"parent_id", node("desheng")}, {"kind", "compound"}, {"name", "德胜北苑"}});
  std::string compound_url = "/api/v1/org/nodes/" + std::to_string(compound.json()["id"].get<std::int64_t>());
  for (int i = 1; i <= 3; ++i) {
    admin->post("/api/v1/org/nodes",
                json{{"parent_id", compound.json()["id"]}, {"kind", "building"}, {"name", std::to_string(i) + "幢"}});
  }
  auto first = admin->get(compound_url + "/children?limit=2").json();
  ASSERT_EQ(first["items"].size(), 2u);
  auto second = admin->get(compound_url + "/children?limit=2&cursor=" + first["next_cursor"].get<std::string>()).json();
  ASSERT_EQ(second["items"].size(), 1u);
  EXPECT_EQ(second["items"][0]["name"], "3幢");
  EXPECT_TRUE(second["next_cursor"].is_null());
}

TEST_F(OrgNodesTest, WrongKindUnderParentIs422) {
  auto admin = signed_in("admin");
  auto reply = admin->post("/api/v1/org/nodes",
                           json{{"parent_id", node("desheng-xincun")}, {"kind", "community"}, {"name", "错层"}});
  EXPECT_EQ(reply.status, 422);
  EXPECT_EQ(reply.error_field(), "kind");
}

TEST_F(OrgNodesTest, UnknownKindIs400) {
  auto admin = signed_in("admin");
  auto reply = admin->post("/api/v1/org/nodes",
                           json{{"parent_id", node("desheng-xincun")}, {"kind", "castle"}, {"name", "城堡"}});
  EXPECT_EQ(reply.status, 400);
  EXPECT_EQ(reply.error_field(), "kind");
}

TEST_F(OrgNodesTest, MissingNodeIs404) {
  auto admin = signed_in("admin");
  EXPECT_EQ(admin->get("/api/v1/org/nodes/999999").status, 404);
  EXPECT_EQ(admin->get("/api/v1/org/nodes/abc").status, 404);
}

TEST_F(OrgNodesTest, DuplicateCodeIs409) {
  auto admin = signed_in("admin");
  auto reply = admin->post(
      "/api/v1/org/nodes",
      json{{"parent_id", node("desheng-xincun")}, {"kind", "building"}, {"name", "1幢"}, {"code", "desheng"}});
  EXPECT_EQ(reply.status, 409);
  EXPECT_EQ(reply.error_field(), "code");
}

TEST_F(OrgNodesTest, CommissionerSeesOwnCompoundButNotTheCommunity) {
  auto client = signed_in("commissioner");
  EXPECT_EQ(client->get("/api/v1/org/nodes/" + std::to_string(node("desheng-xincun"))).status, 200);
  EXPECT_EQ(client->get("/api/v1/org/nodes/" + std::to_string(node("desheng"))).status, 403);
}

TEST_F(OrgNodesTest, CommissionerMayNotCreateNodes) {
  auto client = signed_in("commissioner");
  auto reply = client->post("/api/v1/org/nodes",
                            json{{"parent_id", node("desheng-xincun")}, {"kind", "building"}, {"name", "1幢"}});
  EXPECT_EQ(reply.status, 403);
}

TEST_F(OrgNodesTest, SecretaryMayNotCreateOutsideTheirCommunity) {
  auto admin = signed_in("admin");
  auto other = admin->post("/api/v1/org/nodes",
                           json{{"parent_id", node("street")}, {"kind", "community"}, {"name", "翠玉社区"}});
  ASSERT_EQ(other.status, 201);
  auto secretary = signed_in("secretary");
  auto reply = secretary->post("/api/v1/org/nodes",
                               json{{"parent_id", other.json()["id"]}, {"kind", "compound"}, {"name", "翠玉小区"}});
  EXPECT_EQ(reply.status, 403);
  auto own = secretary->post("/api/v1/org/nodes",
                             json{{"parent_id", node("desheng")}, {"kind", "compound"}, {"name", "德胜东苑"}});
  EXPECT_EQ(own.status, 201);
}

TEST_F(OrgNodesTest, AnonymousIs401) {
  EXPECT_EQ(anonymous()->get("/api/v1/org/nodes/" + std::to_string(node("street"))).status, 401);
}

TEST_F(OrgNodesTest, CreationIsAuditedInTheSameTransaction) {
  auto admin = signed_in("admin");
  auto reply = admin->post("/api/v1/org/nodes",
                           json{{"parent_id", node("desheng-xincun")}, {"kind", "building"}, {"name", "7幢"}});
  std::string entity = "org_node:" + std::to_string(reply.json()["id"].get<std::int64_t>());
  auto audit = admin->get("/api/v1/audit?entity=" + entity).json();
  ASSERT_EQ(audit["items"].size(), 1u);
  EXPECT_EQ(audit["items"][0]["action"], "org.node.create");
  EXPECT_EQ(audit["items"][0]["actor"], "admin");
}
