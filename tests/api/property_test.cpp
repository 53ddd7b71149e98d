// Property service over HTTP on the Test seed: companies with their credit codes and staff, clusters with their
// operators, moved communities and history, contracts adopted and ended only by passed matter-4 votes of their
// compound, the task catalogue's moves, who sees and changes what, hostile input that writes nothing, and the
// full demo street's figures (3 companies, 2 local, 1 external, 3 clusters, 1 joint operation, 17 tasks moved).
#include <chrono>

#include "modules/org/registry.hpp"
#include "modules/org/store.hpp"
#include "modules/property/store.hpp"
#include "modules/voting/voting.hpp"
#include "support/test_server.hpp"

using nlohmann::json;
using weizhi::testing::ApiTest;
using weizhi::testing::HttpClient;
namespace voting = weizhi::voting;

namespace {
using Days = std::chrono::duration<std::int64_t, std::ratio<86400>>;

std::string today() { return weizhi::street_date(std::chrono::system_clock::now()); }

std::string id_path(const std::string& base, const json& record, const std::string& rest = "") {
  return base + "/" + std::to_string(record["id"].get<std::int64_t>()) + rest;
}

const char* kCompanies = "/api/v1/property/companies";
const char* kClusters = "/api/v1/property/clusters";
const char* kContracts = "/api/v1/property/contracts";
const char* kTasks = "/api/v1/property/tasks";

// Valid codes (GB 32100-2015 check characters) no seeded company has.
const char* kFreeCode = "91330105MA2KJ7TE3B";
const char* kOtherFreeCode = "91330105MA2B7LPQ4U";

}  // namespace

class PropertyTest : public ApiTest {
 protected:
  // A vote of `matter` on the compound, every voter answering `choice`; counted two days ago unless `open`.
  std::int64_t vote(int matter, const std::string& compound_code, voting::Choice choice, bool open = false) {
    std::int64_t compound = node(compound_code);
    return db().write([&](weizhi::store::Tx& tx) {
      auto organiser = tx.query_one("SELECT id FROM users WHERE login = 'admin'")->i64(0);
      auto opened = tx.now() - Days(10);
      auto closes = open ? tx.now() + Days(5) : tx.now() - Days(2);
      voting::VoteInput input{compound,
                              "物业选聘表决",
                              matter,
                              voting::VoteScope{},
                              {"同意选聘"},
                              weizhi::iso_utc(opened),
                              weizhi::iso_utc(closes),
                              {voting::Channel::Online},
                              voting::Policies{}};
      std::int64_t id = voting::create_vote(
          tx, voting::check_vote_terms(input, voting::terms_facts(tx.connection(), input)), organiser);
      auto roll = voting::open_vote(tx, *voting::find_vote(tx.connection(), id), opened);
      auto cast = *voting::find_vote(tx.connection(), id);
      for (auto voter : voting::electorate_of(roll).owner_ids) {
        voting::record_ballot(tx, cast,
                              voting::NewBallot{voter, voting::Channel::Online, {choice}, organiser, std::nullopt},
                              opened + Days(1));
      }
      if (!open) voting::close_vote(tx, cast, closes);
      return id;
    });
  }

  json company_named(HttpClient& client, const std::string& name) {
    auto reply = client.get(kCompanies);
    json items = reply.json()["items"];
    for (const auto& company : items) {
      if (company["name"] == name) return company;
    }
    ADD_FAILURE() << "no company " << name << ": " << reply.body;
    return json::object();
  }

  json cluster_coded(HttpClient& client, const std::string& code) {
    auto reply = client.get(kClusters);
    json items = reply.json()["items"];
    for (const auto& cluster : items) {
      if (cluster["code"] == code) return cluster;
    }
    ADD_FAILURE() << "no cluster " << code << ": " << reply.body;
    return json::object();
  }

