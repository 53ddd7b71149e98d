// Open311 GeoReport v2 over HTTP on the Test seed: the public service list and definitions, filing
// a request with a form body and an api_key made by `weizhi token add`, the spec's error form for
// keys, codes and locations, and reading requests by id, status and service code. Also the
// `weizhi token add` command itself: the printed token works as a Bearer token; a bad role or
// node writes nothing.
#include <string>

#include "auth/accounts.hpp"
#include "core/error.hpp"
#include "support/test_server.hpp"

using nlohmann::json;
using weizhi::testing::ApiTest;
using weizhi::testing::HttpClient;
using weizhi::testing::Reply;

class Open311Test : public ApiTest {
 protected:
  // What `weizhi token add NAME --role ROLE --scope NODE` does, returning the printed token.
  std::string token_add(const std::string& name, std::optional<std::string> role, std::optional<std::int64_t> scope) {
    return db().write([&](weizhi::store::Tx& tx) {
      return weizhi::auth::add_token(tx, weizhi::auth::TokenRequest{name, role, scope, std::nullopt}, "cli:token-add")
          .token;
    });
  }
  // A key of a grid member's machine account over 德胜新村.
  std::string grid_key() { return token_add("city-app", "grid_member", node("desheng-xincun")); }

  Reply post_form(const std::string& form) {
    return anonymous()->send("POST", "/open311/v2/requests.json", form,
                             {"Content-Type: application/x-www-form-urlencoded"});
  }

  // The spec's error form with the status: [{"code": status, "description": "…"}].
  static void expect_spec_error(const Reply& reply, int status, const std::string& mentions) {
    EXPECT_EQ(reply.status, status) << reply.body;
    json body = reply.json();
    ASSERT_TRUE(body.is_array() && body.size() == 1) << reply.body;
    EXPECT_EQ(body[0]["code"], status);
    EXPECT_NE(body[0]["description"].get<std::string>().find(mentions), std::string::npos) << reply.body;
  }

  std::string file(const std::string& key, const std::string& extra = "") {
    auto reply = post_form("api_key=" + key + "&service_code=street-lamp&lat=30.29&long=120.15" +
                           "&description=%E8%B7%AF%E7%81%AF%E4%B8%8D%E4%BA%AE&attribute%5Bcompound%5D=" +
                           std::to_string(node("desheng-xincun")) + extra);
    EXPECT_EQ(reply.status, 201) << reply.body;
    return reply.json()[0]["service_request_id"];
  }
};

TEST_F(Open311Test, ServicesListTheStreetsFiftySevenItemsToAnyone) {
  auto reply = anonymous()->get("/open311/v2/services.json");
  ASSERT_EQ(reply.status, 200) << reply.body;
  json services = reply.json();
  ASSERT_EQ(services.size(), 57u);
  for (const auto& service : services) {
    for (const char* key : {"service_code", "service_name", "description", "metadata", "type", "keywords", "group"}) {
      EXPECT_TRUE(service.contains(key)) << key;
    }
    EXPECT_EQ(service["type"], "realtime");
    EXPECT_EQ(service["metadata"], true);
  }
  EXPECT_EQ(
      anonymous()->get("/open311/v2/services.json?jurisdiction_id=" + std::to_string(node("street"))).json().size(),
      57u);
  expect_spec_error(anonymous()->get("/open311/v2/services.json?jurisdiction_id=nowhere"), 400, "jurisdiction_id");
  expect_spec_error(anonymous()->get("/open311/v2/services.xml"), 400, "JSON");
}

TEST_F(Open311Test, AServiceDefinitionOffersTheCompoundsOfTheStreet) {
  auto reply = anonymous()->get("/open311/v2/services/street-lamp.json");
  ASSERT_EQ(reply.status, 200) << reply.body;
  json definition = reply.json();
  EXPECT_EQ(definition["service_code"], "street-lamp");
  const json& compound = definition["attributes"][0];
  EXPECT_EQ(compound["code"], "compound");
  EXPECT_EQ(compound["datatype"], "singlevaluelist");
  bool listed = false;
  for (const auto& value : compound["values"])
    listed = listed || value["key"] == std::to_string(node("desheng-xincun"));
  EXPECT_TRUE(listed) << reply.body;
  expect_spec_error(anonymous()->get("/open311/v2/services/no-such-item.json"), 404, "no-such-item");
}

