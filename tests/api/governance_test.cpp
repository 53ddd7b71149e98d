// Governance: the responsibility chain and its coverage, commissioners, community positions,
// party organisations and forms, grids, social organisations and the organisation statistics,
// over the Test seed of the demo street.
#include <algorithm>

#include "support/test_server.hpp"

using nlohmann::json;
using weizhi::testing::ApiTest;

namespace weizhi::store {
std::vector<Migration> org_migrations();
}

class GovernanceTest : public ApiTest {
 protected:
  std::string id_of(const std::string& code) { return std::to_string(node(code)); }
  std::string chain_path(const std::string& code) { return "/api/v1/org/nodes/" + id_of(code) + "/chain"; }
  std::int64_t person_of_login(const std::string& login) {
    auto lease = db().read();
    return lease->query_one("SELECT person_id FROM users WHERE login = ?", {login})->i64(0);
  }
  // The current commissioner assignment of a compound, as the list shows it.
  std::int64_t assignment_of(weizhi::testing::HttpClient& client, const std::string& code) {
    auto items = client.get("/api/v1/governance/commissioners?node=" + id_of(code)).json()["items"];
    EXPECT_EQ(items.size(), 1u);
    return items.empty() ? 0 : items[0]["compounds"][0]["assignment_id"].get<std::int64_t>();
  }
  weizhi::testing::Reply put(weizhi::testing::HttpClient& client, const std::string& path, const json& body) {
    return client.send("PUT", path, body.dump());
  }
};

// --- Statistics against docs/rules.md#figures ---

TEST_F(GovernanceTest, StreetStatisticsReproduceTheArticlesFigures) {
  auto reply = signed_in("admin")->get("/api/v1/stats/organization");
  ASSERT_EQ(reply.status, 200) << reply.body;
  auto stats = reply.json();
  EXPECT_EQ(stats["communities"], 8);
  EXPECT_EQ(stats["compounds"], 30);
  EXPECT_GE(stats["buildings"].get<int>(), 30);
  EXPECT_GE(stats["parts"].get<int>(), 60);
  EXPECT_EQ(stats["commissioners"], 29);
  EXPECT_EQ(stats["commissioners_from_two_committees"], 25);
  EXPECT_EQ(stats["commissioners_also_party_secretary"], 23);
  EXPECT_EQ(stats["party_forms"],
            (json{{"single_branch", 5}, {"joint_association", 24}, {"community_direct", 1}, {"none", 0}}));
  EXPECT_EQ(stats["compounds_with_complete_chain"], 30);
  EXPECT_EQ(stats["compounds_missing_chain"], 0);
}

TEST_F(GovernanceTest, ANewCompoundCountsAndIsMissingItsChain) {
  auto admin = signed_in("admin");
  auto created = admin->post("/api/v1/org/nodes",
                             json{{"parent_id", node("desheng")}, {"kind", "compound"}, {"name", "德胜东苑"}});
  ASSERT_EQ(created.status, 201) << created.body;
  auto stats = admin->get("/api/v1/stats/organization").json();
  EXPECT_EQ(stats["compounds"], 31);
  EXPECT_EQ(stats["compounds_missing_chain"], 1);
  EXPECT_EQ(stats["party_forms"]["none"], 1);
}

// The node counts come from kept counts: after adds, a move and deletes they still equal a count of
// the subtree's rows, for the street, both communities and the compound itself.
TEST_F(GovernanceTest, NodeCountsFollowAddsMovesAndDeletes) {
  auto admin = signed_in("admin");
  auto parts_before =
      admin->get("/api/v1/stats/organization?node=" + id_of("desheng-xincun")).json()["parts"].get<std::int64_t>();
  auto create = [&](const json& body) {
    auto reply = admin->post("/api/v1/org/nodes", body);
    EXPECT_EQ(reply.status, 201) << reply.body;
    return reply.json().value("id", std::int64_t{0});
  };
  std::int64_t building =
      create({{"parent_id", node("desheng-xincun")}, {"kind", "building"}, {"name", "30幢"}, {"floors", 6}});
  std::int64_t unit = create({{"parent_id", building}, {"kind", "unit"}, {"name", "1单元"}});
  std::int64_t first_part = 0;
  for (const char* room : {"101", "102", "201"}) {
    std::int64_t id = create({{"parent_id", unit},
                              {"kind", "part"},
                              {"room_number", room},
                              {"floor", room[0] - '0'},
                              {"use", "residential"},
                              {"area_centi_m2", 6000},
                              {"area_source", "registered"}});
    if (!first_part) first_part = id;
  }
  ASSERT_EQ(admin->del("/api/v1/org/nodes/" + std::to_string(first_part)).status, 204);
  ASSERT_EQ(admin->patch("/api/v1/org/nodes/" + id_of("desheng-xincun"), json{{"parent_id", node("cuiyu")}}).status,
            200);

  for (const std::string code : {"street", "desheng", "cuiyu", "desheng-xincun"}) {
    auto stats = admin->get("/api/v1/stats/organization?node=" + id_of(code)).json();
    std::string path;
    {
      auto lease = db().read();
      path = lease->query_one("SELECT path FROM org_nodes WHERE id = ?", {node(code)})->text(0);
    }
    auto counted = [&](const std::string& kind) {
      return count("SELECT COUNT(*) FROM org_nodes WHERE kind = '" + kind + "' AND path LIKE '" + path + "%'");
    };
    EXPECT_EQ(stats["communities"], counted("community")) << code;
    EXPECT_EQ(stats["compounds"], counted("compound")) << code;
    EXPECT_EQ(stats["buildings"], counted("building")) << code;
    EXPECT_EQ(stats["parts"], counted("part")) << code;
  }
  // The compound took its new building's two remaining parts along.
  auto compound = admin->get("/api/v1/stats/organization?node=" + id_of("desheng-xincun")).json();
  EXPECT_EQ(compound["buildings"],
            count("SELECT COUNT(*) FROM org_nodes WHERE parent_id = " + id_of("desheng-xincun")));
  EXPECT_EQ(compound["parts"], parts_before + 2);
}

