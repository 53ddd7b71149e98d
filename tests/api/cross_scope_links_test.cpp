// Links whose two ends lie in different scopes, tried by a scoped role of one compound or
// community with the ids of another: the right to one end is no right to the other. Each route
// that takes more than one id answers 4xx and writes nothing (read back as the street admin).
#include "support/test_server.hpp"
#include "support/votes.hpp"

using nlohmann::json;
using weizhi::testing::ApiTest;
using weizhi::testing::hours_from_now;
using weizhi::testing::HttpClient;
using weizhi::testing::Reply;

class CrossScopeLinksTest : public ApiTest {
 protected:
  std::string id_text(const std::string& code) { return std::to_string(node(code)); }

  // A person registered under the node with `code`, found as the street admin.
  json someone_of(const std::string& code) {
    json items = signed_in("admin")->get("/api/v1/people?node=" + id_text(code)).json()["items"];
    EXPECT_FALSE(items.empty()) << "nobody registered under " << code;
    return items.empty() ? json{{"id", 0}, {"name", ""}} : items[0];
  }

  // The first part under the node with `code`.
  std::int64_t part_of(const std::string& code) {
    json items = signed_in("admin")->get("/api/v1/org/nodes/" + id_text(code) + "/parts").json()["items"];
    EXPECT_FALSE(items.empty()) << "no parts under " << code;
    return items.empty() ? 0 : items[0]["id"].get<std::int64_t>();
  }

  // The first child of the node with `code`.
  json child_of(const std::string& code) {
    json items = signed_in("admin")->get("/api/v1/org/nodes/" + id_text(code) + "/children").json()["items"];
    EXPECT_FALSE(items.empty()) << "no children under " << code;
    return items.empty() ? json{{"id", 0}} : items[0];
  }

  std::string links_path(std::int64_t part) { return "/api/v1/parts/" + std::to_string(part) + "/links"; }
};

// --- People: part links ---

TEST_F(CrossScopeLinksTest, CommissionerMayNotLinkAPersonOfAnotherCompoundToAPartOfTheirOwn) {
  json outsider = someone_of("c-deshengba");
  std::int64_t part = part_of("desheng-xincun");
  auto admin = signed_in("admin");
  json links_before = admin->get(links_path(part)).json()["items"];
  std::int64_t rows_before = rows_in("part_links");

  Reply reply =
      signed_in("commissioner")->post(links_path(part), json{{"person_id", outsider["id"]}, {"relation", "tenant"}});

  EXPECT_EQ(reply.status, 403) << reply.body;
  EXPECT_EQ(reply.error_field(), "person_id");
  EXPECT_EQ(reply.body.find(outsider["name"].get<std::string>()), std::string::npos) << reply.body;
  EXPECT_EQ(admin->get(links_path(part)).json()["items"], links_before);
  EXPECT_EQ(rows_in("part_links"), rows_before);
}

TEST_F(CrossScopeLinksTest, CommissionerMayStillLinkAPersonOfTheirOwnCompound) {
  json insider = someone_of("desheng-xincun");
  Reply reply =
      signed_in("commissioner")
          ->post(links_path(part_of("desheng-xincun")), json{{"person_id", insider["id"]}, {"relation", "tenant"}});
  EXPECT_TRUE(reply.status == 201 || reply.status == 409) << reply.body;
}

TEST_F(CrossScopeLinksTest, LinkOfAnotherCompoundIsNotDeletedThroughAPartOfOnesOwn) {
  auto admin = signed_in("admin");
  std::int64_t elsewhere = part_of("c-deshengba");
  json links = admin->get(links_path(elsewhere)).json()["items"];
  ASSERT_FALSE(links.empty());
  std::int64_t link = links[0]["id"];

  Reply reply = signed_in("commissioner")->del(links_path(part_of("desheng-xincun")) + "/" + std::to_string(link));

  EXPECT_EQ(reply.status, 404) << reply.body;
  EXPECT_EQ(admin->get(links_path(elsewhere)).json()["items"], links);
}

// --- Org: a node moved or created across scopes ---