TEST_F(Open311Test, AFormPostCreatesACaseOnTheOpen311Channel) {
  std::string id = file(
      grid_key(),
      "&address_string=%E5%BE%B7%E8%83%9C%E6%96%B0%E6%9D%91+3%E5%B9%A2&media_url=https%3A%2F%2Fexample.org%2Fa.jpg&phone=13812345678");
  auto seen = signed_in("admin")->get("/api/v1/cases/" + id);
  ASSERT_EQ(seen.status, 200) << seen.body;
  EXPECT_EQ(seen.json()["channel"], "open311");
  EXPECT_EQ(seen.json()["item"]["code"], "street-lamp");
  EXPECT_EQ(seen.json()["compound"]["id"], node("desheng-xincun"));
  // 路灯 is a task the company of 德胜新村 holds, so the request went to its manager at once, as on every channel
  // (docs/modules/cases.md#who-works-a-new-case-first).
  EXPECT_EQ(seen.json()["state"], "assigned");
  EXPECT_EQ(seen.json()["assignee_name"], "物业项目经理（演示）");
  // The form's percent escapes and + are decoded.
  EXPECT_EQ(seen.json()["description"], "路灯不亮");
  // The machine account reported it; the phone number was not kept anywhere.
  auto lease = db().read();
  EXPECT_EQ(lease
                ->query_one("SELECT u.login FROM cases x JOIN users u ON u.id = x.reporter_user_id WHERE x.id = ?",
                            {std::stoll(id)})
                ->text(0),
            "token:city-app");
  auto extra = lease->query_one("SELECT lat, lon, media_url, address_string FROM open311_requests WHERE case_id = ?",
                                {std::stoll(id)});
  ASSERT_TRUE(extra.has_value());
  EXPECT_DOUBLE_EQ(extra->real(0), 30.29);
  EXPECT_EQ(extra->text(2), "https://example.org/a.jpg");
  EXPECT_EQ(extra->text(3), "德胜新村 3幢");
  EXPECT_FALSE(lease
                   ->query_one("SELECT case_id FROM open311_requests WHERE address_string LIKE '%13812345678%' OR "
                               "media_url LIKE '%13812345678%' OR device_id LIKE '%13812345678%'")
                   .has_value());
}

TEST_F(Open311Test, TheCompoundMayComeFromTheAddressOrFromJson) {
  std::string key = token_add("street-app", "grid_member", node("street"));
  // Scoped to the whole street: the compound is the one named in address_string.
  auto by_address = post_form("api_key=" + key + "&service_code=street-lamp&address_string=" +
                              "%E5%BE%B7%E8%83%9C%E6%96%B0%E6%9D%91%E4%B8%9C%E9%97%A8&description=x");
  ASSERT_EQ(by_address.status, 201) << by_address.body;
  auto seen = signed_in("admin")->get("/api/v1/cases/" + by_address.json()[0]["service_request_id"].get<std::string>());
  EXPECT_EQ(seen.json()["compound"]["id"], node("desheng-xincun"));
  expect_spec_error(post_form("api_key=" + key + "&service_code=street-lamp&lat=30.2&long=120.1&description=x"), 400,
                    "address_string");
  // A JSON body works too.
  auto json_body =
      anonymous()->post("/open311/v2/requests.json", json{{"api_key", key},
                                                          {"service_code", "street-lamp"},
                                                          {"lat", 30.2},
                                                          {"long", 120.1},
                                                          {"description", "路灯"},
                                                          {"attribute", {{"compound", node("desheng-xincun")}}}});
  EXPECT_EQ(json_body.status, 201) << json_body.body;
}

TEST_F(Open311Test, KeysCodesAndLocationsAreCheckedInTheSpecsErrorForm) {
  std::string key = grid_key();
  std::string compound = "&attribute%5Bcompound%5D=" + std::to_string(node("desheng-xincun"));
  expect_spec_error(post_form("service_code=street-lamp&lat=30.2&long=120.1&description=x" + compound), 403, "api_key");
  // A form that does not decode is refused before anything else is read.
  expect_spec_error(post_form("api_key=" + key + "&description=%zz"), 400, "x-www-form-urlencoded");
  expect_spec_error(
      post_form("api_key=wzt_forged&service_code=street-lamp&lat=30.2&long=120.1&description=x" + compound), 403,
      "api_key");
  expect_spec_error(post_form("api_key=" + key + "&service_code=no-such&lat=30.2&long=120.1&description=x" + compound),
                    400, "service_code");
  expect_spec_error(post_form("api_key=" + key + "&service_code=street-lamp&description=x" + compound), 400,
                    "address_string");
  expect_spec_error(
      post_form("api_key=" + key + "&service_code=street-lamp&lat=95&long=120.1&description=x" + compound), 400, "lat");
  expect_spec_error(post_form("api_key=" + key + "&service_code=street-lamp&lat=30.2&long=120.1" + compound), 400,
                    "描述");
  // A key whose account may not report cases there (a supervisor reads, never reports).
  std::string reader = token_add("watcher", "supervisor", node("street"));
  expect_spec_error(
      post_form("api_key=" + reader + "&service_code=street-lamp&lat=30.2&long=120.1&description=x" + compound), 403,
      "权限");
  // A key without roles reads nothing; reading needs a key at all.
  std::string bare = token_add("bare", std::nullopt, std::nullopt);
  expect_spec_error(anonymous()->get("/open311/v2/requests.json?api_key=" + bare), 403, "cases.read");
  expect_spec_error(anonymous()->get("/open311/v2/requests.json"), 403, "api_key");
  auto count = db().read()->scalar("SELECT COUNT(*) FROM open311_requests");
  EXPECT_EQ(count, 0);
}

