// Elevator retrofits over HTTP on the Test seed of 德胜新村 (two 4-floor buildings, one unit each):
// eligibility from the registry, a project refused for an ineligible unit, the stage order with
// the matter-7 consent vote run through the voting routes, the cost split by area and by floor,
// group, contract and mediations; permission and input checks; and 西四苑's demo project.
#include <chrono>
#include <map>

#include "modules/org/registry.hpp"
#include "modules/org/store.hpp"
#include "support/test_server.hpp"

using nlohmann::json;
using weizhi::testing::ApiTest;
using weizhi::testing::Reply;

namespace {

std::string hours_from_now(int hours) {
  return weizhi::iso_utc(std::chrono::system_clock::now() + std::chrono::hours(hours));
}

// The street's date `days` from today, as the server computes "today".
std::string day_from_today(int days) {
  return weizhi::street_date(std::chrono::system_clock::now() + std::chrono::days(days));
}

}  // namespace

class ElevatorTest : public ApiTest {
 protected:
  // The stairwell units of a compound, by id.
  std::vector<std::int64_t> units_of(const std::string& compound_code) {
    auto lease = db().read();
    std::vector<std::int64_t> units;
    for (const auto& row : lease->query("SELECT u.id FROM org_nodes u JOIN org_nodes b ON b.id = u.parent_id "
                                        "WHERE b.parent_id = ? AND u.kind = 'unit' ORDER BY u.id",
                                        {node(compound_code)})) {
      units.push_back(row.i64(0));
    }
    return units;
  }
  std::int64_t first_unit() { return units_of("desheng-xincun").at(0); }

  json create_project(std::int64_t unit_id) {
    auto reply = signed_in("commissioner")->post("/api/v1/elevator-projects", json{{"unit_id", unit_id}});
    EXPECT_EQ(reply.status, 201) << reply.body;
    return reply.json();
  }
  std::string path(const json& project, const std::string& rest = "") {
    return "/api/v1/elevator-projects/" + std::to_string(project["id"].get<std::int64_t>()) + rest;
  }
  Reply put(const std::string& login, const std::string& path, const json& body) {
    return signed_in(login)->send("PUT", path, body.dump());
  }
  Reply advance(const json& project, const std::string& to) {
    return signed_in("commissioner")->post(path(project, "/advance"), json{{"to", to}});
  }
  std::int64_t audit_count(const std::string& action) {
    return db().read()->scalar("SELECT COUNT(*) FROM audit_log WHERE action = ?", {action});
  }

  // Starts the consent vote, opens it, has every owner on the roll answer `choice` at a meeting,
  // and closes it after its window; returns the vote's id.
  std::int64_t run_consent_vote(const json& project, const std::string& choice) {
    auto commissioner = signed_in("commissioner");
    auto started = commissioner->post(
        path(project, "/consent-vote"),
        json{{"opens_at", hours_from_now(-1)}, {"closes_at", hours_from_now(48)}, {"channels", {"online", "meeting"}}});
    EXPECT_EQ(started.status, 201) << started.body;
    json shown = started.json();
    EXPECT_EQ(shown["stage"], "consent");
    std::int64_t vote_id = shown["vote"]["id"];
    EXPECT_EQ(shown["vote"]["matter"], 7);
    EXPECT_EQ(shown["vote"]["state"], "draft");
    std::string vote = "/api/v1/votes/" + std::to_string(vote_id);
    // The consent's matter and scope are the procedure's; the window may still be edited.
    auto rematter = commissioner->patch(vote, json{{"matter", 1}});
    EXPECT_EQ(rematter.status, 409) << rematter.body;
    EXPECT_EQ(rematter.error_field(), "matter");
    EXPECT_EQ(commissioner->patch(vote, json{{"scope", {{"kind", "compound"}}}}).error_field(), "scope");
    EXPECT_EQ(commissioner->patch(vote, json{{"closes_at", hours_from_now(72)}}).status, 200);
    EXPECT_EQ(commissioner->post(vote + "/open", json::object()).status, 200);
    std::vector<std::int64_t> voters;
    {
      auto lease = db().read();
      for (const auto& row :
           lease->query("SELECT DISTINCT owner_id FROM vote_roll WHERE vote_id = ? AND owner_id > 0", {vote_id})) {
        voters.push_back(row.i64(0));
      }
    }
    EXPECT_FALSE(voters.empty());
    auto clerk = signed_in("committee");
    for (std::int64_t voter : voters) {
      auto cast = clerk->post(vote + "/meeting-ballots", json{{"voter_id", voter}, {"choices", {choice}}});
      EXPECT_EQ(cast.status, 201) << cast.body;
    }
    db().transaction([&](weizhi::store::Tx& tx) {
      tx.exec("UPDATE votes SET closes_at = ? WHERE id = ?", {hours_from_now(-1), vote_id});
    });
    EXPECT_EQ(commissioner->post(vote + "/close", json::object()).status, 200);
    return vote_id;
  }
};