TEST_F(CrossScopeLinksTest, SecretaryMayNotMoveANodeOfAnotherCommunityIntoTheirOwn) {
  json building = child_of("c-xiangji");
  std::string url = "/api/v1/org/nodes/" + std::to_string(building["id"].get<std::int64_t>());
  Reply reply = signed_in("secretary")->patch(url, json{{"parent_id", node("desheng-xincun")}});
  EXPECT_EQ(reply.status, 403) << reply.body;
  EXPECT_EQ(signed_in("admin")->get(url).json()["path"], building["path"]);
}

TEST_F(CrossScopeLinksTest, SecretaryMayNotCreateANodeUnderAnotherCommunity) {
  std::int64_t nodes_before = rows_in("org_nodes");
  Reply reply =
      signed_in("secretary")
          ->post("/api/v1/org/nodes", json{{"parent_id", node("c-xiangji")}, {"kind", "building"}, {"name", "99幢"}});
  EXPECT_EQ(reply.status, 403) << reply.body;
  EXPECT_EQ(rows_in("org_nodes"), nodes_before);
}

// --- Governance: people and nodes named beside the record ---

TEST_F(CrossScopeLinksTest, SecretaryMayNotAppointAPersonOfAnotherCommunityToAPosition) {
  std::int64_t rows_before = rows_in("community_positions");
  Reply reply =
      signed_in("secretary")
          ->send("PUT", "/api/v1/governance/communities/" + id_text("desheng") + "/positions/tripartite_director",
                 json{{"person_id", someone_of("cuiyu")["id"]}}.dump());
  EXPECT_EQ(reply.status, 403) << reply.body;
  EXPECT_EQ(reply.error_field(), "person_id");
  EXPECT_EQ(rows_in("community_positions"), rows_before);
}

TEST_F(CrossScopeLinksTest, SecretaryMayNotAssignAPersonOfAnotherCommunityAsCommissioner) {
  std::int64_t rows_before = rows_in("commissioner_assignments");
  Reply reply = signed_in("secretary")
                    ->post("/api/v1/governance/commissioners",
                           json{{"person_id", someone_of("cuiyu")["id"]}, {"compound_id", node("c-deshengba")}});
  EXPECT_EQ(reply.status, 403) << reply.body;
  EXPECT_EQ(reply.error_field(), "person_id");
  Reply elsewhere = signed_in("secretary")
                        ->post("/api/v1/governance/commissioners",
                               json{{"person_id", someone_of("desheng")["id"]}, {"compound_id", node("c-xiangji")}});
  EXPECT_EQ(elsewhere.status, 403) << elsewhere.body;
  EXPECT_EQ(rows_in("commissioner_assignments"), rows_before);
}

TEST_F(CrossScopeLinksTest, SecretaryMayNotMakeAPersonOfAnotherCommunityAPartySecretary) {
  auto secretary = signed_in("secretary");
  std::int64_t outsider = someone_of("cuiyu")["id"];
  std::int64_t orgs_before = rows_in("party_orgs");
  Reply created = secretary->post("/api/v1/governance/party-orgs", json{{"kind", "branch"},
                                                                        {"name", "德胜新村第二党支部"},
                                                                        {"community_id", node("desheng")},
                                                                        {"secretary_person_id", outsider}});
  EXPECT_EQ(created.status, 403) << created.body;
  EXPECT_EQ(created.error_field(), "secretary_person_id");
  EXPECT_EQ(rows_in("party_orgs"), orgs_before);

  Reply own =
      secretary->post("/api/v1/governance/party-orgs",
                      json{{"kind", "branch"}, {"name", "德胜新村第二党支部"}, {"community_id", node("desheng")}});
  ASSERT_EQ(own.status, 201) << own.body;
  std::string url = "/api/v1/governance/party-orgs/" + std::to_string(own.json()["id"].get<std::int64_t>());
  Reply changed = secretary->patch(url, json{{"secretary_person_id", outsider}});
  EXPECT_EQ(changed.status, 403) << changed.body;
  EXPECT_EQ(changed.error_field(), "secretary_person_id");
  Reply compounds = secretary->patch(url, json{{"compound_ids", {node("c-xiangji")}}});
  EXPECT_EQ(compounds.status, 422) << compounds.body;
  EXPECT_EQ(compounds.error_field(), "compound_ids[0]");
  json stored = signed_in("admin")->get("/api/v1/governance/party-orgs?node=" + id_text("desheng")).json()["items"];
  for (const auto& org : stored) {
    if (org["id"] == own.json()["id"]) {
      EXPECT_TRUE(org["secretary"].is_null());
      EXPECT_TRUE(org["compounds"].empty());
    }
  }
}

