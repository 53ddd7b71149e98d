// The talent pool over HTTP on the Test seed, on SQLite and PostgreSQL: people tagged in the registry are the
// pool; staff fill in their skills, availability and the node they serve, and list them by tag and by a moment
// they are free, with masked names and addresses; a person without a tag cannot join; another street's person
// or node is not found; bad fields are refused naming them; anonymous callers are refused.
#include <string>

#include "support/engagement_api.hpp"
#include "support/test_server.hpp"

using nlohmann::json;
using weizhi::testing::ApiTest;
using weizhi::testing::HttpClient;
using weizhi::testing::Reply;

class EngagementTalentTest : public ApiTest {
 protected:
  // A new resident of the compound with the given tags, linked to a room there.
  std::int64_t tagged(const std::vector<std::string>& tags, const std::string& compound = "desheng-xincun") {
    return db().write([&](weizhi::store::Tx& tx) {
      weizhi::people::PersonInput input{node(compound), "能人居民"};
      input.tags = tags;
      std::int64_t person = weizhi::people::create_person(tx, data_key(), input);
      std::int64_t part = tx.scalar(
          "SELECT part.id FROM org_nodes part JOIN parts p ON p.node_id = part.id JOIN org_nodes unit ON unit.id = "
          "part.parent_id JOIN org_nodes building ON building.id = unit.parent_id WHERE building.parent_id = ? "
          "ORDER BY part.id LIMIT 1",
          {node(compound)});
      weizhi::people::link_part(tx, part, person, weizhi::people::Relation::Resident, false);
      return person;
    });
  }

  static std::string path(std::int64_t person) { return "/api/v1/talents/" + std::to_string(person); }

  Reply put(HttpClient& client, std::int64_t person, const json& body) {
    return client.send("PUT", path(person), body.dump());
  }

  static json weekday_evenings() {
    return json::parse(R"([{"weekdays": [1, 2, 3, 4, 5], "from": "18:30", "to": "21:00"}])");
  }

  // The people the list answers, by id.
  static std::vector<std::int64_t> ids(const json& list) {
    std::vector<std::int64_t> found;
    for (const auto& item : list["items"]) found.push_back(item["person_id"]);
    return found;
  }

  static bool holds(const std::vector<std::int64_t>& list, std::int64_t id) {
    return std::find(list.begin(), list.end(), id) != list.end();
  }
};

TEST_F(EngagementTalentTest, TaggedPeopleAreThePoolAndStaffFillInWhenTheyCanHelp) {
  std::int64_t mediator = tagged({"gold_mediator"});
  std::int64_t leader = tagged({"building_leader"});
  std::int64_t plain = tagged({});
  auto commissioner = signed_in("commissioner");
  std::string under = "/api/v1/talents?node=" + std::to_string(node("desheng-xincun"));
  auto pool = ids(commissioner->get(under).json());
  EXPECT_TRUE(holds(pool, mediator));
  EXPECT_TRUE(holds(pool, leader));
  EXPECT_FALSE(holds(pool, plain)) << "no tag, not in the pool";

  auto saved = put(*commissioner, mediator, json{{"skills", "调解邻里纠纷"}, {"availability", weekday_evenings()}});
  ASSERT_EQ(saved.status, 200) << saved.body;
  EXPECT_EQ(saved.json()["skills"], "调解邻里纠纷");
  EXPECT_TRUE(saved.json()["active"]);
  EXPECT_TRUE(saved.json()["in_pool"]);
  EXPECT_NE(saved.json()["name"].get<std::string>().find('*'), std::string::npos) << "masked";
  EXPECT_NE(saved.json()["address"].get<std::string>().find("德胜新村"), std::string::npos);
  EXPECT_EQ(db().read()->scalar("SELECT COUNT(*) FROM audit_log WHERE action = 'engagement.talent.save'"), 1);

  auto mediators = commissioner->get(under + "&tag=gold_mediator").json();
  EXPECT_TRUE(holds(ids(mediators), mediator));
  EXPECT_FALSE(holds(ids(mediators), leader));
  // 2026-06-10 is a Wednesday: 19:00 is in the window, 10:00 is not.
  auto evening = ids(commissioner->get(under + "&available_at=2026-06-10T19:00:00%2B08:00").json());
  EXPECT_TRUE(holds(evening, mediator));
  EXPECT_FALSE(holds(evening, leader)) << "no availability filled in";
  EXPECT_FALSE(holds(ids(commissioner->get(under + "&available_at=2026-06-10T10:00:00%2B08:00").json()), mediator));

  auto resting = put(*commissioner, mediator, json{{"availability", weekday_evenings()}, {"active", false}});
  ASSERT_EQ(resting.status, 200) << resting.body;
  EXPECT_FALSE(holds(ids(commissioner->get(under + "&available_at=2026-06-10T19:00:00%2B08:00").json()), mediator))
      << "inactive people are not offered";

  auto refused = put(*commissioner, plain, json{{"availability", weekday_evenings()}});
  EXPECT_EQ(refused.status, 422);
  EXPECT_EQ(refused.error_field(), "person_id");
}

