// Hostile input: oversized, deeply nested, malformed or injection-shaped requests are refused
// cleanly (or stored verbatim) and the server stays up; a tampered audit log is detected.
#include <fstream>
#include <set>
#include <sstream>

#include "app/modules.hpp"
#include "audit/audit.hpp"
#include "http/router.hpp"
#include "support/escaping_paths.hpp"
#include "support/test_server.hpp"

using nlohmann::json;
using weizhi::testing::ApiTest;
using weizhi::testing::paths_escaping_to;

class HostileInputTest : public ApiTest {
 protected:
  // The server still answers after whatever came before (on a new connection).
  void expect_still_up() {
    auto reply = anonymous()->get("/healthz");
    EXPECT_EQ(reply.status, 200) << "server no longer answers /healthz";
  }

  std::int64_t org_node_count() { return db().read()->scalar("SELECT COUNT(*) FROM org_nodes"); }

  std::string node_path(std::int64_t id) { return "/api/v1/org/nodes/" + std::to_string(id); }

  // A few audited writes through the API, so the chain holds rows written by the server.
  void write_some_nodes(int count) {
    auto admin = signed_in("admin");
    for (int i = 1; i <= count; ++i) {
      auto reply = admin->post(
          "/api/v1/org/nodes",
          json{{"parent_id", node("desheng-xincun")}, {"kind", "building"}, {"name", std::to_string(i) + "幢"}});
      ASSERT_EQ(reply.status, 201) << reply.body;
    }
  }
};

TEST_F(HostileInputTest, JsonNestedTwoHundredThousandDeepIsInvalidJsonAndServerStaysUp) {
  std::string body = std::string(200000, '[') + std::string(200000, ']');
  auto reply = anonymous()->post("/api/v1/session", body);
  EXPECT_EQ(reply.status, 400) << reply.body;
  EXPECT_EQ(reply.error_code(), "invalid_json");
  expect_still_up();
}

TEST_F(HostileInputTest, TenMegabyteBodyIsPayloadTooLargeAndServerStaysUp) {
  auto admin = signed_in("admin");
  std::string name(10 * 1024 * 1024, 'a');
  auto reply = admin->post("/api/v1/org/nodes",
                           json{{"parent_id", node("desheng-xincun")}, {"kind", "building"}, {"name", name}});
  EXPECT_EQ(reply.status, 413) << reply.body.substr(0, 500);
  EXPECT_EQ(reply.error_code(), "payload_too_large");
  expect_still_up();
}

TEST_F(HostileInputTest, OneMebibyteHeaderIsRefusedOrDroppedAndServerStaysUp) {
  auto reply = anonymous()->send("GET", "/healthz", "", {"X-Big: " + std::string(1024 * 1024, 'a')});
  EXPECT_TRUE(reply.status == 0 || reply.status >= 400)
      << "a 1 MiB header was accepted: " << reply.status << " " << reply.body.substr(0, 500);
  expect_still_up();
}

TEST_F(HostileInputTest, InvalidUtf8InsideAJsonStringIsInvalidJson) {
  std::string body = "{\"login\":\"admin\xff\xfe\",\"password\":\"weizhi-demo\"}";
  auto reply = anonymous()->post("/api/v1/session", body);
  EXPECT_EQ(reply.status, 400) << reply.body;
  EXPECT_EQ(reply.error_code(), "invalid_json");
}

TEST_F(HostileInputTest, NameWithQuotesBackslashesSqlAndChineseIsStoredVerbatim) {
  const std::string name = "'; DROP TABLE org_nodes; -- \"\\ 1幢 OR 1=1 `%s` \\\" ';";
  auto admin = signed_in("admin");
  auto created = admin->post("/api/v1/org/nodes",
                             json{{"parent_id", node("desheng-xincun")}, {"kind", "building"}, {"name", name}});
  ASSERT_EQ(created.status, 201) << created.body;
  EXPECT_EQ(created.json()["name"], name);
  auto fetched = admin->get(node_path(created.json()["id"].get<std::int64_t>()));
  ASSERT_EQ(fetched.status, 200) << fetched.body;
  EXPECT_EQ(fetched.json()["name"], name);
  auto stored =
      db().read()->query_one("SELECT name FROM org_nodes WHERE id = ?", {created.json()["id"].get<std::int64_t>()});
  ASSERT_TRUE(stored.has_value());
  EXPECT_EQ(stored->text(0), name);
}

TEST_F(HostileInputTest, UnknownFieldIsRefusedNamingItAndNothingIsWritten) {
  auto admin = signed_in("admin");
  std::int64_t before = org_node_count();
  auto reply = admin->post(
      "/api/v1/org/nodes",
      json{{"parent_id", node("desheng-xincun")}, {"kind", "building"}, {"name", "1幢"}, {"is_admin", true}});
  EXPECT_EQ(reply.status, 400) << reply.body;
  EXPECT_EQ(reply.error_code(), "unknown_field");
  EXPECT_EQ(reply.error_field(), "is_admin");
  EXPECT_EQ(org_node_count(), before);
}

TEST_F(HostileInputTest, MissingNameIsRefusedNamingItAndNothingIsWritten) {
  auto admin = signed_in("admin");
  std::int64_t before = org_node_count();
  auto reply = admin->post("/api/v1/org/nodes", json{{"parent_id", node("desheng-xincun")}, {"kind", "building"}});
  EXPECT_EQ(reply.status, 400) << reply.body;
  EXPECT_EQ(reply.error_field(), "name");
  EXPECT_EQ(org_node_count(), before);
}