  json draft(HttpClient& client, const std::string& compound_code, std::int64_t company_id) {
    auto reply = client.post(kContracts, json{{"compound_id", node(compound_code)},
                                              {"company_id", company_id},
                                              {"starts_on", today()},
                                              {"ends_on", "2029-12-31"},
                                              {"base_fen", 1'800'000},
                                              {"pool_fen", 360'000},
                                              {"services", {"parking-order", "保洁"}},
                                              {"gate_tiers", {"main", "small"}}});
    EXPECT_EQ(reply.status, 201) << reply.body;
    return reply.json();
  }

  std::int64_t audit_count(const std::string& action) {
    return db().read()->scalar("SELECT COUNT(*) FROM audit_log WHERE action = ?", {action});
  }

  std::int64_t property_audits() {
    return db().read()->scalar("SELECT COUNT(*) FROM audit_log WHERE action LIKE 'property.%'");
  }

  // A second street with a community, a compound, a company and a task: nothing of it may be linked from ours.
  struct OtherStreet {
    std::int64_t street, community, compound, company, task;
  };
  OtherStreet other_street() {
    return db().write([&](weizhi::store::Tx& tx) {
      auto street =
          weizhi::org::insert_node(tx, std::nullopt, weizhi::org::NodeKind::Street, "湖墅街道", "other-street");
      auto community = weizhi::org::create_community(tx, street, "湖墅社区", "other-community");
      auto compound = weizhi::org::create_compound(tx, community, "湖墅小区", "other-compound");
      std::int64_t company = weizhi::property::insert_company(
          tx, street.id, {"湖墅物业", kOtherFreeCode, weizhi::property::Origin::Local, {}, {}, {}});
      std::int64_t task = weizhi::property::insert_task(
          tx, street.id, {"parking", "停车管理", weizhi::property::Holder::Community, "2025-01-01", {}});
      return OtherStreet{street.id, community.id, compound.id, company, task};
    });
  }
};

TEST_F(PropertyTest, CompaniesAreCreatedWithAValidCreditCodeOnceAndListedWithTheirStaff) {
  auto admin = signed_in("admin");
  json company{{"name", "湖光物业"},
               {"credit_code", kFreeCode},
               {"origin", "local"},
               {"specialities", {"保洁"}},
               {"contacts", {{{"name", "李强"}, {"title", "经理"}, {"phone", "0571-1234"}}}}};
  for (const char* wrong :
       {"91330105MA2KJ7TE3C", "91330105ma2kj7te3b", "91330105MA2KJ7TE3", "91330105MI2KJ7TE3B", "91330105MA2KJ7TE3BB"}) {
    json bad = company;
    bad["credit_code"] = wrong;
    auto reply = admin->post(kCompanies, bad);
    EXPECT_EQ(reply.status, 400) << wrong;
    EXPECT_EQ(reply.error_field(), "credit_code") << wrong;
  }
  auto created = admin->post(kCompanies, company);
  ASSERT_EQ(created.status, 201) << created.body;
  EXPECT_EQ(created.json()["street"]["id"], node("street"));
  EXPECT_EQ(created.json()["origin"], "local");
  EXPECT_EQ(created.json()["compounds_under_contract"], 0);
  auto again = admin->post(kCompanies, company);
  EXPECT_EQ(again.status, 409);
  EXPECT_EQ(again.error_field(), "credit_code");
  EXPECT_EQ(audit_count("property.company.create"), 1);

  auto items = admin->get(kCompanies).json()["items"];
  ASSERT_EQ(items.size(), 4u) << "the three seeded and the new one";
  json external = company_named(*admin, "新南北物业服务有限公司");
  EXPECT_EQ(external["origin"], "external");
  EXPECT_EQ(external["staff"].size(), 2u) << "the demo property accounts";
  EXPECT_GT(external["compounds_under_contract"].get<int>(), 0);

  auto renamed = admin->patch(id_path(kCompanies, created.json()), json{{"name", "湖光物业服务有限公司"}});
  ASSERT_EQ(renamed.status, 200) << renamed.body;
  EXPECT_EQ(renamed.json()["name"], "湖光物业服务有限公司");
  EXPECT_EQ(renamed.json()["credit_code"], kFreeCode);
  EXPECT_EQ(admin->patch(id_path(kCompanies, created.json()), json{{"credit_code", external["credit_code"]}}).status,
            409);
}

TEST_F(PropertyTest, OnlyPropertyAccountsOfTheStreetAreLinkedAsStaff) {
  auto admin = signed_in("admin");
  json company = company_named(*admin, "君尚物业管理有限公司");
  auto user_of = [&](const std::string& login) {
    return db().read()->scalar("SELECT id FROM users WHERE login = ?", {login});
  };
  auto grid = admin->post(id_path(kCompanies, company, "/staff"), json{{"user_id", user_of("grid")}});
  EXPECT_EQ(grid.status, 422);
  EXPECT_EQ(grid.error_field(), "user_id");
  EXPECT_EQ(admin->post(id_path(kCompanies, company, "/staff"), json{{"user_id", 999999}}).status, 404);
  auto linked = admin->post(id_path(kCompanies, company, "/staff"), json{{"user_id", user_of("property-staff")}});
  ASSERT_EQ(linked.status, 201) << linked.body;
  EXPECT_EQ(linked.json()["staff"].size(), 1u);
  EXPECT_EQ(linked.json()["staff"][0]["role"], "property_staff");
  EXPECT_EQ(company_named(*admin, "新南北物业服务有限公司")["staff"].size(), 1u) << "one company at a time";
  auto unlinked = admin->del(id_path(kCompanies, company, "/staff/" + std::to_string(user_of("property-staff"))));
  EXPECT_EQ(unlinked.status, 200) << unlinked.body;
  EXPECT_EQ(admin->del(id_path(kCompanies, company, "/staff/" + std::to_string(user_of("property-staff")))).status,
            404);
}

TEST_F(PropertyTest, ClustersShowTheirLeadPartnersAndCompoundsAndANewLeadEndsTheOldOneTheDayBefore) {
  auto admin = signed_in("admin");
  json north = cluster_coded(*admin, "cluster-north");
  EXPECT_EQ(north["lead"]["name"], "新南北物业服务有限公司");
  EXPECT_EQ(north["lead"]["origin"], "external");
  ASSERT_EQ(north["partners"].size(), 1u);
  EXPECT_TRUE(north["joint_operation"]);
  ASSERT_EQ(north["communities"].size(), 2u);
  for (const auto& community : north["communities"]) {
    for (const auto& compound : community["compounds"]) {
      EXPECT_EQ(compound["contract"]["company"]["name"], "新南北物业服务有限公司") << compound["name"];
      EXPECT_EQ(compound["contract"]["state"], "in_force");
    }
  }
  json east = cluster_coded(*admin, "cluster-east");
  EXPECT_FALSE(east["joint_operation"]);

  json cleaning = company_named(*admin, "君尚物业管理有限公司");
  auto started = admin->post(id_path(kClusters, east, "/operators"),
                             json{{"company_id", cleaning["id"]}, {"role", "lead"}, {"since", "2026-01-01"}});
  EXPECT_EQ(started.status, 409) << "already its lead";
  EXPECT_EQ(started.error_field(), "company_id");
  json external = company_named(*admin, "新南北物业服务有限公司");
  auto too_early = admin->post(id_path(kClusters, east, "/operators"),
                               json{{"company_id", external["id"]}, {"role", "lead"}, {"since", "2024-06-01"}});
  EXPECT_EQ(too_early.status, 422);
  EXPECT_EQ(too_early.error_field(), "since");
  auto lead = admin->post(id_path(kClusters, east, "/operators"),
                          json{{"company_id", external["id"]}, {"role", "lead"}, {"since", "2026-03-01"}});
  ASSERT_EQ(lead.status, 201) << lead.body;
  EXPECT_EQ(lead.json()["lead"]["name"], "新南北物业服务有限公司");

  auto history = admin->get(id_path(kClusters, east, "/history")).json()["items"];
  ASSERT_EQ(history.size(), 3u) << history.dump();
  EXPECT_EQ(history[0]["kind"], "operator_started");
  EXPECT_EQ(history[0]["by"], nullptr) << "seeded";
  EXPECT_EQ(history[1]["kind"], "operator_ended");
  EXPECT_EQ(history[1]["on"], "2026-02-28");
  EXPECT_EQ(history[1]["company"]["name"], "君尚物业管理有限公司");
  EXPECT_EQ(history[2]["kind"], "operator_started");
  EXPECT_EQ(history[2]["on"], "2026-03-01");
  EXPECT_EQ(history[2]["by"]["role"], "street_admin");

  // A partner joins, and its term ends.
  json hotel = company_named(*admin, "德翠旅居物业管理有限公司");
  auto partner = admin->post(id_path(kClusters, east, "/operators"),
                             json{{"company_id", hotel["id"]}, {"role", "partner"}, {"since", "2026-03-01"}});
  ASSERT_EQ(partner.status, 201) << partner.body;
  EXPECT_TRUE(partner.json()["joint_operation"]);
  std::int64_t operator_id = partner.json()["partners"][0]["operator_id"];
  EXPECT_EQ(operator_id, db().read()->scalar("SELECT MAX(id) FROM property_cluster_operators WHERE company_id = ?",
                                             {hotel["id"].get<std::int64_t>()}));
  auto path = id_path(kClusters, east, "/operators/" + std::to_string(operator_id) + "/end");
  EXPECT_EQ(admin->post(path, json{{"until", "2026-02-01"}}).status, 400);
  auto ended = admin->post(path, json{{"until", today()}});
  ASSERT_EQ(ended.status, 200) << ended.body;
  EXPECT_EQ(admin->post(path, json{{"until", today()}}).status, 409);
  auto other_cluster = admin->post(id_path(kClusters, north, "/operators/" + std::to_string(operator_id) + "/end"),
                                   json{{"until", today()}});
  EXPECT_EQ(other_cluster.status, 404) << "an operator of another cluster";
}

TEST_F(PropertyTest, ACommunityMovesBetweenClustersWithHistory) {
  auto admin = signed_in("admin");
  json north = cluster_coded(*admin, "cluster-north");
  json east = cluster_coded(*admin, "cluster-east");
  auto moved = admin->post(id_path(kClusters, east, "/communities"),
                           json{{"community_id", node("cuiyu")}, {"on", "2026-06-01"}});
  ASSERT_EQ(moved.status, 201) << moved.body;
  EXPECT_EQ(moved.json()["communities"].size(), 4u);
  EXPECT_EQ(cluster_coded(*admin, "cluster-north")["communities"].size(), 1u);
  EXPECT_TRUE(cluster_coded(*admin, "cluster-north")["joint_operation"]) << "operators stay with the cluster";
  auto again = admin->post(id_path(kClusters, east, "/communities"),
                           json{{"community_id", node("cuiyu")}, {"on", "2026-07-01"}});
  EXPECT_EQ(again.status, 409);
  EXPECT_EQ(again.error_field(), "community_id");
  auto back_before = admin->post(id_path(kClusters, north, "/communities"),
                                 json{{"community_id", node("cuiyu")}, {"on", "2026-05-01"}});
  EXPECT_EQ(back_before.status, 400);
  EXPECT_EQ(back_before.error_field(), "on");
  auto compound = admin->post(id_path(kClusters, north, "/communities"),
                              json{{"community_id", node("c-cuiyu")}, {"on", "2026-07-01"}});
  EXPECT_EQ(compound.status, 404) << "a compound is no community";

  auto left = admin->get(id_path(kClusters, north, "/history")).json()["items"];
  EXPECT_EQ(left.back()["kind"], "community_left");
  EXPECT_EQ(left.back()["community"]["name"], "翠玉社区");
  auto joined = admin->get(id_path(kClusters, east, "/history")).json()["items"];
  EXPECT_EQ(joined.back()["kind"], "community_joined");
  EXPECT_EQ(joined.back()["on"], "2026-06-01");
  EXPECT_EQ(db().read()->scalar("SELECT cluster_id FROM property_cluster_communities WHERE community_node_id = ?",
                                {node("cuiyu")}),
            east["id"].get<std::int64_t>());
}

TEST_F(PropertyTest, AContractComesIntoForceOnlyByAPassedMatterFourVoteOfItsCompoundEndingThePreviousOne) {
  auto secretary = signed_in("secretary");
  auto admin = signed_in("admin");
  json cleaning = company_named(*admin, "君尚物业管理有限公司");
  json previous =
      secretary->get(std::string("/api/v1/property/compounds/") + std::to_string(node("desheng-xincun")) + "/contract")
          .json()["contract"];
  ASSERT_TRUE(previous.is_object());
  EXPECT_NE(previous["adopted_by"], nullptr) << "the pilot's contracts were adopted by votes";
  json contract = draft(*secretary, "desheng-xincun", cleaning["id"]);
  EXPECT_EQ(contract["state"], "draft");
  EXPECT_EQ(contract["compound"]["community"]["name"], "德胜社区");
  std::string adopt = id_path(kContracts, contract, "/adopt");

  auto refused = [&](std::int64_t vote_id, const std::string& field, int status = 422) {
    auto reply = secretary->post(adopt, json{{"vote_id", vote_id}, {"vote_item", 1}, {"adopted_on", today()}});
    EXPECT_EQ(reply.status, status) << reply.body;
    EXPECT_EQ(reply.error_field(), field) << reply.body;
  };
  refused(vote(4, "desheng-xincun", voting::Choice::Oppose), "vote_item");
  refused(vote(2, "desheng-xincun", voting::Choice::Agree), "vote_id");
  refused(vote(4, "c-deshengba", voting::Choice::Agree), "vote_id");
  refused(vote(4, "desheng-xincun", voting::Choice::Agree, true), "vote_id");
  refused(999999, "vote_id", 404);
  std::int64_t passed = vote(4, "desheng-xincun", voting::Choice::Agree);
  auto bad_item = secretary->post(adopt, json{{"vote_id", passed}, {"vote_item", 2}, {"adopted_on", today()}});
  EXPECT_EQ(bad_item.status, 422);
  EXPECT_EQ(bad_item.error_field(), "vote_item");
  EXPECT_EQ(audit_count("property.contract.adopt"), 0);

  auto adopted = secretary->post(adopt, json{{"vote_id", passed}, {"vote_item", 1}, {"adopted_on", today()}});
  ASSERT_EQ(adopted.status, 200) << adopted.body;
  EXPECT_EQ(adopted.json()["state"], "in_force");
  EXPECT_EQ(adopted.json()["adopted_by"]["vote"]["id"], passed);
  EXPECT_EQ(adopted.json()["adopted_by"]["vote"]["title"], "物业选聘表决");
  EXPECT_EQ(adopted.json()["adopted_on"], today());
  auto ended = secretary->get(id_path(kContracts, previous)).json();
  EXPECT_EQ(ended["state"], "ended");
  EXPECT_EQ(ended["ended_on"], today());
  EXPECT_EQ(ended["ended_by"]["vote"]["id"], passed);
  EXPECT_EQ(secretary->post(adopt, json{{"vote_id", passed}, {"adopted_on", today()}}).status, 409);
  EXPECT_EQ(secretary->patch(id_path(kContracts, contract), json{{"base_fen", 1}}).status, 409) << "no longer a draft";
  EXPECT_EQ(audit_count("property.contract.adopt"), 1);

  // Ending early (解聘) needs a vote too.
  std::string end = id_path(kContracts, contract, "/end");
  auto no_reason = secretary->post(end, json{{"vote_id", passed}, {"ended_on", today()}});
  EXPECT_EQ(no_reason.status, 400);
  auto other_matter = secretary->post(
      end, json{{"vote_id", vote(5, "desheng-xincun", voting::Choice::Agree)}, {"ended_on", today()}, {"reason", "x"}});
  EXPECT_EQ(other_matter.status, 422);
  auto dismissal = vote(4, "desheng-xincun", voting::Choice::Agree);
  auto ended_early =
      secretary->post(end, json{{"vote_id", dismissal}, {"ended_on", today()}, {"reason", "服务质量不达标"}});
  ASSERT_EQ(ended_early.status, 200) << ended_early.body;
  EXPECT_EQ(ended_early.json()["state"], "ended");
  EXPECT_EQ(ended_early.json()["end_reason"], "服务质量不达标");
  auto none =
      secretary->get(std::string("/api/v1/property/compounds/") + std::to_string(node("desheng-xincun")) + "/contract");
  EXPECT_EQ(none.json()["contract"], nullptr);
}

TEST_F(PropertyTest, DraftsAreEditedUntilAdoptedAndTheirTermsChecked) {
  auto secretary = signed_in("secretary");
  json cleaning = company_named(*secretary, "君尚物业管理有限公司");
  json contract = draft(*secretary, "c-deshengba", cleaning["id"]);
  auto edited = secretary->patch(id_path(kContracts, contract), json{{"pool_fen", 0}, {"gate_tiers", {"middle"}}});
  ASSERT_EQ(edited.status, 200) << edited.body;
  EXPECT_EQ(edited.json()["pool_fen"], 0);
  EXPECT_EQ(edited.json()["base_fen"], 1'800'000);
  EXPECT_EQ(edited.json()["gate_tiers"], json::array({"middle"}));
  for (const auto& [body, field] :
       std::vector<std::pair<json, std::string>>{{{{"base_fen", -1}}, "base_fen"},
                                                 {{{"base_fen", 1.5}}, "base_fen"},
                                                 {{{"base_fen", "100"}}, "base_fen"},
                                                 {{{"ends_on", "2020-01-01"}}, "ends_on"},
                                                 {{{"gate_tiers", {"back"}}}, "gate_tiers[0]"},
                                                 {{{"services", json::array({std::string(200, 'x')})}}, "services[0]"},
                                                 {{{"services", "保洁"}}, "services"},
                                                 {{{"company_id", 999999}}, "company_id"}}) {
    auto reply = secretary->patch(id_path(kContracts, contract), body);
    EXPECT_GE(reply.status, 400) << body.dump();
    EXPECT_LT(reply.status, 500) << body.dump();
    EXPECT_EQ(reply.error_field(), field) << body.dump();
  }
  EXPECT_EQ(secretary->get(id_path(kContracts, contract)).json()["pool_fen"], 0) << "nothing written";
  EXPECT_EQ(audit_count("property.contract.update"), 1);
}

TEST_F(PropertyTest, TasksMoveToTheOtherHolderWithHistory) {
  auto admin = signed_in("admin");
  auto items = admin->get(kTasks).json()["items"];
  ASSERT_EQ(items.size(), 20u);
  std::size_t held = 0;
  json waste;
  for (const auto& task : items) {
    if (task["holder"] == "property") ++held;
    if (task["code"] == "waste-sorting") waste = task;
    EXPECT_FALSE(task["service_items"].empty()) << task["code"];
  }
  EXPECT_EQ(held, 17u);
  EXPECT_EQ(waste["service_items"][0]["name"], "垃圾分类督导");
  auto moved = admin->post(id_path(kTasks, waste, "/move"),
                           json{{"holder", "property"}, {"on", "2026-09-01"}, {"note", "物业企业承接"}});
  ASSERT_EQ(moved.status, 200) << moved.body;
  EXPECT_EQ(moved.json()["holder"], "property");
  EXPECT_EQ(moved.json()["moves"], 1);
  auto again = admin->post(id_path(kTasks, waste, "/move"), json{{"holder", "property"}, {"on", "2026-10-01"}});
  EXPECT_EQ(again.status, 409);
  EXPECT_EQ(again.error_field(), "holder");
  auto back = admin->post(id_path(kTasks, waste, "/move"), json{{"holder", "community"}, {"on", "2026-10-01"}});
  ASSERT_EQ(back.status, 200) << back.body;
  auto history = admin->get(id_path(kTasks, waste, "/history")).json()["items"];
  ASSERT_EQ(history.size(), 2u);
  EXPECT_EQ(history[0]["from"], "community");
  EXPECT_EQ(history[0]["to"], "property");
  EXPECT_EQ(history[0]["note"], "物业企业承接");
  EXPECT_EQ(history[0]["by"]["role"], "street_admin");
  EXPECT_EQ(history[1]["on"], "2026-10-01");

  auto created = admin->post(kTasks, json{{"code", "snow"}, {"name", "除雪防滑"}, {"service_items", {"road-damage"}}});
  ASSERT_EQ(created.status, 201) << created.body;
  EXPECT_EQ(created.json()["holder"], "community");
  auto unknown = admin->post(kTasks, json{{"code", "snow2"}, {"name", "除雪"}, {"service_items", {"no-such-item"}}});
  EXPECT_EQ(unknown.status, 422);
  EXPECT_EQ(unknown.error_field(), "service_items[0]");
  EXPECT_EQ(admin->post(kTasks, json{{"code", "snow"}, {"name", "除雪"}}).status, 409);
}

TEST_F(PropertyTest, ACompanysStaffSeeOnlyItsContractsAndResidentsOnlyTheirCompoundsPublicOne) {
  auto secretary = signed_in("secretary");
  json cleaning = company_named(*secretary, "君尚物业管理有限公司");
  json other = draft(*secretary, "desheng-xincun", cleaning["id"]);

  auto manager = signed_in("property");
  auto desheng = "?node=" + std::to_string(node("desheng"));
  auto listed = manager->get(kContracts + desheng);
  ASSERT_EQ(listed.status, 200) << listed.body;
  ASSERT_FALSE(listed.json()["items"].empty());
  json mine = listed.json()["items"];
  for (const auto& contract : mine) {
    EXPECT_EQ(contract["company"]["name"], "新南北物业服务有限公司");
  }
  EXPECT_EQ(secretary->get(kContracts + desheng).json()["items"].size(), listed.json()["items"].size() + 1);
  EXPECT_TRUE(manager->get(kContracts + desheng + "&company=" + std::to_string(cleaning["id"].get<int>()))
                  .json()["items"]
                  .empty());
  EXPECT_EQ(manager->get(id_path(kContracts, other)).status, 404);
  EXPECT_EQ(manager->post(id_path(kContracts, other, "/adopt"), json{{"vote_id", 1}}).status, 403);

  auto outside = secretary->post(kContracts, json{{"compound_id", node("c-dongyi")},
                                                  {"company_id", cleaning["id"]},
                                                  {"starts_on", today()},
                                                  {"ends_on", "2029-12-31"},
                                                  {"base_fen", 1},
                                                  {"pool_fen", 1}});
  EXPECT_EQ(outside.status, 403) << "another community's compound";
  EXPECT_EQ(secretary->post(kCompanies, json{{"name", "x"}, {"credit_code", kFreeCode}, {"origin", "local"}}).status,
            403)
      << "companies are the street's";

  auto resident = signed_in("resident");
  auto own =
      resident->get(std::string("/api/v1/property/compounds/") + std::to_string(node("desheng-xincun")) + "/contract");
  ASSERT_EQ(own.status, 200) << own.body;
  EXPECT_EQ(own.json()["contract"]["company"]["name"], "新南北物业服务有限公司");
  EXPECT_FALSE(own.json()["contract"].contains("base_fen"));
  EXPECT_EQ(
      resident->get(std::string("/api/v1/property/compounds/") + std::to_string(node("c-deshengba")) + "/contract")
          .status,
      403);
  EXPECT_EQ(resident->get(kContracts).status, 403);
  EXPECT_EQ(resident->get(kCompanies).status, 403);
}

TEST_F(PropertyTest, IdsOfAnotherStreetAndMalformedBodiesAreRefusedWritingNothing) {
  OtherStreet far = other_street();
  auto admin = signed_in("admin");
  json cleaning = company_named(*admin, "君尚物业管理有限公司");
  json east = cluster_coded(*admin, "cluster-east");
  std::int64_t contracts = rows_in("property_contracts");
  std::int64_t operators = rows_in("property_cluster_operators");
  std::int64_t moves = rows_in("property_cluster_moves");
  std::int64_t audits = property_audits();

  // Our contract naming their company, their compound naming ours.
  auto their_company = admin->post(kContracts, json{{"compound_id", node("desheng-xincun")},
                                                    {"company_id", far.company},
                                                    {"starts_on", today()},
                                                    {"ends_on", "2029-12-31"},
                                                    {"base_fen", 1},
                                                    {"pool_fen", 1}});
  EXPECT_EQ(their_company.status, 404);
  EXPECT_EQ(their_company.error_field(), "company_id");
  auto their_compound = admin->post(kContracts, json{{"compound_id", far.compound},
                                                     {"company_id", cleaning["id"]},
                                                     {"starts_on", today()},
                                                     {"ends_on", "2029-12-31"},
                                                     {"base_fen", 1},
                                                     {"pool_fen", 1}});
  EXPECT_GE(their_compound.status, 403);
  EXPECT_LE(their_compound.status, 404);
  auto operator_there = admin->post(id_path(kClusters, east, "/operators"),
                                    json{{"company_id", far.company}, {"role", "partner"}, {"since", today()}});
  EXPECT_EQ(operator_there.status, 404);
  EXPECT_EQ(operator_there.error_field(), "company_id");
  auto community_there =
      admin->post(id_path(kClusters, east, "/communities"), json{{"community_id", far.community}, {"on", today()}});
  EXPECT_EQ(community_there.status, 404);
  EXPECT_EQ(community_there.error_field(), "community_id");
  // The vote of another compound: 422, and an unknown one 404, naming vote_id.
  json contract = draft(*admin, "desheng-xincun", cleaning["id"]);
  ++contracts;
  ++audits;
  auto foreign_vote = admin->post(id_path(kContracts, contract, "/adopt"),
                                  json{{"vote_id", vote(4, "c-dongyi", voting::Choice::Agree)}});
  EXPECT_EQ(foreign_vote.status, 422);
  EXPECT_EQ(foreign_vote.error_field(), "vote_id");
  // Their street's records are not the admin's: the admin's scope is our street.
  EXPECT_EQ(admin->get(std::string(kCompanies) + "/" + std::to_string(far.company)).status, 403);
  EXPECT_EQ(admin
                ->post(std::string(kTasks) + "/" + std::to_string(far.task) + "/move",
                       json{{"holder", "property"}, {"on", today()}})
                .status,
            403);

  for (const auto& body : std::vector<json>{
           json{{"name", 5}, {"credit_code", kFreeCode}, {"origin", "local"}},
           json{{"name", "x"}, {"credit_code", kFreeCode}, {"origin", "abroad"}},
           json{{"name", std::string(400, 'x')}, {"credit_code", kFreeCode}, {"origin", "local"}},
           json{{"name", "x"}, {"credit_code", kFreeCode}, {"origin", "local"}, {"contacts", {{{"name", "a"}}}}},
           json{{"name", "x"}, {"credit_code", kFreeCode}, {"origin", "local"}, {"specialities", {1, 2}}},
           json{{"name", "x"}, {"credit_code", kFreeCode}, {"origin", "local"}, {"street_id", node("desheng")}},
           json{{"name", "x"}, {"credit_code", kFreeCode}, {"origin", "local"}, {"unknown", 1}}}) {
    auto reply = admin->post(kCompanies, body);
    EXPECT_GE(reply.status, 400) << body.dump();
    EXPECT_LT(reply.status, 500) << body.dump();
  }
  auto not_json = admin->post(kTasks, std::string("{\"code\":"));
  EXPECT_EQ(not_json.status, 400);
  auto huge_note = admin->post(std::string(kTasks) + "/1/move",
                               json{{"holder", "property"}, {"on", today()}, {"note", std::string(5000, 'x')}});
  EXPECT_GE(huge_note.status, 400);
  EXPECT_LT(huge_note.status, 500);
  EXPECT_EQ(admin->post(id_path(kClusters, east, "/operators"), json{{"company_id", "1"}, {"role", "lead"}}).status,
            400);
  EXPECT_EQ(admin->get(std::string(kContracts) + "?state=signed").status, 400);
  EXPECT_EQ(admin->get(std::string(kClusters) + "/999999/history").status, 404);

  EXPECT_EQ(rows_in("property_contracts"), contracts);
  EXPECT_EQ(rows_in("property_cluster_operators"), operators);
  EXPECT_EQ(rows_in("property_cluster_moves"), moves);
  EXPECT_EQ(rows_in("property_companies"), 4) << "the three seeded and the other street's";
  EXPECT_EQ(property_audits(), audits);
}

// The full demo street: the article's figures, counted from the records.
TEST(PropertyDemoTest, TheDemoStreetHasTheArticlesCompaniesClustersAndTasks) {
  auto& street = weizhi::testing::demo_street();
  auto lease = street.db.read();
  EXPECT_EQ(lease->scalar("SELECT COUNT(*) FROM property_companies"), 3);
  EXPECT_EQ(lease->scalar("SELECT COUNT(*) FROM property_companies WHERE origin = 'local'"), 2);
  EXPECT_EQ(lease->scalar("SELECT COUNT(*) FROM property_companies WHERE origin = 'external'"), 1);
  EXPECT_EQ(lease->scalar("SELECT COUNT(DISTINCT cluster_id) FROM property_cluster_operators "
                          "WHERE role = 'lead' AND until IS NULL"),
            3);
  EXPECT_EQ(lease->scalar("SELECT COUNT(DISTINCT cluster_id) FROM property_cluster_operators "
                          "WHERE role = 'partner' AND until IS NULL"),
            1)
      << "one joint operation";
  EXPECT_EQ(lease->scalar("SELECT COUNT(*) FROM property_tasks WHERE holder = 'property'"), 17);
  EXPECT_EQ(lease->scalar("SELECT COUNT(*) FROM org_nodes n WHERE n.kind = 'compound' AND NOT EXISTS "
                          "(SELECT 1 FROM property_contracts k WHERE k.compound_node_id = n.id "
                          "AND k.state = 'in_force')"),
            0)
      << "every compound under a contract in force";
  // Each pilot contract names a counted, passed matter-4 vote of its own compound.
  auto adopted = lease->query(
      "SELECT k.compound_node_id, v.compound_node_id, v.matter, v.state FROM property_contracts k "
      "JOIN votes v ON v.id = k.adopted_vote_id");
  EXPECT_EQ(adopted.size(), 16u);
  for (const auto& row : adopted) {
    EXPECT_EQ(row.i64(0), row.i64(1));
    EXPECT_EQ(row.i64(2), 4);
    EXPECT_EQ(row.text(3), "published");
  }
}