TEST_F(EngagementTalentTest, SomeoneServingTheCommunityIsOfferedToEachOfItsCompounds) {
  std::int64_t mediator = tagged({"gold_mediator"});
  std::int64_t neighbour = tagged({"gold_mediator"});
  auto secretary = signed_in("secretary");
  auto saved = put(*secretary, mediator, json{{"node_id", node("desheng")}, {"availability", weekday_evenings()}});
  ASSERT_EQ(saved.status, 200) << saved.body;
  EXPECT_EQ(saved.json()["node"]["id"], node("desheng"));
  auto under = [&](const std::string& code) {
    return ids(secretary->get("/api/v1/talents?tag=gold_mediator&node=" + std::to_string(node(code))).json());
  };
  EXPECT_TRUE(holds(under("desheng"), mediator));
  EXPECT_TRUE(holds(under("desheng-xincun"), mediator)) << "serving the community above";
  EXPECT_TRUE(holds(under("c-deshengba"), mediator)) << "another compound of the community";
  EXPECT_TRUE(holds(under("desheng-xincun"), neighbour));
  EXPECT_FALSE(holds(under("c-deshengba"), neighbour)) << "serving only their own compound";
  auto commissioner = signed_in("commissioner");
  auto beyond = put(*commissioner, neighbour, json{{"node_id", node("c-deshengba")}, {"availability", json::array()}});
  EXPECT_EQ(beyond.status, 404) << "a node beyond the caller's reach";
  EXPECT_EQ(beyond.error_field(), "node_id");
}

TEST_F(EngagementTalentTest, BadFieldsAreRefusedNamingThemAndReadersDoNotWrite) {
  std::int64_t mediator = tagged({"gold_mediator"});
  auto commissioner = signed_in("commissioner");
  auto field_of = [&](const json& body) {
    auto reply = put(*commissioner, mediator, body);
    EXPECT_EQ(reply.status, 400) << body.dump() << " " << reply.body;
    return reply.error_field();
  };
  EXPECT_EQ(field_of(json{{"skills", "调解"}}), "availability");
  EXPECT_EQ(field_of(json{{"skills", std::string(101, 'x')}, {"availability", json::array()}}), "skills");
  EXPECT_EQ(field_of(json{{"availability", json::parse(R"([{"weekdays": [0], "from": "09:00", "to": "10:00"}])")}}),
            "availability[0]");
  EXPECT_EQ(field_of(json{{"availability", json::array()}, {"active", "yes"}}), "active");
  EXPECT_EQ(field_of(json{{"availability", json::array()}, {"node_id", "desheng"}}), "node_id");
  EXPECT_EQ(field_of(json{{"availability", json::array()}, {"rank", 1}}), "rank");
  std::string under = "/api/v1/talents?node=" + std::to_string(node("desheng-xincun"));
  EXPECT_EQ(commissioner->get(under + "&tag=astronaut").status, 400);
  EXPECT_EQ(commissioner->get(under + "&available_at=tonight").status, 400);
  auto oversize = commissioner->send(
      "PUT", path(mediator), json{{"skills", std::string(3 << 20, 'x')}, {"availability", json::array()}}.dump());
  EXPECT_EQ(oversize.status, 413);
  auto property = signed_in("property");
  EXPECT_EQ(property->get("/api/v1/talents?node=" + std::to_string(node("desheng"))).status, 200)
      << "every staff role reads";
  EXPECT_EQ(put(*property, mediator, json{{"availability", json::array()}}).status, 403);
  EXPECT_EQ(db().read()->scalar("SELECT COUNT(*) FROM talents"), 0);
}

TEST_F(EngagementTalentTest, AnotherStreetsPersonIsNotFoundAndAnonymousCallersAreRefused) {
  auto far = weizhi::testing::other_street(db(), data_key());
  auto admin = signed_in("admin");
  auto theirs = put(*admin, far.person, json{{"availability", weekday_evenings()}});
  EXPECT_EQ(theirs.status, 404);
  EXPECT_EQ(admin->get(path(far.person)).status, 404);
  EXPECT_EQ(admin->get("/api/v1/talents?node=" + std::to_string(far.street)).status, 404);
  EXPECT_FALSE(holds(ids(admin->get("/api/v1/talents").json()), far.person));
  std::int64_t elsewhere = tagged({"gold_mediator"}, "c-deshengba");
  auto commissioner = signed_in("commissioner");
  EXPECT_EQ(put(*commissioner, elsewhere, json{{"availability", json::array()}}).status, 404)
      << "a person of another compound";
  weizhi::testing::expect_anonymous_refused(
      *anonymous(), {{"GET", "/api/v1/talents"}, {"GET", path(elsewhere)}, {"PUT", path(elsewhere)}});
  weizhi::testing::expect_odd_ids_not_found(*admin, "/api/v1/talents");
  EXPECT_EQ(db().read()->scalar("SELECT COUNT(*) FROM talents"), 0);
}