TEST_F(ElevatorTest, EligibilityListsTheUnitsWithTheirReasons) {
  // Building 2 of 德胜新村 gets an elevator in the registry.
  std::int64_t second = units_of("desheng-xincun").at(1);
  db().transaction([&](weizhi::store::Tx& tx) {
    tx.exec("UPDATE buildings SET has_elevator = 1 WHERE node_id = (SELECT parent_id FROM org_nodes WHERE id = ?)",
            {second});
  });
  auto reply = signed_in("grid")->get("/api/v1/elevators/eligibility?node=" + std::to_string(node("desheng-xincun")));
  ASSERT_EQ(reply.status, 200) << reply.body;
  json list = reply.json();
  EXPECT_EQ(list["policy"]["min_floors"], 4);
  EXPECT_EQ(list["policy"]["group_size"], 5);
  ASSERT_EQ(list["items"].size(), 2u);
  EXPECT_TRUE(list["items"][0]["eligible"].get<bool>()) << list["items"][0];
  EXPECT_EQ(list["items"][0]["building"]["floors"], 4);
  EXPECT_GE(list["items"][0]["owners"].get<std::int64_t>(), 2);
  EXPECT_FALSE(list["items"][1]["eligible"].get<bool>());
  EXPECT_EQ(list["items"][1]["reasons"], json::array({"楼栋已有电梯"}));
  EXPECT_EQ(list["eligible_units"], 1);

  auto refused = signed_in("commissioner")->post("/api/v1/elevator-projects", json{{"unit_id", second}});
  EXPECT_EQ(refused.status, 409);
  EXPECT_EQ(refused.error_field(), "unit_id");
  EXPECT_NE(refused.json()["error"]["message"].get<std::string>().find("楼栋已有电梯"), std::string::npos);

  // The street raises the minimum to 5 floors: the 4-floor unit is no longer eligible.
  auto street = "/api/v1/elevator-policies/" + std::to_string(node("street"));
  EXPECT_EQ(list["policy"]["publicity_days"], 10);
  auto no_publicity = put("admin", street, json{{"min_floors", 5}, {"group_size", 5}, {"publicity_days", 0}});
  EXPECT_EQ(no_publicity.status, 400);
  EXPECT_EQ(no_publicity.error_field(), "publicity_days");
  ASSERT_EQ(put("admin", street, json{{"min_floors", 5}, {"group_size", 5}, {"publicity_days", 7}}).status, 200);
  auto raised = signed_in("grid")->get("/api/v1/elevators/eligibility?node=" + std::to_string(first_unit())).json();
  EXPECT_EQ(raised["policy"]["min_floors"], 5);
  EXPECT_EQ(raised["policy"]["publicity_days"], 7);
  EXPECT_EQ(raised["items"][0]["reasons"], json::array({"楼栋共 4 层，不足 5 层"}));
  EXPECT_EQ(audit_count("elevators.policy.update"), 1);
}