TEST_F(Open311Test, RequestsAreFoundByIdStatusAndServiceCode) {
  std::string key = grid_key();
  std::string lamp = file(key);
  std::string other = file(key);
  auto clutter =
      post_form("api_key=" + key +
                "&service_code=stairwell-clutter&address_string=%E5%BE%B7%E8%83%9C%E6%96%B0%E6%9D%91&description=x");
  ASSERT_EQ(clutter.status, 201) << clutter.body;
  std::string clutter_id = clutter.json()[0]["service_request_id"];
  // The commissioner closes one without a fix, with a reason.
  auto commissioner = signed_in("commissioner");
  auto closed = commissioner->post("/api/v1/cases/" + other + "/transition",
                                   json{{"to", "closed_not_fixed"}, {"reason", "路灯属市政管理"}});
  ASSERT_EQ(closed.status, 200) << closed.body;

  std::string base = "/open311/v2/requests.json?api_key=" + key;
  auto one = anonymous()->get(base + "&service_request_id=" + lamp + "," + clutter_id);
  ASSERT_EQ(one.status, 200) << one.body;
  json found = one.json();
  ASSERT_EQ(found.size(), 2u);
  const json& first = found[0];
  EXPECT_EQ(first["service_request_id"], clutter_id);
  EXPECT_EQ(first["status"], "open");
  EXPECT_EQ(first["service_code"], "stairwell-clutter");
  for (const char* key_name :
       {"status_notes", "service_name", "description", "agency_responsible", "requested_datetime", "updated_datetime",
        "expected_datetime", "address", "lat", "long", "media_url"}) {
    EXPECT_TRUE(first.contains(key_name)) << key_name;
  }
  EXPECT_EQ(found[1]["lat"], 30.29);

  auto closed_list = anonymous()->get(base + "&status=closed&service_code=street-lamp");
  ASSERT_EQ(closed_list.status, 200) << closed_list.body;
  ASSERT_EQ(closed_list.json().size(), 1u) << closed_list.body;
  EXPECT_EQ(closed_list.json()[0]["service_request_id"], other);
  EXPECT_EQ(closed_list.json()[0]["status"], "closed");
  EXPECT_NE(closed_list.json()[0]["status_notes"].get<std::string>().find("路灯属市政管理"), std::string::npos);

  bool lamp_listed = false;
  for (const auto& request : anonymous()->get(base + "&status=open&service_code=street-lamp").json()) {
    EXPECT_EQ(request["status"], "open");
    EXPECT_EQ(request["service_code"], "street-lamp");
    lamp_listed = lamp_listed || request["service_request_id"] == lamp;
  }
  EXPECT_TRUE(lamp_listed);
  // A window in the past finds none of them.
  auto old = anonymous()->get(
      base + "&service_code=street-lamp&start_date=2020-01-01T00:00:00%2B08:00&end_date=2020-02-01T00:00:00Z");
  ASSERT_EQ(old.status, 200) << old.body;
  EXPECT_TRUE(old.json().empty());
  expect_spec_error(anonymous()->get(base + "&start_date=yesterday"), 400, "start_date");
  expect_spec_error(anonymous()->get(base + "&status=pending"), 400, "status");

  auto single = anonymous()->get("/open311/v2/requests/" + other + ".json?api_key=" + key);
  ASSERT_EQ(single.status, 200) << single.body;
  ASSERT_EQ(single.json().size(), 1u);
  EXPECT_EQ(single.json()[0]["status"], "closed");
  expect_spec_error(anonymous()->get("/open311/v2/requests/999999.json?api_key=" + key), 404, "999999");
}