TEST_F(HostileInputTest, ParentIdAsStringIsRefusedNamingItAndNothingIsWritten) {
  auto admin = signed_in("admin");
  std::int64_t before = org_node_count();
  auto reply =
      admin->post("/api/v1/org/nodes",
                  json{{"parent_id", std::to_string(node("desheng-xincun"))}, {"kind", "building"}, {"name", "1幢"}});
  EXPECT_EQ(reply.status, 400) << reply.body;
  EXPECT_EQ(reply.error_field(), "parent_id");
  EXPECT_EQ(org_node_count(), before);
}

TEST_F(HostileInputTest, UnknownApiRouteIsJson404) {
  auto reply = anonymous()->get("/api/v1/nope");
  EXPECT_EQ(reply.status, 404);
  EXPECT_NE(reply.headers["content-type"].find("application/json"), std::string::npos) << reply.headers["content-type"];
  EXPECT_EQ(reply.error_code(), "not_found");
}

TEST_F(HostileInputTest, WrongMethodIs405WithAllowHeader) {
  auto reply = anonymous()->send("PUT", "/api/v1/session", "{}");
  EXPECT_EQ(reply.status, 405) << reply.body;
  EXPECT_EQ(reply.error_code(), "method_not_allowed");
  ASSERT_TRUE(reply.headers.count("allow")) << "no Allow header";
  EXPECT_NE(reply.headers["allow"].find("POST"), std::string::npos) << reply.headers["allow"];
  EXPECT_NE(reply.headers["allow"].find("DELETE"), std::string::npos) << reply.headers["allow"];
}

TEST_F(HostileInputTest, MalformedPercentEscapeInPathIs400AndServerStaysUp) {
  auto reply = signed_in("admin")->get("/api/v1/org/nodes/%zz");
  EXPECT_EQ(reply.status, 400) << reply.body;
  EXPECT_EQ(reply.error_code(), "invalid_url");
  expect_still_up();
}

TEST_F(HostileInputTest, AlteredAuditRowBreaksTheChainAtThatRow) {
  write_some_nodes(3);
  ASSERT_TRUE(weizhi::audit::verify(*db().read()).intact) << "chain broken before tampering";
  auto original = db().read()->query_one("SELECT summary FROM audit_log WHERE seq = 2");
  ASSERT_TRUE(original.has_value());
  ASSERT_NE(original->text(0), "{}");

  EXPECT_EQ(db().read()->exec("UPDATE audit_log SET summary = '{}' WHERE seq = 2"), 1);

  auto result = weizhi::audit::verify(*db().read());
  EXPECT_FALSE(result.intact);
  ASSERT_TRUE(result.first_broken_seq.has_value());
  EXPECT_EQ(*result.first_broken_seq, 2);
}

TEST_F(HostileInputTest, DeletedAuditRowBreaksTheChainAtThatRow) {
  write_some_nodes(3);
  ASSERT_TRUE(weizhi::audit::verify(*db().read()).intact) << "chain broken before tampering";

  EXPECT_EQ(db().read()->exec("DELETE FROM audit_log WHERE seq = 3"), 1);

  auto result = weizhi::audit::verify(*db().read());
  EXPECT_FALSE(result.intact);
  ASSERT_TRUE(result.first_broken_seq.has_value());
  EXPECT_EQ(*result.first_broken_seq, 3);
}

TEST_F(HostileInputTest, PathsOutOfTheWebRootUnderEveryRouteFamilyAre4xxAndNeverTheFile) {
  // Every registered route's fixed prefix, so a module added later is tried too.
  weizhi::http::Router router;
  for (const auto& module : weizhi::app::all_modules()) {
    if (module.routes) module.routes(router);
  }
  std::set<std::string> families = {""};
  for (const auto& pattern : router.patterns()) {
    std::string prefix = pattern.substr(0, pattern.find('{'));
    while (!prefix.empty() && prefix.back() == '/') prefix.pop_back();
    families.insert(prefix);
  }
  ASSERT_GT(families.size(), 20u);
  std::stringstream key;
  key << std::ifstream(settings_.data_key_file).rdbuf();
  ASSERT_GE(key.str().size(), 64u);
  std::vector<std::string> paths = paths_escaping_to("/etc/passwd");
  for (const auto& path : paths_escaping_to(settings_.data_key_file)) paths.push_back(path);
  auto admin = signed_in("admin");
  for (const auto& family : families) {
    for (const auto& path : paths) {
      auto reply = admin->get(family + path);
      EXPECT_TRUE(reply.status >= 400 && reply.status < 500) << family + path << " → " << reply.status;
      EXPECT_EQ(reply.body.find("root:"), std::string::npos) << family + path << " served /etc/passwd";
      EXPECT_EQ(reply.body.find(key.str().substr(0, 64)), std::string::npos) << family + path << " served the key";
    }
  }
  expect_still_up();
}

TEST_F(HostileInputTest, NineKibibyteUrlIsJson414AndServerStaysUp) {
  auto reply = anonymous()->get("/api/v1/org/nodes?name=" + std::string(9 * 1024, 'a'));
  EXPECT_EQ(reply.status, 414) << reply.body.substr(0, 500);
  EXPECT_EQ(reply.error_code(), "uri_too_long");
  EXPECT_EQ(anonymous()->get("/" + std::string(9 * 1024, 'b')).status, 414);
  expect_still_up();
}