TEST_F(ElevatorTest, ABuildingOnCollectiveLandIsNotEligible) {
  auto admin = signed_in("admin");
  std::int64_t building = 0;
  {
    auto lease = db().read();
    building = lease->scalar("SELECT parent_id FROM org_nodes WHERE id = ?", {first_unit()});
  }
  std::string building_path = "/api/v1/org/nodes/" + std::to_string(building);
  EXPECT_EQ(admin->get(building_path).json()["land"], "state_owned");
  auto bad = admin->patch(building_path, json{{"land", "rented"}});
  EXPECT_EQ(bad.status, 400);
  EXPECT_EQ(bad.error_field(), "land");
  auto recorded = admin->patch(building_path, json{{"land", "collective"}});
  ASSERT_EQ(recorded.status, 200) << recorded.body;
  EXPECT_EQ(recorded.json()["land"], "collective");
  EXPECT_EQ(recorded.json()["floors"], 4) << "the other details are kept";

  auto unit = signed_in("grid")->get("/api/v1/elevators/eligibility?node=" + std::to_string(first_unit())).json();
  EXPECT_FALSE(unit["items"][0]["eligible"].get<bool>());
  EXPECT_EQ(unit["items"][0]["building"]["state_owned_land"], false);
  EXPECT_EQ(unit["items"][0]["reasons"], json::array({"楼栋建在集体土地上，加装电梯仅适用于国有土地上的住宅"}));
  EXPECT_EQ(signed_in("commissioner")->post("/api/v1/elevator-projects", json{{"unit_id", first_unit()}}).status, 409);
}

TEST_F(ElevatorTest, AUnitHasOneProjectAtATime) {
  json project = create_project(first_unit());
  EXPECT_EQ(project["stage"], "proposal");
  EXPECT_EQ(project["stages"].size(), 1u);
  EXPECT_EQ(project["stages"][0]["by"]["name"], "德胜新村小区专员（演示）");
  EXPECT_TRUE(project["vote"].is_null());
  auto again = signed_in("commissioner")->post("/api/v1/elevator-projects", json{{"unit_id", first_unit()}});
  EXPECT_EQ(again.status, 409);
  EXPECT_EQ(again.error_field(), "unit_id");
  auto list =
      signed_in("property")->get("/api/v1/elevator-projects?compound=" + std::to_string(node("desheng-xincun")));
  ASSERT_EQ(list.status, 200) << list.body;
  EXPECT_EQ(list.json()["items"].size(), 1u);
  // Withdrawn before construction, the unit may start again.
  ASSERT_EQ(advance(project, "withdrawn").status, 200);
  create_project(first_unit());
  EXPECT_EQ(audit_count("elevators.project.create"), 2);
}

TEST_F(ElevatorTest, StagesAreNotSkippedAndDesignWaitsForThePassedConsentVote) {
  json project = create_project(first_unit());
  auto skip = advance(project, "design");
  EXPECT_EQ(skip.status, 409);
  EXPECT_EQ(skip.error_field(), "to");
  EXPECT_EQ(advance(project, "consent").status, 409);

  auto commissioner = signed_in("commissioner");
  auto started = commissioner->post(
      path(project, "/consent-vote"),
      json{{"opens_at", hours_from_now(-1)}, {"closes_at", hours_from_now(48)}, {"channels", {"meeting"}}});
  ASSERT_EQ(started.status, 201) << started.body;
  std::int64_t vote_id = started.json()["vote"]["id"];
  // The vote's scope is exactly the unit.
  auto vote = commissioner->get("/api/v1/votes/" + std::to_string(vote_id)).json();
  EXPECT_EQ(vote["scope"]["kind"], "units");
  EXPECT_EQ(vote["scope"]["node_ids"], json::array({first_unit()}));
  auto early = advance(project, "design");
  EXPECT_EQ(early.status, 409);
  EXPECT_NE(early.json()["error"]["message"].get<std::string>().find("同意表决"), std::string::npos);
  EXPECT_EQ(
      commissioner
          ->post(path(project, "/consent-vote"),
                 json{{"opens_at", hours_from_now(-1)}, {"closes_at", hours_from_now(48)}, {"channels", {"meeting"}}})
          .status,
      409);
}

