// Committees over HTTP on the Test seed: the street's policy, a committee with its term and ten
// duties, members with positions and origins, the party-member share shown when short, ordered
// alternates promoted when a member leaves (audited), and the permission and input checks.
#include "support/test_server.hpp"

using nlohmann::json;
using weizhi::testing::ApiTest;

class CommitteesTest : public ApiTest {
 protected:
  // People of 德胜新村, party members or not, in id order.
  std::vector<std::int64_t> people(bool party_member, int how_many) {
    auto lease = db().read();
    std::vector<std::int64_t> ids;
    for (
        const auto& row : lease->query(
            "SELECT id FROM people WHERE party_member = ? AND is_developer = 0 AND home_node_id = ? ORDER BY id LIMIT ?",
            {party_member ? 1 : 0, node("desheng-xincun"), how_many})) {
      ids.push_back(row.i64(0));
    }
    EXPECT_EQ(static_cast<int>(ids.size()), how_many);
    return ids;
  }
  json create(const std::string& login = "secretary") {
    auto created = signed_in(login)->post(
        "/api/v1/committees", json{{"compound_id", node("desheng-xincun")}, {"term_starts_on", "2024-03-01"}});
    EXPECT_EQ(created.status, 201) << created.body;
    return created.json();
  }
  std::string path(const json& committee, const std::string& rest = "") {
    return "/api/v1/committees/" + std::to_string(committee["id"].get<std::int64_t>()) + rest;
  }
};

TEST_F(CommitteesTest, CommitteeHasTheStreetTermAndTenDuties) {
  json committee = create();
  EXPECT_EQ(committee["term_starts_on"], "2024-03-01");
  EXPECT_EQ(committee["term_ends_on"], "2029-02-28");
  EXPECT_EQ(committee["duties"].size(), 10u);
  EXPECT_TRUE(committee["members"].empty());
  EXPECT_FALSE(committee["party_share"]["met"]);
  auto again =
      signed_in("secretary")
          ->post("/api/v1/committees", json{{"compound_id", node("desheng-xincun")}, {"term_starts_on", "2024-03-01"}});
  EXPECT_EQ(again.status, 409);
}

TEST_F(CommitteesTest, StreetPolicyChangesTermAndShare) {
  auto admin = signed_in("admin");
  std::string policy_path = "/api/v1/committee-policies/" + std::to_string(node("street"));
  EXPECT_EQ(admin->get(policy_path).json()["party_share_percent"], 60);
  json policy{{"term_years", 3},
              {"duties", {"职责一", "职责二"}},
              {"party_share_percent", 50},
              {"commissioner_joins", "if_elected"},
              {"publicity_days", 7}};
  auto saved = admin->send("PUT", policy_path, policy.dump());
  ASSERT_EQ(saved.status, 200) << saved.body;
  json committee = create();
  EXPECT_EQ(committee["term_ends_on"], "2027-02-28");
  EXPECT_EQ(committee["duties"], json({"职责一", "职责二"}));
  EXPECT_EQ(committee["party_share"]["required_percent"], 50);

  policy["party_share_percent"] = 101;
  auto refused = admin->send("PUT", policy_path, policy.dump());
  EXPECT_EQ(refused.status, 400);
  EXPECT_EQ(refused.json()["error"]["field"], "party_share_percent");
  EXPECT_EQ(signed_in("secretary")->send("PUT", policy_path, policy.dump()).status, 403);
}

TEST_F(CommitteesTest, PartyShareShortfallIsShownUntilMet) {
  json committee = create();
  auto secretary = signed_in("secretary");
  auto party = people(true, 3);
  auto others = people(false, 2);
  auto add = [&](std::int64_t person, const char* position, const char* origin) {
    return secretary->post(path(committee, "/members"),
                           json{{"person_id", person}, {"position", position}, {"origin", origin}});
  };
  ASSERT_EQ(add(others[0], "director", "social_worker").status, 201);
  ASSERT_EQ(add(others[1], "member", "building_leader").status, 201);
  json shown = add(party[0], "deputy", "resident_group_leader").json();
  // 1 of 3 is below 60 %: one more of the three would have to be a party member.
  EXPECT_FALSE(shown["party_share"]["met"]);
  EXPECT_EQ(shown["party_share"]["shortfall"], 1);
  EXPECT_TRUE(shown["party_share"].contains("message"));
  add(party[1], "member", "enthusiastic_resident");
  shown = add(party[2], "member", "enthusiastic_resident").json();
  EXPECT_EQ(shown["party_share"]["party_members"], 3);
  EXPECT_EQ(shown["party_share"]["members"], 5);
  EXPECT_TRUE(shown["party_share"]["met"]);

  EXPECT_EQ(add(party[2], "member", "enthusiastic_resident").status, 409);
  auto second_director = add(people(true, 4)[3], "director", "commissioner");
  EXPECT_EQ(second_director.status, 409);
  EXPECT_EQ(second_director.json()["error"]["field"], "position");
  EXPECT_EQ(add(party[0], "chair", "social_worker").json()["error"]["field"], "position");
  EXPECT_EQ(add(party[0], "member", "neighbour").json()["error"]["field"], "origin");
  EXPECT_EQ(add(999999999, "member", "social_worker").status, 404);
}