// A deployment that had its registry before the counts were kept gets them from the migration.
TEST_F(GovernanceTest, TheMigrationCountsARegistryThatWasThereBefore) {
  auto admin = signed_in("admin");
  auto before = admin->get("/api/v1/stats/organization?node=" + id_of("desheng")).json();
  auto street_before = admin->get("/api/v1/stats/organization").json();
  db().write([](weizhi::store::Tx& tx) {
    tx.exec("DROP TABLE org_subtree_counts");
    tx.exec("DELETE FROM schema_migrations WHERE version = 102");
  });
  std::vector<weizhi::store::Migration> counts;
  for (auto& migration : weizhi::store::org_migrations()) {
    if (migration.name == "subtree_counts") counts.push_back(migration);
  }
  ASSERT_EQ(counts.size(), 1u);
  ASSERT_EQ(weizhi::store::apply_migrations(db(), counts), 1);
  EXPECT_EQ(admin->get("/api/v1/stats/organization?node=" + id_of("desheng")).json(), before);
  EXPECT_EQ(admin->get("/api/v1/stats/organization").json(), street_before);
  EXPECT_GT(street_before["parts"].get<std::int64_t>(), 0);
}

TEST_F(GovernanceTest, StatisticsAreScopedToTheNode) {
  auto stats = signed_in("commissioner")->get("/api/v1/stats/organization?node=" + id_of("desheng-xincun")).json();
  EXPECT_EQ(stats["communities"], 0);
  EXPECT_EQ(stats["compounds"], 1);
  EXPECT_EQ(stats["commissioners"], 1);
  EXPECT_EQ(stats["party_forms"]["community_direct"], 1);
}

TEST_F(GovernanceTest, CommissionerMayNotReadTheStreetsStatistics) {
  EXPECT_EQ(signed_in("commissioner")->get("/api/v1/stats/organization").status, 403);
}

TEST_F(GovernanceTest, GridMemberHasNoStatistics) {
  EXPECT_EQ(signed_in("grid")->get("/api/v1/stats/organization?node=" + id_of("desheng")).status, 403);
}

// --- The responsibility chain ---

TEST_F(GovernanceTest, SeededChainIsCompleteAndShowsTheDemoAccountsPeopleMasked) {
  auto reply = signed_in("commissioner")->get(chain_path("desheng-xincun"));
  ASSERT_EQ(reply.status, 200) << reply.body;
  auto chain = reply.json();
  EXPECT_TRUE(chain["complete"].get<bool>());
  EXPECT_TRUE(chain["missing"].empty());
  EXPECT_EQ(chain["compound"]["name"], "德胜新村");
  ASSERT_EQ(chain["links"].size(), 3u);
  EXPECT_EQ(chain["links"][0]["position"], "community_secretary");
  EXPECT_EQ(chain["links"][0]["person"]["id"], person_of_login("secretary"));
  EXPECT_EQ(chain["links"][1]["position"], "tripartite_director");
  EXPECT_EQ(chain["links"][1]["person"]["id"], person_of_login("director"));
  EXPECT_EQ(chain["links"][2]["position"], "commissioner");
  EXPECT_EQ(chain["links"][2]["person"]["id"], person_of_login("commissioner"));
  EXPECT_NE(chain["links"][2]["person"]["name"].get<std::string>().find('*'), std::string::npos);
}