TEST_F(ElevatorTest, APassedConsentVoteOpensTheWayToService) {
  json project = create_project(first_unit());
  run_consent_vote(project, "agree");
  auto design = advance(project, "design");
  ASSERT_EQ(design.status, 200) << design.body;
  json shown = design.json();
  EXPECT_EQ(shown["vote"]["outcome"], "passed");
  EXPECT_TRUE(shown["vote"]["turnout"]["quorum_met"].get<bool>());
  EXPECT_EQ(shown["vote"]["turnout"]["count"]["num"], shown["vote"]["turnout"]["count"]["den"]);
  EXPECT_EQ(shown["publicity"], nullptr);
  EXPECT_EQ(advance(project, "construction").status, 409);

  // Approval waits for the design's publicity: the street's 10 days, the first day counted.
  auto unpublicised = advance(project, "approval");
  EXPECT_EQ(unpublicised.status, 409);
  EXPECT_NE(unpublicised.body.find("尚未公示"), std::string::npos) << unpublicised.body;
  auto commissioner = signed_in("commissioner");
  auto backdated = commissioner->post(path(project, "/publicity"), json{{"starts_on", day_from_today(-1)}});
  EXPECT_EQ(backdated.status, 400);
  EXPECT_EQ(backdated.error_field(), "starts_on");
  auto publicised = commissioner->post(path(project, "/publicity"), json::object());
  ASSERT_EQ(publicised.status, 200) << publicised.body;
  EXPECT_EQ(publicised.json()["publicity"], (json{{"starts_on", day_from_today(0)}, {"ends_on", day_from_today(9)}}));
  auto during = commissioner->post(path(project, "/advance"), json{{"to", "approval"}, {"on", day_from_today(9)}});
  EXPECT_EQ(during.status, 409);
  EXPECT_NE(during.body.find("公示至 " + day_from_today(9)), std::string::npos) << during.body;
  for (const char* stage : {"approval", "construction", "acceptance", "in_service"}) {
    auto moved = commissioner->post(path(project, "/advance"), json{{"to", stage}, {"on", day_from_today(10)}});
    ASSERT_EQ(moved.status, 200) << stage << moved.body;
  }
  auto late = commissioner->post(path(project, "/publicity"), json::object());
  EXPECT_EQ(late.status, 409);
  EXPECT_EQ(late.error_field(), "stage");
  json done = signed_in("grid")->get(path(project)).json();
  EXPECT_EQ(done["stage"], "in_service");
  ASSERT_EQ(done["stages"].size(), 7u);
  EXPECT_EQ(done["stages"][6]["stage"], "in_service");
  EXPECT_EQ(advance(project, "withdrawn").status, 409);
  EXPECT_EQ(audit_count("elevators.project.advance"), 5);
  EXPECT_EQ(audit_count("elevators.publicity.start"), 1);
  EXPECT_EQ(audit_count("elevators.consent_vote.create"), 1);
}

TEST_F(ElevatorTest, AFailedConsentVoteKeepsTheProjectInConsent) {
  json project = create_project(first_unit());
  run_consent_vote(project, "oppose");
  auto refused = advance(project, "design");
  EXPECT_EQ(refused.status, 409);
  EXPECT_NE(refused.json()["error"]["message"].get<std::string>().find("未获通过"), std::string::npos);
  EXPECT_EQ(signed_in("grid")->get(path(project)).json()["vote"]["outcome"], "failed_approval");
}

TEST_F(ElevatorTest, CostIsSplitByAreaWithoutAnAgreementAndByFloorWithOne) {
  json project = create_project(first_unit());
  EXPECT_EQ(signed_in("grid")->get(path(project, "/cost-split")).status, 409);
  // The unit's two homes are on the ground floor: 60.00 and 75.25 m².
  ASSERT_EQ(
      put("commissioner", path(project, "/cost"), json{{"total_yuan", "100000"}, {"floor_weights", nullptr}}).status,
      200);
  auto by_area = signed_in("grid")->get(path(project, "/cost-split"));
  ASSERT_EQ(by_area.status, 200) << by_area.body;
  json area = by_area.json();
  EXPECT_EQ(area["method"], "area");
  ASSERT_EQ(area["shares"].size(), 2u);
  EXPECT_EQ(area["shares"][0]["share_yuan"], "44362.29");
  EXPECT_EQ(area["shares"][1]["share_yuan"], "55637.71");
  EXPECT_EQ(area["sum_yuan"], "100000.00");

  // A third home on the third floor; the agreement weighs the upper floors double.
  db().transaction([&](weizhi::store::Tx& tx) {
    auto unit = *weizhi::org::find_node(tx, first_unit());
    weizhi::org::create_part(
        tx, unit,
        weizhi::org::PartInput{"301", 3, weizhi::org::PartUse::Residential, 9000, weizhi::org::AreaSource::Registered});
  });
  json weights{{"1", "1"}, {"2", "1"}, {"3", "2"}, {"4", "2"}};
  auto agreed =
      put("commissioner", path(project, "/cost"), json{{"total_yuan", "100000.02"}, {"floor_weights", weights}});
  ASSERT_EQ(agreed.status, 200) << agreed.body;
  EXPECT_EQ(agreed.json()["cost"]["method"], "floor");
  json floor = signed_in("grid")->get(path(project, "/cost-split")).json();
  EXPECT_EQ(floor["method"], "floor");
  ASSERT_EQ(floor["shares"].size(), 3u);
  // 1/4, 1/4 and 1/2 of 10,000,002 fen: the fen left after 2,500,000 + 2,500,000 + 5,000,001 goes
  // to the first of the two equal remainders, the smaller part id.
  EXPECT_EQ(floor["shares"][0]["share_yuan"], "25000.01");
  EXPECT_EQ(floor["shares"][1]["share_yuan"], "25000.00");
  EXPECT_EQ(floor["shares"][2]["share_yuan"], "50000.01");
  EXPECT_EQ(floor["shares"][2]["weight"], "2");
  EXPECT_EQ(floor["sum_yuan"], "100000.02");
  EXPECT_EQ(audit_count("elevators.cost.update"), 2);

  auto missing =
      put("commissioner", path(project, "/cost"), json{{"total_yuan", "1"}, {"floor_weights", {{"1", "1"}}}});
  EXPECT_EQ(missing.status, 400);
  EXPECT_EQ(missing.error_field(), "floor_weights");
}