TEST_F(CrossScopeLinksTest, SecretaryMayNotMakeAGridOfAnotherCommunitysPeopleOrBuildings) {
  auto secretary = signed_in("secretary");
  std::int64_t grids_before = rows_in("grids");
  Reply chief = secretary->post(
      "/api/v1/governance/grids",
      json{{"community_id", node("desheng")}, {"name", "第九网格"}, {"chief_person_id", someone_of("cuiyu")["id"]}});
  EXPECT_EQ(chief.status, 403) << chief.body;
  EXPECT_EQ(chief.error_field(), "chief_person_id");
  Reply buildings = secretary->post(
      "/api/v1/governance/grids",
      json{{"community_id", node("desheng")}, {"name", "第九网格"}, {"building_ids", {child_of("c-xiangji")["id"]}}});
  EXPECT_EQ(buildings.status, 422) << buildings.body;
  EXPECT_EQ(buildings.error_field(), "building_ids[0]");
  EXPECT_EQ(rows_in("grids"), grids_before);
}

TEST_F(CrossScopeLinksTest, SecretaryMayNotNameAContactOfAnotherCommunityForASocialOrganisation) {
  std::int64_t orgs_before = rows_in("social_orgs");
  Reply reply = signed_in("secretary")
                    ->post("/api/v1/governance/social-orgs", json{{"name", "夕阳红服务社"},
                                                                  {"node_id", node("desheng-xincun")},
                                                                  {"service", "助老"},
                                                                  {"contact_person_id", someone_of("cuiyu")["id"]}});
  EXPECT_EQ(reply.status, 403) << reply.body;
  EXPECT_EQ(reply.error_field(), "contact_person_id");
  EXPECT_EQ(rows_in("social_orgs"), orgs_before);
}

// --- Voting: voters and proxies of another compound ---

class CrossScopeVotingTest : public CrossScopeLinksTest {
 protected:
  // A vote of the commissioner on 德胜新村 through every channel, opened.
  std::int64_t open_vote() { return weizhi::testing::open_vote(*signed_in("commissioner"), node("desheng-xincun")); }
  std::string path(std::int64_t id, const std::string& rest) { return weizhi::testing::vote_path(id, rest); }
  std::int64_t first_voter(std::int64_t vote) {
    json roll = signed_in("admin")->get(path(vote, "/roll")).json()["items"];
    EXPECT_FALSE(roll.empty());
    return roll.empty() ? 0 : roll[0]["owner"]["id"].get<std::int64_t>();
  }
};

TEST_F(CrossScopeVotingTest, ProxyOfAnotherCompoundIsNotRecorded) {
  std::int64_t vote = open_vote();
  Reply reply = signed_in("commissioner")
                    ->post(path(vote, "/proxies"), json{{"voter_id", first_voter(vote)},
                                                        {"proxy_person_id", someone_of("c-deshengba")["id"]},
                                                        {"letter_reference", "委托书2024-001"}});
  EXPECT_EQ(reply.status, 403) << reply.body;
  EXPECT_EQ(reply.error_field(), "proxy_person_id");
  EXPECT_TRUE(signed_in("admin")->get(path(vote, "/proxies")).json()["items"].empty());
}