TEST_F(GovernanceTest, AResidentReadsTheChainOfTheirOwnCompoundOnly) {
  auto resident = signed_in("resident");
  auto own = resident->get(chain_path("desheng-xincun"));
  ASSERT_EQ(own.status, 200) << own.body;
  EXPECT_EQ(own.json()["links"][2]["person"]["id"], person_of_login("commissioner"));
  // The commissioner's service line, for the resident to call; the other links have none.
  EXPECT_EQ(own.json()["links"][2]["service_phone"].get<std::string>().rfind("0571-8802", 0), 0u);
  EXPECT_FALSE(own.json()["links"][0].contains("service_phone"));
  EXPECT_EQ(resident->get(chain_path("c-cuiyu")).status, 403);
  EXPECT_EQ(resident->get("/api/v1/org/nodes/999999/chain").status, 404);
}

TEST_F(GovernanceTest, EndingTheCommissionerLeavesAGapThatCoverageShows) {
  auto secretary = signed_in("secretary");
  EXPECT_TRUE(secretary->get("/api/v1/governance/coverage?node=" + id_of("desheng")).json()["items"].empty());
  std::int64_t assignment = assignment_of(*secretary, "desheng-xincun");
  auto ended = secretary->del("/api/v1/governance/commissioners/" + std::to_string(assignment));
  ASSERT_EQ(ended.status, 204) << ended.body;

  auto chain = secretary->get(chain_path("desheng-xincun")).json();
  EXPECT_FALSE(chain["complete"].get<bool>());
  EXPECT_EQ(chain["missing"], json::array({"commissioner"}));
  EXPECT_TRUE(chain["links"][2]["person"].is_null());

  auto coverage = secretary->get("/api/v1/governance/coverage?node=" + id_of("desheng")).json();
  ASSERT_EQ(coverage["items"].size(), 1u);
  EXPECT_EQ(coverage["items"][0]["compound"]["id"], node("desheng-xincun"));
  EXPECT_EQ(coverage["items"][0]["missing"], json::array({"commissioner"}));
  EXPECT_EQ(coverage["compounds"], 4);
  EXPECT_EQ(coverage["complete"], 3);
}

TEST_F(GovernanceTest, ACommissionerIsAssignedWithAServicePhoneTheChainShows) {
  auto secretary = signed_in("secretary");
  std::int64_t assignment = assignment_of(*secretary, "desheng-xincun");
  ASSERT_EQ(secretary->del("/api/v1/governance/commissioners/" + std::to_string(assignment)).status, 204);
  json body{{"person_id", person_of_login("commissioner")}, {"compound_id", node("desheng-xincun")}};
  for (const char* bad : {"call me", "12345", "0571-8802-1001-2002-3"}) {
    body["service_phone"] = bad;
    auto refused = secretary->post("/api/v1/governance/commissioners", body);
    EXPECT_EQ(refused.status, 400) << bad;
    EXPECT_EQ(refused.json()["error"]["field"], "service_phone") << bad;
  }
  body["service_phone"] = "0571-8802 2001";
  auto assigned = secretary->post("/api/v1/governance/commissioners", body);
  ASSERT_EQ(assigned.status, 201) << assigned.body;
  EXPECT_EQ(assigned.json()["service_phone"], "0571-8802 2001");
  EXPECT_EQ(secretary->get(chain_path("desheng-xincun")).json()["links"][2]["service_phone"], "0571-8802 2001");
}

TEST_F(GovernanceTest, EndingAnAssignmentIsAudited) {
  auto admin = signed_in("admin");
  std::string id = std::to_string(assignment_of(*admin, "xi-si"));
  ASSERT_EQ(admin->del("/api/v1/governance/commissioners/" + id).status, 204);
  auto audit = admin->get("/api/v1/audit?entity=commissioner_assignment:" + id).json();
  ASSERT_EQ(audit["items"].size(), 1u);
  EXPECT_EQ(audit["items"][0]["action"], "governance.commissioner.end");
  EXPECT_EQ(audit["items"][0]["actor"], "admin");
}

TEST_F(GovernanceTest, EndingAnEndedAssignmentIs409) {
  auto admin = signed_in("admin");
  std::string path = "/api/v1/governance/commissioners/" + std::to_string(assignment_of(*admin, "xi-si"));
  ASSERT_EQ(admin->del(path).status, 204);
  EXPECT_EQ(admin->del(path).status, 409);
}

TEST_F(GovernanceTest, ASecondCurrentCommissionerIs409AndNothingIsWritten) {
  auto admin = signed_in("admin");
  std::int64_t before = count("SELECT COUNT(*) FROM commissioner_assignments");
  auto reply = admin->post("/api/v1/governance/commissioners",
                           json{{"person_id", person_of_login("commissioner")}, {"compound_id", node("xi-si")}});
  EXPECT_EQ(reply.status, 409);
  EXPECT_EQ(reply.error_field(), "compound_id");
  EXPECT_EQ(count("SELECT COUNT(*) FROM commissioner_assignments"), before);
}