TEST_F(ElevatorTest, GroupContractAndMediationsAreRecorded) {
  json project = create_project(first_unit());
  auto person = db().read()->scalar("SELECT person_id FROM users WHERE login = 'resident'");
  auto three = put("commissioner", path(project, "/group"),
                   json{{"members",
                         {{{"person_id", person}, {"role", "组长"}},
                          {{"name", "陈建华"}, {"role", "副组长"}},
                          {{"name", "周美玲"}, {"role", "成员"}}}}});
  ASSERT_EQ(three.status, 200) << three.body;
  json group = three.json()["group"];
  EXPECT_EQ(group["size"], 3);
  EXPECT_TRUE(group["group_short"].get<bool>());
  EXPECT_NE(group["members"][0]["name"].get<std::string>().find('*'), std::string::npos);
  EXPECT_EQ(group["members"][1]["name"], "陈建华");
  json five = json::array();
  for (const char* name : {"甲", "乙", "丙", "丁", "戊"}) five.push_back({{"name", name}, {"role", "成员"}});
  EXPECT_FALSE(
      put("commissioner", path(project, "/group"), json{{"members", five}}).json()["group"]["group_short"].get<bool>());

  auto contract = put("commissioner", path(project, "/contract"),
                      json{{"provider", "杭州某电梯工程有限公司"},
                           {"signed_on", "2025-06-01"},
                           {"maintenance_years", 15},
                           {"warranty_years", 2},
                           {"annual_fee_yuan", "6800.00"},
                           {"response_minutes", 30}});
  ASSERT_EQ(contract.status, 200) << contract.body;
  EXPECT_EQ(contract.json()["contract"]["label"], "15+2");
  EXPECT_EQ(contract.json()["contract"]["annual_fee_fen"], 680000);

  auto mediation = signed_in("commissioner")
                       ->post(path(project, "/mediations"), json{{"held_on", "2025-05-10"},
                                                                 {"parties", {"101 室业主", "工作小组"}},
                                                                 {"mediator_name", "德胜社区调解委员会"},
                                                                 {"issue", "采光"},
                                                                 {"outcome", "agreed"},
                                                                 {"agreement", "一楼不分摊费用"}});
  ASSERT_EQ(mediation.status, 201) << mediation.body;
  auto list = signed_in("supervisor")->get(path(project, "/mediations"));
  ASSERT_EQ(list.status, 200) << list.body;
  json items = list.json()["items"];
  ASSERT_EQ(items.size(), 1u);
  EXPECT_EQ(items[0]["outcome"], "agreed");
  EXPECT_EQ(items[0]["level"], "community");
  EXPECT_EQ(items[0]["mediator"]["name"], "德胜社区调解委员会");
  EXPECT_EQ(audit_count("elevators.group.update"), 2);
  EXPECT_EQ(audit_count("elevators.contract.update"), 1);
  EXPECT_EQ(audit_count("elevators.mediation.create"), 1);
}