TEST_F(CommitteesTest, LeavingMemberIsReplacedByTheFirstAlternate) {
  json committee = create();
  auto secretary = signed_in("secretary");
  auto party = people(true, 4);
  json shown = secretary
                   ->post(path(committee, "/members"),
                          json{{"person_id", party[0]}, {"position", "director"}, {"origin", "social_worker"}})
                   .json();
  std::int64_t leaving = shown["members"][0]["id"];
  for (int i : {1, 2}) {
    auto added =
        secretary->post(path(committee, "/alternates"), json{{"person_id", party[i]}, {"origin", "building_leader"}});
    ASSERT_EQ(added.status, 201) << added.body;
  }
  auto left =
      secretary->post(path(committee, "/members/" + std::to_string(leaving) + "/leave"), json{{"reason", "搬离小区"}});
  ASSERT_EQ(left.status, 200) << left.body;
  json after = left.json();
  ASSERT_EQ(after["members"].size(), 1u);
  EXPECT_EQ(after["members"][0]["person"]["id"], party[1]);
  EXPECT_EQ(after["members"][0]["origin"], "building_leader");
  ASSERT_EQ(after["alternates"].size(), 1u);
  EXPECT_EQ(after["alternates"][0]["person"]["id"], party[2]);

  auto lease = db().read();
  auto audit = lease->query_one("SELECT summary FROM audit_log WHERE action = 'committee.member.leave'");
  ASSERT_TRUE(audit);
  EXPECT_EQ(json::parse(audit->text(0))["promoted_member_id"], after["members"][0]["id"]);
  EXPECT_EQ(secretary->post(path(committee, "/members/" + std::to_string(leaving) + "/leave"), json{{"reason", "再次"}})
                .status,
            404);
}

TEST_F(CommitteesTest, ReadingAndChangingNeedPermissionInScope) {
  json committee = create();
  EXPECT_EQ(anonymous()->get(path(committee)).status, 401);
  EXPECT_EQ(signed_in("resident")->get(path(committee)).status, 403);
  EXPECT_EQ(signed_in("supervisor")->get(path(committee)).status, 200);
  EXPECT_EQ(signed_in("supervisor")
                ->post(path(committee, "/alternates"), json{{"person_id", 1}, {"origin", "social_worker"}})
                .status,
            403);
  EXPECT_EQ(signed_in("admin")->get("/api/v1/committees").json()["items"].size(), 1u);
  EXPECT_EQ(signed_in("admin")->get("/api/v1/committees/999999").status, 404);
  auto bad_date =
      signed_in("secretary")
          ->post("/api/v1/committees", json{{"compound_id", node("desheng-xincun")}, {"term_starts_on", "2024-02-30"}});
  EXPECT_EQ(bad_date.status, 400);
  EXPECT_EQ(bad_date.json()["error"]["field"], "term_starts_on");
}

TEST_F(CommitteesTest, PeopleAndMembersOfAnotherCommunityCannotBeLinked) {
  json own = create();  // 德胜新村, in the secretary's 德胜社区
  auto secretary = signed_in("secretary");
  auto person_of = [&](const std::string& code) {
    auto lease = db().read();
    return lease->scalar("SELECT MIN(id) FROM people WHERE home_node_id = ? AND is_developer = 0", {node(code)});
  };
  std::int64_t far = person_of("c-cuiyu");  // 翠玉苑, another community
  auto member = secretary->post(path(own, "/members"),
                                json{{"person_id", far}, {"position", "member"}, {"origin", "social_worker"}});
  EXPECT_EQ(member.status, 403) << member.body;
  EXPECT_EQ(member.json()["error"]["field"], "person_id");
  auto alternate = secretary->post(path(own, "/alternates"), json{{"person_id", far}, {"origin", "social_worker"}});
  EXPECT_EQ(alternate.status, 403) << alternate.body;
  EXPECT_EQ(signed_in("director")
                ->post(path(own, "/alternates"), json{{"person_id", far}, {"origin", "social_worker"}})
                .status,
            403);
  EXPECT_EQ(secretary
                ->post(path(own, "/members"),
                       json{{"person_id", 999999999}, {"position", "member"}, {"origin", "social_worker"}})
                .status,
            404);
  auto lease = db().read();
  EXPECT_EQ(lease->scalar("SELECT COUNT(*) FROM committee_members"), 0);
  EXPECT_EQ(lease->scalar("SELECT COUNT(*) FROM committee_alternates"), 0);

  // A member of another community's committee cannot be made to leave through one's own.
  auto admin = signed_in("admin");
  auto other =
      admin->post("/api/v1/committees", json{{"compound_id", node("c-cuiyu")}, {"term_starts_on", "2024-03-01"}});
  ASSERT_EQ(other.status, 201) << other.body;
  auto added = admin->post(path(other.json(), "/members"),
                           json{{"person_id", far}, {"position", "member"}, {"origin", "social_worker"}});
  ASSERT_EQ(added.status, 201) << added.body;
  std::string member_id = std::to_string(added.json()["members"][0]["id"].get<std::int64_t>());
  EXPECT_EQ(secretary->post(path(own, "/members/" + member_id + "/leave"), json{{"reason", "搬离"}}).status, 404);
  EXPECT_EQ(secretary->post(path(other.json(), "/members/" + member_id + "/leave"), json{{"reason", "搬离"}}).status,
            403);
  EXPECT_EQ(lease->scalar("SELECT COUNT(*) FROM committee_members WHERE left_at IS NOT NULL"), 0);
}