TEST_F(GovernanceTest, OnePersonMayAnchorSeveralCompounds) {
  auto admin = signed_in("admin");
  admin->del("/api/v1/governance/commissioners/" + std::to_string(assignment_of(*admin, "xi-si")));
  auto reply = admin->post("/api/v1/governance/commissioners", json{{"person_id", person_of_login("commissioner")},
                                                                    {"compound_id", node("xi-si")},
                                                                    {"from_two_committees", true},
                                                                    {"grid_chief", true}});
  ASSERT_EQ(reply.status, 201) << reply.body;
  EXPECT_EQ(reply.json()["compound"]["name"], "西四苑");
  EXPECT_TRUE(signed_in("admin")->get(chain_path("xi-si")).json()["complete"].get<bool>());
  auto items = admin->get("/api/v1/governance/commissioners").json()["items"];
  auto anchor = std::find_if(items.begin(), items.end(),
                             [&](const json& item) { return item["person"]["id"] == person_of_login("commissioner"); });
  ASSERT_NE(anchor, items.end());
  EXPECT_EQ((*anchor)["compounds"].size(), 2u);
  EXPECT_EQ(admin->get("/api/v1/stats/organization").json()["commissioners"], 28);
}

TEST_F(GovernanceTest, CommissionerListShowsAttributesAndMaskedNames) {
  auto items = signed_in("admin")->get("/api/v1/governance/commissioners").json()["items"];
  ASSERT_EQ(items.size(), 29u);
  int shared = 0;
  int with_phone = 0;
  for (const auto& item : items) {
    EXPECT_NE(item["person"]["name"].get<std::string>().find('*'), std::string::npos);
    auto masked = db().read()->query_one("SELECT phone_masked FROM people WHERE id = ?",
                                         {item["person"]["id"].get<std::int64_t>()});
    if (auto phone = masked->optional_text(0)) {
      ++with_phone;
      EXPECT_EQ(item["person"]["phone"], *phone) << "the registry's masked phone, never the number";
      EXPECT_NE(phone->find('*'), std::string::npos);
    } else {
      EXPECT_TRUE(item["person"]["phone"].is_null());
    }
    EXPECT_TRUE(item["first_secretary"].get<bool>());
    if (item["compounds"].size() == 2) ++shared;
  }
  EXPECT_EQ(shared, 1);
  EXPECT_GT(with_phone, 0);
}

TEST_F(GovernanceTest, ReplacingTheDirectorKeepsTheOldTermInHistory) {
  auto secretary = signed_in("secretary");
  std::int64_t successor = person_of_login("commissioner");
  auto reply = put(*secretary, "/api/v1/governance/communities/" + id_of("desheng") + "/positions/tripartite_director",
                   json{{"person_id", successor}});
  ASSERT_EQ(reply.status, 200) << reply.body;
  EXPECT_TRUE(reply.json()["changed"].get<bool>());
  EXPECT_EQ(secretary->get(chain_path("desheng-xincun")).json()["links"][1]["person"]["id"], successor);
  EXPECT_EQ(count("SELECT COUNT(*) FROM community_positions WHERE position = 'tripartite_director' AND "
                  "community_node_id = " +
                  id_of("desheng")),
            2);
  EXPECT_EQ(count("SELECT COUNT(*) FROM community_positions WHERE position = 'tripartite_director' AND "
                  "until IS NOT NULL AND community_node_id = " +
                  id_of("desheng")),
            1);
}

TEST_F(GovernanceTest, NamingTheCurrentHolderAgainChangesNothing) {
  auto reply =
      put(*signed_in("secretary"), "/api/v1/governance/communities/" + id_of("desheng") + "/positions/secretary",
          json{{"person_id", person_of_login("secretary")}});
  ASSERT_EQ(reply.status, 200);
  EXPECT_FALSE(reply.json()["changed"].get<bool>());
  EXPECT_EQ(count("SELECT COUNT(*) FROM community_positions WHERE position = 'secretary'"), 8);
}

TEST_F(GovernanceTest, SecretaryMayNotAppointInAnotherCommunity) {
  auto reply = put(*signed_in("secretary"), "/api/v1/governance/communities/" + id_of("cuiyu") + "/positions/secretary",
                   json{{"person_id", person_of_login("secretary")}});
  EXPECT_EQ(reply.status, 403);
}

TEST_F(GovernanceTest, UnknownPositionAndNonCommunityAre404) {
  auto admin = signed_in("admin");
  EXPECT_EQ(put(*admin, "/api/v1/governance/communities/" + id_of("desheng") + "/positions/mayor",
                json{{"person_id", person_of_login("secretary")}})
                .status,
            404);
  EXPECT_EQ(put(*admin, "/api/v1/governance/communities/" + id_of("desheng-xincun") + "/positions/secretary",
                json{{"person_id", person_of_login("secretary")}})
                .status,
            404);
}