TEST_F(ElevatorTest, SignedOutCallersGet401AndOtherRolesOrScopes403) {
  json project = create_project(first_unit());
  auto anonymous = this->anonymous();
  EXPECT_EQ(anonymous->get("/api/v1/elevators/eligibility?node=" + std::to_string(node("desheng-xincun"))).status, 401);
  EXPECT_EQ(anonymous->get(path(project)).status, 401);
  EXPECT_EQ(signed_in("resident")->get(path(project)).status, 403);
  EXPECT_EQ(signed_in("grid")->post(path(project, "/advance"), json{{"to", "withdrawn"}}).status, 403);
  // The commissioner of 德胜新村 runs projects there only.
  auto elsewhere =
      signed_in("commissioner")->post("/api/v1/elevator-projects", json{{"unit_id", units_of("c-deshengba").at(0)}});
  EXPECT_EQ(elsewhere.status, 403);
  EXPECT_EQ(signed_in("secretary")
                ->send("PUT", "/api/v1/elevator-policies/" + std::to_string(node("street")),
                       json{{"min_floors", 5}, {"group_size", 5}}.dump())
                .status,
            403);
}

TEST_F(ElevatorTest, UnknownIdsGive404) {
  auto admin = signed_in("admin");
  EXPECT_EQ(admin->get("/api/v1/elevator-projects/999999").status, 404);
  EXPECT_EQ(admin->get("/api/v1/elevator-projects/999999/cost-split").status, 404);
  EXPECT_EQ(admin->post("/api/v1/elevator-projects/999999/advance", json{{"to", "design"}}).status, 404);
  EXPECT_EQ(admin->post("/api/v1/elevator-projects", json{{"unit_id", 999999}}).status, 404);
  EXPECT_EQ(admin->post("/api/v1/elevator-projects", json{{"unit_id", node("desheng-xincun")}}).status, 404);
  EXPECT_EQ(admin->get("/api/v1/elevators/eligibility?node=999999").status, 404);
  EXPECT_EQ(admin->get("/api/v1/elevator-projects?compound=999999").status, 404);
  json project = create_project(first_unit());
  auto ghost =
      put("commissioner", path(project, "/group"), json{{"members", {{{"person_id", 999999}, {"role", "组长"}}}}});
  EXPECT_EQ(ghost.status, 404);
  EXPECT_EQ(ghost.error_field(), "members[0].person_id");
}

TEST_F(ElevatorTest, BadInputIsRefusedNamingTheField) {
  json project = create_project(first_unit());
  auto commissioner = signed_in("commissioner");
  auto field_of = [](const Reply& reply) { return std::to_string(reply.status) + " " + reply.error_field(); };
  EXPECT_EQ(field_of(commissioner->post("/api/v1/elevator-projects", json{{"unit_id", "一单元"}})), "400 unit_id");
  EXPECT_EQ(field_of(signed_in("admin")->get("/api/v1/elevator-projects")), "400 compound");
  EXPECT_EQ(field_of(commissioner->post(path(project, "/advance"), json{{"to", "flying"}})), "400 to");
  EXPECT_EQ(field_of(commissioner->post(path(project, "/advance"), json{{"to", "withdrawn"}, {"on", "2025-02-30"}})),
            "400 on");
  EXPECT_EQ(field_of(put("commissioner", path(project, "/cost"), json{{"total_yuan", "12.345"}})), "400 total_yuan");
  EXPECT_EQ(
      field_of(put("commissioner", path(project, "/cost"), json{{"total_yuan", 100}, {"floor_weights", {{"1", "x"}}}})),
      "400 floor_weights.1");
  EXPECT_EQ(field_of(put("commissioner", path(project, "/group"), json{{"members", {{{"role", "组长"}}}}})),
            "400 members[0].name");
  EXPECT_EQ(field_of(put("commissioner", path(project, "/contract"),
                         json{{"provider", "某公司"},
                              {"signed_on", "2025-06-01"},
                              {"maintenance_years", 15},
                              {"warranty_years", -1},
                              {"annual_fee_yuan", "1"}})),
            "400 warranty_years");
  EXPECT_EQ(field_of(commissioner->post(path(project, "/mediations"),
                                        json{{"held_on", "2025-05-10"}, {"parties", {"甲"}}, {"outcome", "agreed"}})),
            "400 issue");
  EXPECT_EQ(field_of(commissioner->post(
                path(project, "/consent-vote"),
                json{{"opens_at", hours_from_now(-1)}, {"closes_at", hours_from_now(48)}, {"channels", {"fax"}}})),
            "400 channels[0]");
  EXPECT_EQ(field_of(commissioner->post(path(project, "/consent-vote"), json{{"opens_at", hours_from_now(2)},
                                                                             {"closes_at", hours_from_now(1)},
                                                                             {"channels", {"online"}}}))
                .substr(0, 3),
            "400");
  EXPECT_EQ(signed_in("grid")->get(path(project)).json()["stage"], "proposal");
}