TEST_F(CrossScopeVotingTest, VoterOfAnotherCompoundIsRefusedOnEveryChannelAndNothingIsWritten) {
  std::int64_t vote = open_vote();
  std::int64_t outsider = someone_of("c-deshengba")["id"];
  auto commissioner = signed_in("commissioner");
  Reply proxy = commissioner->post(
      path(vote, "/proxies"),
      json{{"voter_id", outsider}, {"proxy_person_id", first_voter(vote)}, {"letter_reference", "委托书2024-002"}});
  EXPECT_EQ(proxy.status, 422) << proxy.body;
  EXPECT_EQ(proxy.error_field(), "voter_id");
  Reply meeting =
      commissioner->post(path(vote, "/meeting-ballots"), json{{"voter_id", outsider}, {"choices", {"agree"}}});
  EXPECT_EQ(meeting.status, 422) << meeting.body;
  EXPECT_EQ(meeting.error_field(), "voter_id");
  Reply paper = commissioner->post(path(vote, "/paper-entries"), json{{"voter_id", outsider}, {"choices", {"agree"}}});
  EXPECT_EQ(paper.status, 422) << paper.body;
  EXPECT_EQ(paper.error_field(), "voter_id");
  Reply settle =
      signed_in("supervisor")
          ->post(path(vote, "/paper-held/" + std::to_string(outsider) + "/settle"), json{{"choices", {"agree"}}});
  EXPECT_EQ(settle.status, 404) << settle.body;
  for (const char* table : {"vote_proxies", "vote_ballots", "vote_paper_entries"}) {
    EXPECT_EQ(db().read()->scalar(std::string("SELECT COUNT(*) FROM ") + table + " WHERE vote_id = ?", {vote}), 0)
        << table;
  }
}

TEST_F(CrossScopeVotingTest, DraftVoteMayNotBeMovedToOrScopedOnAnotherCompound) {
  auto commissioner = signed_in("commissioner");
  Reply created = commissioner->post("/api/v1/votes", json{{"compound_id", node("desheng-xincun")},
                                                           {"title", "关于续聘物业的表决"},
                                                           {"matter", 4},
                                                           {"items", {"同意续聘"}},
                                                           {"opens_at", hours_from_now(1)},
                                                           {"closes_at", hours_from_now(48)},
                                                           {"channels", {"online"}}});
  ASSERT_EQ(created.status, 201) << created.body;
  std::int64_t vote = created.json()["id"];
  Reply moved = commissioner->patch(path(vote, ""), json{{"compound_id", node("c-deshengba")}});
  EXPECT_EQ(moved.status / 100, 4) << moved.body;
  EXPECT_EQ(moved.error_field(), "compound_id");
  Reply scoped = commissioner->patch(
      path(vote, ""), json{{"scope", {{"kind", "buildings"}, {"node_ids", {child_of("c-deshengba")["id"]}}}}});
  EXPECT_EQ(scoped.status, 422) << scoped.body;
  EXPECT_EQ(scoped.error_field(), "scope.node_ids[0]");
  json stored = signed_in("admin")->get(path(vote, "")).json();
  EXPECT_EQ(stored["compound"]["id"], node("desheng-xincun"));
  EXPECT_EQ(stored["scope"]["kind"], "compound");
}

// --- Imports: people matched by phone ---

TEST_F(CrossScopeLinksTest, ImportDoesNotLinkAPersonRegisteredInAnotherCompound) {
  auto admin = signed_in("admin");
  Reply outsider = admin->post("/api/v1/people",
                               json{{"home_node_id", node("c-deshengba")}, {"name", "王芳"}, {"phone", "16612345679"}});
  ASSERT_EQ(outsider.status, 201) << outsider.body;
  std::string csv =
      "姓名,手机,身份证号,出生年份,党员,标签,楼栋,单元,房号,关系,指定投票人\n"
      "王芳,16612345679,,,,,1幢,1单元,101,租户,\n";
  std::int64_t links_before = rows_in("part_links");

  Reply reply = signed_in("commissioner")->send("POST", "/api/v1/import/people?node=" + id_text("desheng-xincun"), csv);

  EXPECT_EQ(reply.status, 422) << reply.body;
  ASSERT_EQ(reply.json()["errors"].size(), 1u) << reply.body;
  EXPECT_EQ(reply.json()["errors"][0]["field"], "phone");
  EXPECT_EQ(rows_in("part_links"), links_before);
  std::string person = "/api/v1/people/" + std::to_string(outsider.json()["id"].get<std::int64_t>());
  EXPECT_TRUE(admin->get(person).json()["links"].empty());
  // The street admin, whose scope holds both, links the same row to the registered person.
  Reply by_admin = admin->send("POST", "/api/v1/import/people?node=" + id_text("desheng-xincun"), csv);
  EXPECT_EQ(by_admin.status, 201) << by_admin.body;
  EXPECT_EQ(admin->get(person).json()["links"].size(), 1u);
}