TEST_F(GovernanceTest, UnknownPersonIs404NamingTheField) {
  auto reply = put(*signed_in("admin"), "/api/v1/governance/communities/" + id_of("desheng") + "/positions/secretary",
                   json{{"person_id", 99999999}});
  EXPECT_EQ(reply.status, 404);
  EXPECT_EQ(reply.error_field(), "person_id");
}

TEST_F(GovernanceTest, CommissionerMayNotReadAnotherCompoundsChain) {
  auto commissioner = signed_in("commissioner");
  EXPECT_EQ(commissioner->get(chain_path("c-deshengba")).status, 403);
  EXPECT_EQ(commissioner->get("/api/v1/governance/coverage?node=" + id_of("desheng")).status, 403);
}

TEST_F(GovernanceTest, CommissionerMayNotAssignCommissioners) {
  auto reply = signed_in("commissioner")
                   ->post("/api/v1/governance/commissioners", json{{"person_id", person_of_login("commissioner")},
                                                                   {"compound_id", node("desheng-xincun")}});
  EXPECT_EQ(reply.status, 403);
}

TEST_F(GovernanceTest, ChainOfAMissingNodeOrOfANonCompoundIs404) {
  auto admin = signed_in("admin");
  EXPECT_EQ(admin->get("/api/v1/org/nodes/99999999/chain").status, 404);
  EXPECT_EQ(admin->get(chain_path("desheng")).status, 404);
  EXPECT_EQ(admin->del("/api/v1/governance/commissioners/99999999").status, 404);
}

TEST_F(GovernanceTest, MalformedCommissionerIs400NamingTheFieldAndWritesNothing) {
  auto admin = signed_in("admin");
  std::int64_t before = count("SELECT COUNT(*) FROM commissioner_assignments");
  auto wrong_type =
      admin->post("/api/v1/governance/commissioners", json{{"person_id", "张三"}, {"compound_id", node("xi-si")}});
  EXPECT_EQ(wrong_type.status, 400);
  EXPECT_EQ(wrong_type.error_field(), "person_id");
  auto bad_flag = admin->post("/api/v1/governance/commissioners",
                              json{{"person_id", 1}, {"compound_id", node("xi-si")}, {"grid_chief", "yes"}});
  EXPECT_EQ(bad_flag.error_field(), "grid_chief");
  auto unknown = admin->post("/api/v1/governance/commissioners",
                             json{{"person_id", 1}, {"compound_id", node("xi-si")}, {"anchor", true}});
  EXPECT_EQ(unknown.error_field(), "anchor");
  auto missing = admin->post("/api/v1/governance/commissioners", json{{"person_id", 1}});
  EXPECT_EQ(missing.status, 400);
  EXPECT_EQ(missing.error_field(), "compound_id");
  EXPECT_EQ(count("SELECT COUNT(*) FROM commissioner_assignments"), before);
}

TEST_F(GovernanceTest, CommissionerOnANonCompoundIs422) {
  auto reply =
      signed_in("admin")->post("/api/v1/governance/commissioners",
                               json{{"person_id", person_of_login("commissioner")}, {"compound_id", node("desheng")}});
  EXPECT_EQ(reply.status, 422);
  EXPECT_EQ(reply.error_field(), "compound_id");
}

TEST_F(GovernanceTest, AnonymousIs401OnEveryRoute) {
  auto anonymous_client = anonymous();
  for (const std::string& path :
       {chain_path("desheng-xincun"), std::string("/api/v1/governance/coverage"),
        std::string("/api/v1/governance/commissioners"), std::string("/api/v1/governance/party-orgs"),
        "/api/v1/governance/compounds/" + id_of("desheng-xincun") + "/party", std::string("/api/v1/governance/grids"),
        std::string("/api/v1/governance/social-orgs"), std::string("/api/v1/stats/organization")}) {
    EXPECT_EQ(anonymous_client->get(path).status, 401) << path;
  }
  EXPECT_EQ(anonymous_client->post("/api/v1/governance/commissioners", json::object()).status, 401);
  EXPECT_EQ(anonymous_client->del("/api/v1/governance/commissioners/1").status, 401);
  EXPECT_EQ(anonymous_client->post("/api/v1/governance/party-orgs", json::object()).status, 401);
  EXPECT_EQ(anonymous_client->patch("/api/v1/governance/party-orgs/1", json::object()).status, 401);
  EXPECT_EQ(anonymous_client->post("/api/v1/governance/grids", json::object()).status, 401);
  EXPECT_EQ(anonymous_client->post("/api/v1/governance/social-orgs", json::object()).status, 401);
  EXPECT_EQ(anonymous_client->send("PUT", "/api/v1/governance/communities/1/positions/secretary", "{}").status, 401);
  EXPECT_EQ(anonymous_client->send("PUT", "/api/v1/governance/compounds/1/party", "{}").status, 401);
}