TEST_F(ElevatorTest, XiSiYuanHasItsElevatorInServiceWithAFivePersonGroupAndA15Plus2Contract) {
  auto admin = signed_in("admin");
  auto list = admin->get("/api/v1/elevator-projects?compound=" + std::to_string(node("xi-si")));
  ASSERT_EQ(list.status, 200) << list.body;
  json items = list.json()["items"];
  ASSERT_EQ(items.size(), 1u);
  json project = admin->get(path(items[0])).json();
  EXPECT_EQ(project["stage"], "in_service");
  EXPECT_EQ(project["stages"].size(), 7u);
  EXPECT_EQ(project["group"]["size"], 5);
  EXPECT_FALSE(project["group"]["group_short"].get<bool>());
  EXPECT_EQ(project["vote"]["matter"], 7);
  EXPECT_EQ(project["vote"]["state"], "published");
  EXPECT_EQ(project["vote"]["outcome"], "passed");
  EXPECT_EQ(project["cost"]["method"], "floor");
  EXPECT_EQ(project["cost"]["split"]["sum_yuan"], "586000.00");
  EXPECT_EQ(project["contract"]["label"], "15+2");
  EXPECT_EQ(project["mediations"].size(), 1u);
  EXPECT_TRUE(project["unit"]["eligible"].is_boolean());
}

// The commissioner of 德胜新村 with the ids of 德胜坝小区 and 东二社区 on every route of a project that
// takes more than one id: refused, and nothing written.
TEST_F(ElevatorTest, IdsOfAnotherCompoundAreRefusedOnEitherEndAndNothingIsWritten) {
  auto admin = signed_in("admin");
  auto commissioner = signed_in("commissioner");
  json project = create_project(first_unit());
  auto owner = db().read()->scalar("SELECT person_id FROM users WHERE login = 'resident'");
  ASSERT_EQ(put("commissioner", path(project, "/group"), json{{"members", {{{"person_id", owner}, {"role", "组长"}}}}})
                .status,
            200);
  auto theirs =
      signed_in("secretary")->post("/api/v1/elevator-projects", json{{"unit_id", units_of("c-deshengba").at(0)}});
  ASSERT_EQ(theirs.status, 201) << theirs.body;

  // Registry people of another compound in one's working group; a mediator of another community.
  for (const char* compound : {"c-deshengba", "dong-er-dong-san"}) {
    auto group = put(
        "commissioner", path(project, "/group"),
        json{{"members",
              {{{"person_id", owner}, {"role", "组长"}}, {{"person_id", person_under(compound)}, {"role", "成员"}}}}});
    EXPECT_EQ(group.status, 422) << compound << ": " << group.body;
    EXPECT_EQ(group.error_field(), "members[1].person_id") << compound;
  }
  auto mediation =
      commissioner->post(path(project, "/mediations"), json{{"held_on", "2025-05-10"},
                                                            {"parties", {"101 室业主", "工作小组"}},
                                                            {"mediator_person_id", person_under("dong-er-dong-san")},
                                                            {"issue", "采光"},
                                                            {"outcome", "pending"}});
  EXPECT_EQ(mediation.status, 422) << mediation.body;
  EXPECT_EQ(mediation.error_field(), "mediator_person_id");
  // Their project worked from here, with one's own people.
  EXPECT_EQ(
      put("commissioner", path(theirs.json(), "/group"), json{{"members", {{{"person_id", owner}, {"role", "组长"}}}}})
          .status,
      403);
  EXPECT_EQ(commissioner
                ->post(path(theirs.json(), "/mediations"), json{{"held_on", "2025-05-10"},
                                                                {"parties", {"甲", "乙"}},
                                                                {"mediator_name", "调委会"},
                                                                {"issue", "采光"},
                                                                {"outcome", "pending"}})
                .status,
            403);
  EXPECT_EQ(
      commissioner
          ->post(path(theirs.json(), "/consent-vote"),
                 json{{"opens_at", hours_from_now(1)}, {"closes_at", hours_from_now(48)}, {"channels", {"online"}}})
          .status,
      403);

  json ours = admin->get(path(project)).json();
  ASSERT_EQ(ours["group"]["members"].size(), 1u);
  EXPECT_EQ(ours["group"]["members"][0]["person_id"], owner);
  EXPECT_TRUE(ours["mediations"].empty());
  json their_project = admin->get(path(theirs.json())).json();
  EXPECT_TRUE(their_project["group"]["members"].empty());
  EXPECT_TRUE(their_project["mediations"].empty());
  EXPECT_TRUE(their_project["vote"].is_null());
  EXPECT_EQ(audit_count("elevators.group.update"), 1);
}