TEST_F(Open311Test, TokenAddMakesAMachineAccountWhoseTokenWorksAsBearer) {
  std::string token = token_add("gate-sync", "grid_member", node("desheng-xincun"));
  auto client = anonymous();
  client->set_bearer(token);
  auto me = client->get("/api/v1/me");
  ASSERT_EQ(me.status, 200) << me.body;
  EXPECT_EQ(me.json()["login"], "token:gate-sync");
  EXPECT_EQ(me.json()["roles"][0]["role"], "grid_member");
  EXPECT_EQ(me.json()["roles"][0]["scope_node_id"], node("desheng-xincun"));
  // The machine account cannot sign in with a password, whatever is tried.
  EXPECT_EQ(anonymous()->login("token:gate-sync", "!").status, 401);
  auto lease = db().read();
  EXPECT_TRUE(
      lease->query_one("SELECT seq FROM audit_log WHERE action = 'api_token.create' AND actor = 'cli:token-add'")
          .has_value());
}

TEST_F(Open311Test, TokenAddRefusesABadRoleOrNodeAndWritesNothing) {
  auto users = [&] { return db().read()->scalar("SELECT COUNT(*) FROM users"); };
  auto before = users();
  try {
    token_add("broken", "mayor", node("street"));
    ADD_FAILURE() << "an unknown role was accepted";
  } catch (const weizhi::ApiError& error) {
    EXPECT_EQ(error.status(), 400);
    EXPECT_EQ(error.field(), "role");
  }
  try {
    token_add("broken", "grid_member", 999999);
    ADD_FAILURE() << "an unknown node was accepted";
  } catch (const weizhi::ApiError& error) {
    EXPECT_EQ(error.status(), 404);
  }
  EXPECT_EQ(users(), before);
  EXPECT_EQ(db().read()->scalar("SELECT COUNT(*) FROM api_tokens"), 0);
  // --login attaches a token to an existing account instead.
  std::string token = db().write([&](weizhi::store::Tx& tx) {
    return weizhi::auth::add_token(tx, weizhi::auth::TokenRequest{"bench", std::nullopt, std::nullopt, "admin"},
                                   "cli:token-add")
        .token;
  });
  auto client = anonymous();
  client->set_bearer(token);
  EXPECT_EQ(client->get("/api/v1/me").json()["login"], "admin");
}

// Keys of 德胜新村 and of 德胜社区 with the compounds and places of others: refused in the spec's
// form, nothing written, and another compound's request is not read through them.
TEST_F(Open311Test, CompoundsAndPlacesOutsideTheKeysScopeAreRefusedAndNothingIsWritten) {
  std::string compound_key = grid_key();
  std::string community_key = token_add("community-app", "community_secretary", node("desheng"));
  auto admin = signed_in("admin");
  auto count = [&] { return admin->get("/api/v1/cases?limit=500").json()["items"].size(); };
  auto request = [&](const std::string& key, const json& extra) {
    json body{{"api_key", key},
              {"service_code", "street-lamp"},
              {"lat", 30.29},
              {"long", 120.15},
              {"description", "路灯不亮"}};
    for (auto& [name, value] : extra.items()) body[name] = value;
    return anonymous()->post("/open311/v2/requests.json", body);
  };
  auto in = [&](const std::string& compound) { return json{{"compound", node(compound)}}; };
  std::size_t before = count();

  expect_spec_error(request(compound_key, {{"attribute", in("c-deshengba")}}), 403, "");
  expect_spec_error(request(community_key, {{"attribute", in("dong-er-dong-san")}}), 403, "");
  // The key's own compound, with the place of another.
  expect_spec_error(request(compound_key, {{"address_string", "德胜坝小区 2 幢路灯"}}), 400, "address_string");
  expect_spec_error(request(community_key, {{"attribute", in("desheng-xincun")}, {"address_string", "东二东三苑北门"}}),
                    400, "address_string");
  expect_spec_error(request(compound_key, {{"jurisdiction_id", "no-such-street"}}), 400, "jurisdiction_id");
  EXPECT_EQ(count(), before);
  EXPECT_EQ(db().read()->scalar("SELECT COUNT(*) FROM open311_requests"), 0);

  auto theirs = admin->post(
      "/api/v1/cases",
      json{{"item_code", "street-lamp"}, {"compound_id", node("c-deshengba")}, {"description", "路灯不亮"}});
  ASSERT_EQ(theirs.status, 201) << theirs.body;
  std::string id = std::to_string(theirs.json()["id"].get<std::int64_t>());
  auto listed = anonymous()->get("/open311/v2/requests.json?api_key=" + compound_key + "&service_request_id=" + id);
  ASSERT_EQ(listed.status, 200) << listed.body;
  EXPECT_TRUE(listed.json().empty()) << listed.body;
  expect_spec_error(anonymous()->get("/open311/v2/requests/" + id + ".json?api_key=" + compound_key), 403, "api_key");
}