// --- Party organisations and forms ---

TEST_F(GovernanceTest, DeshengXincunIsLedDirectlyByTheCommunityCommitteeWithThirteenBranches) {
  auto reply = signed_in("party")->get("/api/v1/governance/compounds/" + id_of("desheng-xincun") + "/party");
  ASSERT_EQ(reply.status, 200) << reply.body;
  auto party = reply.json();
  EXPECT_EQ(party["form"], "community_direct");
  EXPECT_FALSE(party["overridden"].get<bool>());
  EXPECT_EQ(party["branches"].size(), 13u);
  EXPECT_EQ(party["community_committee"]["name"], "德胜社区党委");
  EXPECT_EQ(party["community_committee"]["secretary"]["id"], person_of_login("secretary"));
}

TEST_F(GovernanceTest, AnOverrideWinsAndIsReportedAsSuch) {
  auto admin = signed_in("admin");
  std::string path = "/api/v1/governance/compounds/" + id_of("xi-si") + "/party";
  std::string derived = admin->get(path).json()["form"];
  auto reply = put(*admin, path, json{{"led_by_community_committee", false}, {"form_override", "none"}});
  ASSERT_EQ(reply.status, 200) << reply.body;
  EXPECT_EQ(reply.json()["form"], "none");
  EXPECT_EQ(reply.json()["derived_form"], derived);
  EXPECT_TRUE(reply.json()["overridden"].get<bool>());
  EXPECT_EQ(admin->get("/api/v1/stats/organization").json()["party_forms"]["none"], 1);
}

TEST_F(GovernanceTest, UnknownFormOverrideIs400AndNothingChanges) {
  auto admin = signed_in("admin");
  std::string path = "/api/v1/governance/compounds/" + id_of("xi-si") + "/party";
  auto reply = put(*admin, path, json{{"led_by_community_committee", true}, {"form_override", "cell"}});
  EXPECT_EQ(reply.status, 400);
  EXPECT_EQ(reply.error_field(), "form_override");
  EXPECT_FALSE(admin->get(path).json()["led_by_community_committee"].get<bool>());
}

TEST_F(GovernanceTest, PartyOfACommunityIs404AndCommissionerMayNotSetIt) {
  auto admin = signed_in("admin");
  EXPECT_EQ(admin->get("/api/v1/governance/compounds/" + id_of("desheng") + "/party").status, 404);
  auto reply = put(*signed_in("commissioner"), "/api/v1/governance/compounds/" + id_of("desheng-xincun") + "/party",
                   json{{"led_by_community_committee", false}});
  EXPECT_EQ(reply.status, 403);
}

TEST_F(GovernanceTest, MappingASecondBranchTurnsASingleBranchIntoAJointAssociation) {
  auto admin = signed_in("admin");
  std::int64_t single_compound = count(
      "SELECT MIN(compound_node_id) FROM (SELECT compound_node_id FROM party_branch_compounds "
      "GROUP BY compound_node_id HAVING COUNT(*) = 1) single");
  std::int64_t community = count("SELECT parent_id FROM org_nodes WHERE id = " + std::to_string(single_compound));
  ASSERT_EQ(admin->get("/api/v1/governance/compounds/" + std::to_string(single_compound) + "/party").json()["form"],
            "single_branch");
  auto created = admin->post("/api/v1/governance/party-orgs", json{{"kind", "branch"},
                                                                   {"name", "退休党员党支部"},
                                                                   {"community_id", community},
                                                                   {"compound_ids", {single_compound}}});
  ASSERT_EQ(created.status, 201) << created.body;
  EXPECT_EQ(created.json()["compounds"][0]["id"], single_compound);
  auto party = admin->get("/api/v1/governance/compounds/" + std::to_string(single_compound) + "/party").json();
  EXPECT_EQ(party["form"], "joint_association");
  auto stats = admin->get("/api/v1/stats/organization").json();
  EXPECT_EQ(stats["party_forms"]["single_branch"], 4);
  EXPECT_EQ(stats["party_forms"]["joint_association"], 25);
}

TEST_F(GovernanceTest, PatchingABranchRemapsItsCompoundsAndSecretary) {
  auto admin = signed_in("admin");
  auto created = admin->post("/api/v1/governance/party-orgs",
                             json{{"kind", "branch"}, {"name", "在职党员党支部"}, {"community_id", node("desheng")}});
  ASSERT_EQ(created.status, 201) << created.body;
  std::string path = "/api/v1/governance/party-orgs/" + std::to_string(created.json()["id"].get<std::int64_t>());
  auto patched = admin->patch(path, json{{"compound_ids", {node("c-deshengba")}},
                                         {"secretary_person_id", person_of_login("director")},
                                         {"name", "在职党员联合党支部"}});
  ASSERT_EQ(patched.status, 200) << patched.body;
  EXPECT_EQ(patched.json()["name"], "在职党员联合党支部");
  EXPECT_EQ(patched.json()["secretary"]["id"], person_of_login("director"));
  EXPECT_EQ(patched.json()["compounds"][0]["id"], node("c-deshengba"));
  auto cleared = admin->patch(path, json{{"secretary_person_id", nullptr}});
  EXPECT_TRUE(cleared.json()["secretary"].is_null());
}

