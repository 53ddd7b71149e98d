// The audit log reader: who may read it, filters and paging, and the log read as people read it
// (action names, people by name, records with links, labelled fields) with the pickers of its filters.
#include "audit/labels.hpp"
#include "support/test_server.hpp"

using nlohmann::json;
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

TEST_F(AuditTest, ARowNamesTheActionThePersonAndTheRecordWithItsLink) {
  auto admin = signed_in("admin");
  std::string me = admin->get("/api/v1/me").json()["display_name"];
  auto created = admin->post("/api/v1/org/nodes",
                             json{{"parent_id", node("desheng-xincun")}, {"kind", "building"}, {"name", "审计幢"}});
  ASSERT_EQ(created.status, 201) << created.body;
  std::int64_t id = created.json()["id"];

  auto items = admin->get("/api/v1/audit?action=org.node.create&limit=1").json()["items"];
  ASSERT_EQ(items.size(), 1u);
  const json& row = items[0];
  EXPECT_EQ(row["action"], "org.node.create");
  EXPECT_EQ(row["action_label"], "新建组织节点");
  EXPECT_EQ(row["actor"], "admin");
  EXPECT_EQ(row["actor_name"], me);
  EXPECT_EQ(row["entity_ref"]["kind"], "org_node");
  EXPECT_EQ(row["entity_ref"]["id"], id);
  EXPECT_EQ(row["entity_ref"]["label"], "组织节点“审计幢”");
  EXPECT_EQ(row["entity_ref"]["link"], "/org/nodes/" + std::to_string(id));
  ASSERT_TRUE(row["summary_fields"].is_array());
  bool named = false;
  for (const auto& field : row["summary_fields"]) {
    EXPECT_EQ(row["summary"][field["key"].get<std::string>()], field["value"]);
    if (field["key"] == "name") named = field["label"] == "名称" && field["value"] == "审计幢";
  }
  EXPECT_TRUE(named) << row["summary_fields"].dump();
}

TEST_F(AuditTest, SignInsAreNamedAfterTheAccountAndTheSeedAfterTheCommandLine) {
  auto supervisor = signed_in("supervisor");
  auto sign_in = supervisor->get("/api/v1/audit?action=session.create&actor=supervisor&limit=1").json()["items"];
  ASSERT_EQ(sign_in.size(), 1u);
  EXPECT_EQ(sign_in[0]["action_label"], "登录");
  EXPECT_EQ(sign_in[0]["entity_ref"]["label"], "账号“" + sign_in[0]["actor_name"].get<std::string>() + "”");
  EXPECT_EQ(sign_in[0]["entity_ref"]["link"], "/users");
  auto seeded = supervisor->get("/api/v1/audit?actor=cli:seed&limit=1").json()["items"];
  ASSERT_EQ(seeded.size(), 1u);
  EXPECT_EQ(seeded[0]["actor_name"], "命令行（seed）");
}

TEST_F(AuditTest, FiltersByActionAndEveryRowHasIt) {
  auto admin = signed_in("admin");
  signed_in("commissioner");
  auto items = admin->get("/api/v1/audit?action=session.create").json()["items"];
  ASSERT_GE(items.size(), 2u);
  for (const auto& item : items) EXPECT_EQ(item["action"], "session.create");
  EXPECT_TRUE(admin->get("/api/v1/audit?action=no.such.action").json()["items"].empty());
}

TEST_F(AuditTest, ThePickerListsEveryNamedActionAndPeopleByName) {
  auto supervisor = signed_in("supervisor");
  auto actions = supervisor->get("/api/v1/audit/actions").json()["items"];
  ASSERT_EQ(actions.size(), weizhi::audit::action_labels().size());
  EXPECT_EQ(actions[0], (json{{"action", "session.create"}, {"label", "登录"}}));

  auto everyone = supervisor->get("/api/v1/audit/actors").json()["items"];
  ASSERT_GE(everyone.size(), 2u);
  EXPECT_EQ(everyone[0], (json{{"actor", "system"}, {"name", "系统"}}));
  std::string commissioner_name = signed_in("commissioner")->get("/api/v1/me").json()["display_name"];
  auto found = supervisor->get("/api/v1/audit/actors?q=commissio").json()["items"];
  ASSERT_EQ(found.size(), 1u) << found.dump();
  EXPECT_EQ(found[0], (json{{"actor", "commissioner"}, {"name", commissioner_name}}));
}

TEST_F(AuditTest, APickerSearchIsTextNotAWildcard) {
  auto admin = signed_in("admin");
  EXPECT_TRUE(admin->get("/api/v1/audit/actors?q=%25").json()["items"].empty()) << "no name holds a %";
  EXPECT_TRUE(admin->get("/api/v1/audit/actors?q=_").json()["items"].empty()) << "no name holds an _";
}

TEST_F(AuditTest, OverlongOrEmptyFiltersNameTheField) {
  auto admin = signed_in("admin");
  auto empty = admin->get("/api/v1/audit?action=");
  EXPECT_EQ(empty.status, 400);
  EXPECT_EQ(empty.error_field(), "action");
  auto long_actor = admin->get("/api/v1/audit?actor=" + std::string(201, 'a'));
  EXPECT_EQ(long_actor.status, 400);
  EXPECT_EQ(long_actor.error_field(), "actor");
  EXPECT_EQ(admin->get("/api/v1/audit/actors?q=" + std::string(201, 'a')).error_field(), "q");
}

TEST_F(AuditTest, ThePickersAreForAuditReadersOnly) {
  auto resident = signed_in("resident");
  EXPECT_EQ(resident->get("/api/v1/audit/actions").status, 403);
  EXPECT_EQ(resident->get("/api/v1/audit/actors").status, 403);
  EXPECT_EQ(anonymous()->get("/api/v1/audit/actors").status, 401);
}