TEST_F(ElevatorTest, AStageDueOrADesignPublicityEndingIsOnTodaysWorkOfThoseWhoRunRetrofits) {
  auto commissioner = signed_in("commissioner");
  auto due_today = [&](const std::string& login) {
    std::map<std::string, json> due;
    json today = signed_in(login)->get("/api/v1/me/today").json();
    for (const auto& item : today["items"]) {
      std::string kind = item["kind"];
      if (kind.rfind("elevators.", 0) == 0) due[item["link"]] = item;
    }
    return due;
  };
  auto link = [](const json& project) {
    return "/elevators/projects/" + std::to_string(project["id"].get<std::int64_t>());
  };
  // A proposal takes 30 days: begun 31 days ago, it was due yesterday.
  auto stale = commissioner->post("/api/v1/elevator-projects",
                                  json{{"unit_id", units_of("desheng-xincun").at(1)}, {"on", day_from_today(-31)}});
  ASSERT_EQ(stale.status, 201) << stale.body;
  json proposal = due_today("commissioner")[link(stale.json())];
  ASSERT_FALSE(proposal.is_null());
  EXPECT_EQ(proposal["kind"], "elevators.stage");
  EXPECT_EQ(proposal["title"], "推进加装电梯：" + stale.json()["title"].get<std::string>() + "（立项阶段）");
  EXPECT_TRUE(proposal["overdue"]);
  EXPECT_EQ(proposal["due_at"], weizhi::iso_utc(*weizhi::street_day_end(day_from_today(-1))));
  EXPECT_EQ(proposal["node"]["name"], "德胜新村");
  EXPECT_TRUE(due_today("grid").empty()) << "reading projects is not running them";

  json project = create_project(first_unit());
  run_consent_vote(project, "agree");
  ASSERT_EQ(advance(project, "design").status, 200);
  EXPECT_FALSE(due_today("commissioner").count(link(project))) << "the design stage has 60 days";
  ASSERT_EQ(commissioner->post(path(project, "/publicity"), json::object()).status, 200);
  EXPECT_FALSE(due_today("commissioner").count(link(project))) << "the publicity ends in nine days";
  auto publicity_ends = [&](const std::string& day) {
    db().transaction([&](weizhi::store::Tx& tx) {
      tx.exec("UPDATE elevator_projects SET publicity_ends_on = ? WHERE id = ?",
              {day, project["id"].get<std::int64_t>()});
    });
  };
  publicity_ends(day_from_today(1));
  json ending = due_today("commissioner")[link(project)];
  ASSERT_FALSE(ending.is_null());
  EXPECT_EQ(ending["kind"], "elevators.publicity");
  EXPECT_EQ(ending["title"], "设计方案公示即将期满：" + project["title"].get<std::string>());
  EXPECT_FALSE(ending["overdue"]);
  EXPECT_EQ(ending["due_at"], weizhi::iso_utc(*weizhi::street_day_end(day_from_today(1))));
  publicity_ends(day_from_today(-1));
  json ended = due_today("commissioner")[link(project)];
  EXPECT_EQ(ended["title"], "设计方案公示期满，报审批：" + project["title"].get<std::string>());
  EXPECT_TRUE(ended["overdue"]);
  ASSERT_EQ(advance(project, "approval").status, 200);
  EXPECT_FALSE(due_today("commissioner").count(link(project))) << "sent for approval: the next step is taken";
}