TEST_F(GovernanceTest, BranchMayOnlyMapCompoundsOfItsCommunity) {
  auto reply = signed_in("admin")->post("/api/v1/governance/party-orgs",
                                        json{{"kind", "branch"},
                                             {"name", "跨社区党支部"},
                                             {"community_id", node("desheng")},
                                             {"compound_ids", {node("c-deshengba"), node("xi-si")}}});
  EXPECT_EQ(reply.status, 422);
  EXPECT_EQ(reply.error_field(), "compound_ids[1]");
}

TEST_F(GovernanceTest, ASecondCommitteeForACommunityIs409) {
  auto reply = signed_in("admin")->post(
      "/api/v1/governance/party-orgs",
      json{{"kind", "committee"}, {"name", "德胜社区党委"}, {"community_id", node("desheng")}});
  EXPECT_EQ(reply.status, 409);
  EXPECT_EQ(reply.error_field(), "community_id");
}

TEST_F(GovernanceTest, MalformedPartyOrgIs400AndWritesNothing) {
  auto admin = signed_in("admin");
  std::int64_t before = count("SELECT COUNT(*) FROM party_orgs");
  auto kind = admin->post("/api/v1/governance/party-orgs",
                          json{{"kind", "cell"}, {"name", "小组"}, {"community_id", node("desheng")}});
  EXPECT_EQ(kind.status, 400);
  EXPECT_EQ(kind.error_field(), "kind");
  auto blank = admin->post("/api/v1/governance/party-orgs",
                           json{{"kind", "branch"}, {"name", "  "}, {"community_id", node("desheng")}});
  EXPECT_EQ(blank.error_field(), "name");
  auto ids = admin->post(
      "/api/v1/governance/party-orgs",
      json{{"kind", "branch"}, {"name", "党支部"}, {"community_id", node("desheng")}, {"compound_ids", {"a"}}});
  EXPECT_EQ(ids.error_field(), "compound_ids[0]");
  EXPECT_EQ(count("SELECT COUNT(*) FROM party_orgs"), before);
}

TEST_F(GovernanceTest, PartyOrgsAreListedWithinTheScope) {
  auto party = signed_in("party");
  auto reply = party->get("/api/v1/governance/party-orgs?node=" + id_of("desheng-xincun"));
  ASSERT_EQ(reply.status, 200);
  EXPECT_EQ(reply.json()["items"].size(), 13u);
  EXPECT_EQ(party->get("/api/v1/governance/party-orgs").status, 403);
  EXPECT_EQ(signed_in("admin")->patch("/api/v1/governance/party-orgs/99999999", json{{"name", "x"}}).status, 404);
}

TEST_F(GovernanceTest, CommissionerMayNotRenameAPartyOrg) {
  auto admin = signed_in("admin");
  auto id = admin->get("/api/v1/governance/party-orgs?node=" + id_of("desheng-xincun")).json()["items"][0]["id"];
  auto reply =
      signed_in("commissioner")
          ->patch("/api/v1/governance/party-orgs/" + std::to_string(id.get<std::int64_t>()), json{{"name", "改名"}});
  EXPECT_EQ(reply.status, 403);
}

// --- Grids and social organisations ---

TEST_F(GovernanceTest, EveryBuildingOfTheStreetLiesInOneSeededGridWithAChief) {
  auto items = signed_in("admin")->get("/api/v1/governance/grids").json()["items"];
  std::size_t buildings = 0;
  for (const auto& grid : items) {
    EXPECT_FALSE(grid["chief"].is_null());
    buildings += grid["building_ids"].size();
  }
  EXPECT_EQ(static_cast<std::int64_t>(buildings), count("SELECT COUNT(*) FROM org_nodes WHERE kind = 'building'"));
  EXPECT_GE(items.size(), 8u);
}

TEST_F(GovernanceTest, ABuildingInAGridCannotJoinAnotherIs409) {
  auto admin = signed_in("admin");
  auto grid = admin->get("/api/v1/governance/grids?node=" + id_of("desheng")).json()["items"][0];
  std::int64_t before = count("SELECT COUNT(*) FROM grids");
  auto reply = admin->post("/api/v1/governance/grids", json{{"community_id", node("desheng")},
                                                            {"name", "德胜社区第九网格"},
                                                            {"building_ids", {grid["building_ids"][0]}}});
  EXPECT_EQ(reply.status, 409);
  EXPECT_EQ(reply.error_field(), "building_ids[0]");
  EXPECT_EQ(count("SELECT COUNT(*) FROM grids"), before);
}

TEST_F(GovernanceTest, ANewBuildingCanFormANewGrid) {
  auto admin = signed_in("admin");
  auto building =
      admin->post("/api/v1/org/nodes",
                  json{{"parent_id", node("c-deshengba")}, {"kind", "building"}, {"name", "20幢"}, {"floors", 6}});
  ASSERT_EQ(building.status, 201) << building.body;
  auto reply = signed_in("director")
                   ->post("/api/v1/governance/grids", json{{"community_id", node("desheng")},
                                                           {"name", "德胜社区第九网格"},
                                                           {"chief_person_id", person_of_login("commissioner")},
                                                           {"building_ids", {building.json()["id"]}}});
  ASSERT_EQ(reply.status, 201) << reply.body;
  EXPECT_EQ(reply.json()["building_ids"], json::array({building.json()["id"]}));
}

TEST_F(GovernanceTest, GridOfAnotherCommunitysBuildingIs422AndMissingNameIs400) {
  auto admin = signed_in("admin");
  auto other = admin->get("/api/v1/governance/grids?node=" + id_of("cuiyu")).json()["items"][0]["building_ids"][0];
  auto reply = admin->post("/api/v1/governance/grids",
                           json{{"community_id", node("desheng")}, {"name", "越界网格"}, {"building_ids", {other}}});
  EXPECT_EQ(reply.status, 422);
  EXPECT_EQ(reply.error_field(), "building_ids[0]");
  auto missing = admin->post("/api/v1/governance/grids", json{{"community_id", node("desheng")}});
  EXPECT_EQ(missing.status, 400);
  EXPECT_EQ(missing.error_field(), "name");
}

TEST_F(GovernanceTest, SocialOrganisationsAreSeededAndCanBeAttachedToACompound) {
  auto admin = signed_in("admin");
  auto seeded = admin->get("/api/v1/governance/social-orgs").json()["items"];
  ASSERT_EQ(seeded.size(), 3u);
  EXPECT_NE(seeded[0]["name"].get<std::string>().find("金牌调解"), std::string::npos);
  auto reply = signed_in("secretary")
                   ->post("/api/v1/governance/social-orgs", json{{"name", "德胜新村邻里互助会"},
                                                                 {"node_id", node("desheng-xincun")},
                                                                 {"service", "邻里互助、代购代办"}});
  ASSERT_EQ(reply.status, 201) << reply.body;
  EXPECT_EQ(reply.json()["node"]["name"], "德胜新村");
  EXPECT_EQ(signed_in("commissioner")
                ->get("/api/v1/governance/social-orgs?node=" + id_of("desheng-xincun"))
                .json()["items"]
                .size(),
            1u);
}

TEST_F(GovernanceTest, SocialOrganisationOnABuildingIs422AndBlankServiceIs400) {
  auto admin = signed_in("admin");
  auto building = admin->get("/api/v1/governance/grids?node=" + id_of("desheng")).json()["items"][0]["building_ids"][0];
  auto reply = admin->post("/api/v1/governance/social-orgs",
                           json{{"name", "楼道小组"}, {"node_id", building}, {"service", "楼道清洁"}});
  EXPECT_EQ(reply.status, 422);
  EXPECT_EQ(reply.error_field(), "node_id");
  auto blank = admin->post("/api/v1/governance/social-orgs",
                           json{{"name", "志愿队"}, {"node_id", node("desheng")}, {"service", ""}});
  EXPECT_EQ(blank.status, 400);
  EXPECT_EQ(blank.error_field(), "service");
}

TEST_F(GovernanceTest, SocialOrgAccountMayReadButNotWrite) {
  auto client = signed_in("social-org");
  EXPECT_EQ(client->get("/api/v1/governance/social-orgs?node=" + id_of("desheng")).status, 200);
  auto reply = client->post("/api/v1/governance/social-orgs",
                            json{{"name", "志愿队"}, {"node_id", node("desheng")}, {"service", "助老"}});
  EXPECT_EQ(reply.status, 403);
}

TEST_F(GovernanceTest, ResidentsHaveNoGovernanceViewBeyondTheirCompoundsChain) {
  auto resident = signed_in("resident");
  EXPECT_EQ(resident->get("/api/v1/governance/coverage?node=" + id_of("desheng")).status, 403);
  EXPECT_EQ(resident->get("/api/v1/governance/commissioners?node=" + id_of("desheng-xincun")).status, 403);
  EXPECT_EQ(resident->get("/api/v1/governance/compounds/" + id_of("desheng-xincun") + "/party").status, 403);
}
