// The registry of the org tree: nodes with their details by kind, edits, moves, deletion and
// property clusters. The Test seed gives 德胜新村 two buildings (1幢, 2幢), each with 1单元 and
// parts 101 and 102 on 4 floors.
#include "app/modules.hpp"
#include "modules/org/registry.hpp"
#include "support/test_server.hpp"

using nlohmann::json;
using weizhi::testing::ApiTest;

class OrgRegistryTest : public ApiTest {
 protected:
  std::int64_t child(std::int64_t parent_id, const std::string& name) {
    auto lease = db().read();
    auto row = lease->query_one("SELECT id FROM org_nodes WHERE parent_id = ? AND name = ?", {parent_id, name});
    EXPECT_TRUE(row.has_value()) << "no child " << name << " under " << parent_id;
    return row ? row->i64(0) : 0;
  }
  std::string path_of(std::int64_t id) {
    auto lease = db().read();
    return lease->query_one("SELECT path FROM org_nodes WHERE id = ?", {id})->text(0);
  }
  std::optional<std::string> address_key(std::int64_t part_id) {
    auto lease = db().read();
    return lease->query_one("SELECT address_key FROM parts WHERE node_id = ?", {part_id})->optional_text(0);
  }
  static std::string url(std::int64_t id) { return "/api/v1/org/nodes/" + std::to_string(id); }
  std::int64_t building_one() { return child(node("desheng-xincun"), "1幢"); }
  std::int64_t unit_one() { return child(building_one(), "1单元"); }
  static json part(std::int64_t unit_id, const std::string& room, std::int64_t floor) {
    return {{"parent_id", unit_id}, {"kind", "part"},        {"room_number", room},        {"floor", floor},
            {"use", "residential"}, {"area_centi_m2", 8735}, {"area_source", "registered"}};
  }
};

TEST_F(OrgRegistryTest, ACommunityIsCreatedWithItsOffices) {
  auto admin = signed_in("admin");
  auto reply = admin->post("/api/v1/org/nodes", json{{"parent_id", node("street")},
                                                     {"kind", "community"},
                                                     {"name", "华丰社区"},
                                                     {"code", "huafeng"},
                                                     {"party_committee_name", "华丰社区党委"},
                                                     {"tripartite_office_name", "华丰社区三方办"}});
  ASSERT_EQ(reply.status, 201) << reply.body;
  auto fetched = admin->get(url(reply.json()["id"].get<std::int64_t>())).json();
  EXPECT_EQ(fetched["party_committee_name"], "华丰社区党委");
  EXPECT_EQ(fetched["tripartite_office_name"], "华丰社区三方办");
}

TEST_F(OrgRegistryTest, ANodeNamesItsParentAndWhetherTheCallerMayOpenIt) {
  auto compound = signed_in("admin")->get(url(node("desheng-xincun"))).json();
  EXPECT_EQ(compound["parent_id"], node("desheng"));
  EXPECT_EQ(compound["parent_name"], "德胜社区");
  EXPECT_EQ(compound["parent_readable"], true);
  auto seen_by_commissioner = signed_in("commissioner")->get(url(node("desheng-xincun"))).json();
  EXPECT_EQ(seen_by_commissioner["parent_name"], "德胜社区");
  EXPECT_EQ(seen_by_commissioner["parent_readable"], false);
  auto street = signed_in("admin")->get(url(node("street"))).json();
  EXPECT_TRUE(street["parent_name"].is_null());
  EXPECT_EQ(street["parent_readable"], false);
}

TEST_F(OrgRegistryTest, AnUnknownParentIs404) {
  auto admin = signed_in("admin");
  EXPECT_EQ(admin->post("/api/v1/org/nodes", part(999999, "101", 1)).status, 404);
}

TEST_F(OrgRegistryTest, AChildIsFoundByItsName) {
  auto lease = db().read();
  auto unit = weizhi::org::find_child_by_name(*lease, building_one(), "1单元");
  ASSERT_TRUE(unit.has_value());
  EXPECT_EQ(unit->id, unit_one());
  EXPECT_FALSE(weizhi::org::find_child_by_name(*lease, building_one(), "9单元"));
}

TEST_F(OrgRegistryTest, ABuildingIsCreatedWithFloorsAndElevator) {
  auto admin = signed_in("admin");
  auto reply = admin->post("/api/v1/org/nodes", json{{"parent_id", node("desheng-xincun")},
                                                     {"kind", "building"},
                                                     {"name", "9幢"},
                                                     {"floors", 6},
                                                     {"has_elevator", true}});
  ASSERT_EQ(reply.status, 201) << reply.body;
  auto fetched = admin->get(url(reply.json()["id"].get<std::int64_t>())).json();
  EXPECT_EQ(fetched["floors"], 6);
  EXPECT_EQ(fetched["has_elevator"], true);
}

TEST_F(OrgRegistryTest, AUnitAndAPartAreCreatedWithRoomFloorUseAndArea) {
  auto admin = signed_in("admin");
  auto unit =
      admin->post("/api/v1/org/nodes", json{{"parent_id", building_one()}, {"kind", "unit"}, {"name", "2单元"}});
  ASSERT_EQ(unit.status, 201) << unit.body;
  auto reply = admin->post("/api/v1/org/nodes", part(unit.json()["id"].get<std::int64_t>(), "301", 3));
  ASSERT_EQ(reply.status, 201) << reply.body;
  auto fetched = admin->get(url(reply.json()["id"].get<std::int64_t>())).json();
  EXPECT_EQ(fetched["kind"], "part");
  EXPECT_EQ(fetched["name"], "301");
  EXPECT_EQ(fetched["room_number"], "301");
  EXPECT_EQ(fetched["floor"], 3);
  EXPECT_EQ(fetched["use"], "residential");
  EXPECT_EQ(fetched["area_centi_m2"], 8735);
  EXPECT_EQ(fetched["area_m2"], "87.35");
  EXPECT_EQ(fetched["area_source"], "registered");
}

TEST_F(OrgRegistryTest, ABuildingWithoutFloorsTakesNoPartsUntilItsFloorsAreRegistered) {
  auto admin = signed_in("admin");
  auto building = admin->post("/api/v1/org/nodes",
                              json{{"parent_id", node("desheng-xincun")}, {"kind", "building"}, {"name", "9幢"}});
  ASSERT_EQ(building.status, 201) << building.body;
  EXPECT_TRUE(building.json()["floors"].is_null());
  std::int64_t building_id = building.json()["id"].get<std::int64_t>();
  auto unit = admin->post("/api/v1/org/nodes", json{{"parent_id", building_id}, {"kind", "unit"}, {"name", "1单元"}});
  std::int64_t unit_id = unit.json()["id"].get<std::int64_t>();
  auto refused = admin->post("/api/v1/org/nodes", part(unit_id, "101", 1));
  EXPECT_EQ(refused.status, 422);
  EXPECT_EQ(refused.error_field(), "floor");
  ASSERT_EQ(admin->patch(url(building_id), json{{"floors", 5}}).status, 200);
  EXPECT_EQ(admin->post("/api/v1/org/nodes", part(unit_id, "101", 1)).status, 201);
}

TEST_F(OrgRegistryTest, AnElevatorWithoutFloorsIs400NamingFloors) {
  auto admin = signed_in("admin");
  auto reply = admin->post(
      "/api/v1/org/nodes",
      json{{"parent_id", node("desheng-xincun")}, {"kind", "building"}, {"name", "9幢"}, {"has_elevator", true}});
  EXPECT_EQ(reply.status, 400);
  EXPECT_EQ(reply.error_field(), "floors");
}

TEST_F(OrgRegistryTest, FloorsOverSixtyAre400AndNothingIsWritten) {
  auto admin = signed_in("admin");
  std::int64_t before = rows_in("org_nodes");
  auto reply =
      admin->post("/api/v1/org/nodes",
                  json{{"parent_id", node("desheng-xincun")}, {"kind", "building"}, {"name", "9幢"}, {"floors", 61}});
  EXPECT_EQ(reply.status, 400);
  EXPECT_EQ(reply.error_field(), "floors");
  EXPECT_EQ(rows_in("org_nodes"), before);
}

TEST_F(OrgRegistryTest, APartAboveTheTopFloorIs400NamingFloor) {
  auto admin = signed_in("admin");
  auto reply = admin->post("/api/v1/org/nodes", part(unit_one(), "501", 5));
  EXPECT_EQ(reply.status, 400);
  EXPECT_EQ(reply.error_field(), "floor");
}

TEST_F(OrgRegistryTest, AZeroAreaIs400NamingTheArea) {
  auto admin = signed_in("admin");
  auto body = part(unit_one(), "301", 3);
  body["area_centi_m2"] = 0;
  auto reply = admin->post("/api/v1/org/nodes", body);
  EXPECT_EQ(reply.status, 400);
  EXPECT_EQ(reply.error_field(), "area_centi_m2");
}

TEST_F(OrgRegistryTest, AnUnknownUseIs400NamingUse) {
  auto admin = signed_in("admin");
  auto body = part(unit_one(), "301", 3);
  body["use"] = "office";
  auto reply = admin->post("/api/v1/org/nodes", body);
  EXPECT_EQ(reply.status, 400);
  EXPECT_EQ(reply.error_field(), "use");
}

TEST_F(OrgRegistryTest, DetailsOfAnotherKindAreRefused) {
  auto admin = signed_in("admin");
  auto reply = admin->post("/api/v1/org/nodes", json{{"parent_id", node("desheng-xincun")},
                                                     {"kind", "building"},
                                                     {"name", "9幢"},
                                                     {"floors", 6},
                                                     {"room_number", "101"}});
  EXPECT_EQ(reply.status, 400);
  EXPECT_EQ(reply.error_code(), "unknown_field");
}

TEST_F(OrgRegistryTest, APartDirectlyUnderABuildingIs422NamingKind) {
  auto admin = signed_in("admin");
  auto reply = admin->post("/api/v1/org/nodes", part(building_one(), "301", 3));
  EXPECT_EQ(reply.status, 422);
  EXPECT_EQ(reply.error_field(), "kind");
}

TEST_F(OrgRegistryTest, ARoomAlreadyInTheUnitIs409AndNothingIsWritten) {
  auto admin = signed_in("admin");
  std::int64_t nodes = rows_in("org_nodes");
  std::int64_t parts = rows_in("parts");
  auto reply = admin->post("/api/v1/org/nodes", part(unit_one(), "101", 1));
  EXPECT_EQ(reply.status, 409);
  EXPECT_EQ(reply.error_field(), "room_number");
  EXPECT_EQ(rows_in("org_nodes"), nodes);
  EXPECT_EQ(rows_in("parts"), parts);
}

TEST_F(OrgRegistryTest, TheSameRoomInAnotherUnitIsAnotherPart) {
  auto admin = signed_in("admin");
  auto unit =
      admin->post("/api/v1/org/nodes", json{{"parent_id", building_one()}, {"kind", "unit"}, {"name", "2单元"}});
  auto reply = admin->post("/api/v1/org/nodes", part(unit.json()["id"].get<std::int64_t>(), "101", 1));
  EXPECT_EQ(reply.status, 201) << reply.body;
}

TEST_F(OrgRegistryTest, AUnitListsItsPartsWithTheirDetails) {
  auto admin = signed_in("admin");
  auto page = admin->get(url(unit_one()) + "/children?limit=1").json();
  ASSERT_EQ(page["items"].size(), 1u);
  EXPECT_EQ(page["items"][0]["room_number"], "101");
  EXPECT_TRUE(page["items"][0].contains("area_m2"));
  auto next = admin->get(url(unit_one()) + "/children?limit=1&cursor=" + page["next_cursor"].get<std::string>()).json();
  ASSERT_EQ(next["items"].size(), 1u);
  EXPECT_EQ(next["items"][0]["room_number"], "102");
}

TEST_F(OrgRegistryTest, ACompoundListsEveryPartWithItsBuildingAndUnitPageByPage) {
  auto admin = signed_in("admin");
  auto first = admin->get(url(node("desheng-xincun")) + "/parts?limit=3").json();
  ASSERT_EQ(first["items"].size(), 3u);
  EXPECT_EQ(first["items"][0]["building_name"], "1幢");
  EXPECT_EQ(first["items"][0]["unit_name"], "1单元");
  EXPECT_EQ(first["items"][0]["room_number"], "101");
  EXPECT_EQ(first["items"][0]["area_m2"], "60.00");  // the Test seed registers 60 m² parts
  auto rest =
      admin->get(url(node("desheng-xincun")) + "/parts?limit=3&cursor=" + first["next_cursor"].get<std::string>())
          .json();
  ASSERT_EQ(rest["items"].size(), 1u);
  EXPECT_EQ(rest["items"][0]["building_name"], "2幢");
  EXPECT_TRUE(rest["next_cursor"].is_null());
  EXPECT_EQ(admin->get(url(building_one()) + "/parts").json()["items"].size(), 2u);
  EXPECT_EQ(admin->get(url(unit_one()) + "/parts").json()["items"].size(), 2u);
  auto community = admin->get(url(node("desheng")) + "/parts?limit=1000").json();
  EXPECT_GE(community["items"].size(), 4u);
}

TEST_F(OrgRegistryTest, PartsAreFoundByTheirAddressWithinTheNodeOnly) {
  auto admin = signed_in("admin");
  auto rooms = [&](std::int64_t node_id, const std::string& q) {
    auto reply = admin->get(url(node_id) + "/parts?limit=1000&q=" + q);
    EXPECT_EQ(reply.status, 200) << q << ": " << reply.body;
    std::vector<std::string> found;
    json items = reply.json()["items"];
    for (const auto& item : items) {
      found.push_back(item["building_name"].get<std::string>() + item["unit_name"].get<std::string>() +
                      item["room_number"].get<std::string>());
    }
    return found;
  };
  using Rooms = std::vector<std::string>;
  std::int64_t desheng = node("desheng-xincun");
  EXPECT_EQ(rooms(desheng, "1-1-101"), Rooms{"1幢1单元101"});
  EXPECT_EQ(rooms(desheng, "2%E5%B9%A21%E5%8D%95%E5%85%83"), (Rooms{"2幢1单元101", "2幢1单元102"}));  // 2幢1单元
  EXPECT_EQ(rooms(desheng, "1-1-10"), (Rooms{"1幢1单元101", "1幢1单元102"}));
  EXPECT_EQ(rooms(desheng, "1-2"), Rooms{});
  EXPECT_EQ(rooms(building_one(), "2-1-101"), Rooms{});
  // Each compound of the Test street has its 1-1-101; a compound's name in the query picks one.
  EXPECT_GT(rooms(node("street"), "1-1-101").size(), 1u);
  EXPECT_EQ(rooms(node("street"), "%E5%BE%B7%E8%83%9C%E6%96%B0%E6%9D%91%201-1-101").size(), 1u);  // 德胜新村 1-1-101
  EXPECT_EQ(rooms(node("street"), "_%201-1-101"), Rooms{});
  EXPECT_EQ(rooms(node("street"), "%25%201-1-101"), Rooms{});

  for (const char* bad : {"%E5%BE%B7%E8%83%9C", "%20"}) {  // 德胜, a space
    auto reply = admin->get(url(desheng) + "/parts?q=" + bad);
    EXPECT_EQ(reply.status, 400) << bad;
    EXPECT_EQ(reply.error_field(), "q");
  }
}

TEST_F(OrgRegistryTest, PartsOfAnotherCompoundAreForbiddenToACommissioner) {
  auto commissioner = signed_in("commissioner");
  EXPECT_EQ(commissioner->get(url(node("desheng-xincun")) + "/parts").status, 200);
  EXPECT_EQ(commissioner->get(url(node("cuiyu")) + "/parts").status, 403);
  EXPECT_EQ(commissioner->get(url(node("desheng-xincun")) + "/parts?limit=5000").status, 400);
}

TEST_F(OrgRegistryTest, PatchChangesNameAndBuildingDetailsAndIsAudited) {
  auto admin = signed_in("admin");
  std::int64_t building = building_one();
  auto reply = admin->patch(url(building), json{{"name", "一幢"}, {"floors", 6}, {"has_elevator", true}});
  ASSERT_EQ(reply.status, 200) << reply.body;
  auto fetched = admin->get(url(building)).json();
  EXPECT_EQ(fetched["name"], "一幢");
  EXPECT_EQ(fetched["floors"], 6);
  EXPECT_EQ(fetched["has_elevator"], true);
  auto audit = admin->get("/api/v1/audit?entity=org_node:" + std::to_string(building)).json();
  ASSERT_EQ(audit["items"].size(), 1u);
  EXPECT_EQ(audit["items"][0]["action"], "org.node.update");
  EXPECT_EQ(audit["items"][0]["summary"]["floors"]["from"], 4);
  EXPECT_EQ(audit["items"][0]["summary"]["floors"]["to"], 6);
}

TEST_F(OrgRegistryTest, PatchChangesAPartsAreaAndRoom) {
  auto admin = signed_in("admin");
  std::int64_t part_id = child(unit_one(), "101");
  auto reply =
      admin->patch(url(part_id), json{{"area_centi_m2", 9012}, {"area_source", "surveyed"}, {"room_number", "103"}});
  ASSERT_EQ(reply.status, 200) << reply.body;
  auto fetched = admin->get(url(part_id)).json();
  EXPECT_EQ(fetched["area_m2"], "90.12");
  EXPECT_EQ(fetched["area_source"], "surveyed");
  EXPECT_EQ(fetched["name"], "103");
}

TEST_F(OrgRegistryTest, FewerFloorsThanAPartIsOnIs422) {
  auto admin = signed_in("admin");
  auto reply = admin->patch(url(building_one()), json{{"floors", 60}});
  ASSERT_EQ(reply.status, 200);
  ASSERT_EQ(admin->post("/api/v1/org/nodes", part(unit_one(), "1501", 15)).status, 201);
  reply = admin->patch(url(building_one()), json{{"floors", 10}});
  EXPECT_EQ(reply.status, 422);
  EXPECT_EQ(reply.error_field(), "floors");
}

TEST_F(OrgRegistryTest, PatchWithAFieldOfAnotherKindIs400AndChangesNothing) {
  auto admin = signed_in("admin");
  auto reply = admin->patch(url(building_one()), json{{"name", "一幢"}, {"area_centi_m2", 100}});
  EXPECT_EQ(reply.status, 400);
  EXPECT_EQ(reply.error_code(), "unknown_field");
  EXPECT_EQ(admin->get(url(building_one())).json()["name"], "1幢");
}

TEST_F(OrgRegistryTest, MovingACompoundRewritesTheSubtreePathsAndIsAudited) {
  auto admin = signed_in("admin");
  std::int64_t compound = node("desheng-xincun");
  std::int64_t part_id = child(unit_one(), "101");
  std::string old_path = path_of(compound);
  auto reply = admin->patch(url(compound), json{{"parent_id", node("cuiyu")}});
  ASSERT_EQ(reply.status, 200) << reply.body;
  std::string new_path = path_of(node("cuiyu")) + std::to_string(compound) + "/";
  EXPECT_EQ(reply.json()["path"], new_path);
  EXPECT_EQ(path_of(part_id).rfind(new_path, 0), 0u) << path_of(part_id);
  auto audit = admin->get("/api/v1/audit?entity=org_node:" + std::to_string(compound)).json();
  ASSERT_EQ(audit["items"].size(), 1u);
  EXPECT_EQ(audit["items"][0]["action"], "org.node.move");
  EXPECT_EQ(audit["items"][0]["summary"]["from_parent_id"], node("desheng"));
  EXPECT_EQ(audit["items"][0]["summary"]["to_parent_id"], node("cuiyu"));
  EXPECT_EQ(audit["items"][0]["summary"]["from_path"], old_path);
}

TEST_F(OrgRegistryTest, ACommissionerStillSeesTheCompoundAfterItMoves) {
  auto admin = signed_in("admin");
  ASSERT_EQ(admin->patch(url(node("desheng-xincun")), json{{"parent_id", node("cuiyu")}}).status, 200);
  auto commissioner = signed_in("commissioner");
  EXPECT_EQ(commissioner->get(url(node("desheng-xincun"))).status, 200);
  EXPECT_EQ(commissioner->get(url(unit_one()) + "/children").status, 200);
}

TEST_F(OrgRegistryTest, MovingUnderItsOwnDescendantIs422) {
  auto admin = signed_in("admin");
  auto reply = admin->patch(url(node("desheng")), json{{"parent_id", node("desheng-xincun")}});
  EXPECT_EQ(reply.status, 422);
  EXPECT_EQ(reply.error_field(), "parent_id");
}

TEST_F(OrgRegistryTest, MovingUnderAParentOfTheWrongKindIs422) {
  auto admin = signed_in("admin");
  auto reply = admin->patch(url(building_one()), json{{"parent_id", node("cuiyu")}});
  EXPECT_EQ(reply.status, 422);
  EXPECT_EQ(reply.error_field(), "parent_id");
}

TEST_F(OrgRegistryTest, MovingOutOfTheSecretarysCommunityIs403) {
  auto secretary = signed_in("secretary");
  auto reply = secretary->patch(url(node("desheng-xincun")), json{{"parent_id", node("cuiyu")}});
  EXPECT_EQ(reply.status, 403);
  EXPECT_EQ(path_of(node("desheng-xincun")).rfind(path_of(node("desheng")), 0), 0u);
}

TEST_F(OrgRegistryTest, MovingAPartToAUnitWhereItsRoomIsTakenIs409) {
  auto admin = signed_in("admin");
  std::int64_t other_unit = child(child(node("desheng-xincun"), "2幢"), "1单元");
  auto reply = admin->patch(url(child(unit_one(), "101")), json{{"parent_id", other_unit}});
  EXPECT_EQ(reply.status, 409);
  EXPECT_EQ(reply.error_field(), "room_number");
}

TEST_F(OrgRegistryTest, APartMovesToAnotherUnitWithItsDetails) {
  auto admin = signed_in("admin");
  std::int64_t other_unit = child(child(node("desheng-xincun"), "2幢"), "1单元");
  std::int64_t part_id = child(unit_one(), "101");
  auto reply = admin->patch(url(part_id), json{{"parent_id", other_unit}, {"room_number", "401"}, {"floor", 4}});
  ASSERT_EQ(reply.status, 200) << reply.body;
  auto fetched = admin->get(url(part_id)).json();
  EXPECT_EQ(fetched["parent_id"], other_unit);
  EXPECT_EQ(fetched["room_number"], "401");
  EXPECT_EQ(fetched["floor"], 4);
  EXPECT_EQ(path_of(part_id), path_of(other_unit) + std::to_string(part_id) + "/");
}

TEST_F(OrgRegistryTest, APartKeepsTheAddressKeyOfItsBuildingUnitAndRoomThroughEveryChange) {
  auto admin = signed_in("admin");
  std::int64_t building_id = building_one();
  std::int64_t unit_id = unit_one();
  std::int64_t part_id = child(unit_id, "101");
  EXPECT_EQ(address_key(part_id), "1-1-101");
  auto created = admin->post("/api/v1/org/nodes", part(unit_id, "301", 3));
  ASSERT_EQ(created.status, 201) << created.body;
  EXPECT_EQ(address_key(created.json()["id"].get<std::int64_t>()), "1-1-301");

  ASSERT_EQ(admin->patch(url(building_id), json{{"name", "５号楼"}}).status, 200);
  EXPECT_EQ(address_key(part_id), "5-1-101");
  ASSERT_EQ(admin->patch(url(unit_id), json{{"name", "3单元"}}).status, 200);
  EXPECT_EQ(address_key(part_id), "5-3-101");
  ASSERT_EQ(admin->patch(url(part_id), json{{"room_number", "103室"}}).status, 200);
  EXPECT_EQ(address_key(part_id), "5-3-103");

  std::int64_t other_unit = child(child(node("desheng-xincun"), "2幢"), "1单元");
  ASSERT_EQ(admin->patch(url(part_id), json{{"parent_id", other_unit}, {"room_number", "401"}, {"floor", 4}}).status,
            200);
  EXPECT_EQ(address_key(part_id), "2-1-401");
  ASSERT_EQ(admin->patch(url(unit_id), json{{"parent_id", child(node("desheng-xincun"), "2幢")}}).status, 200);
  EXPECT_EQ(address_key(child(unit_id, "102")), "2-3-102");
}

TEST_F(OrgRegistryTest, PreparingTheDatabaseGivesPartsWithoutAnAddressKeyTheirKey) {
  std::int64_t part_id = child(unit_one(), "102");
  db().transaction([](weizhi::store::Tx& tx) { tx.exec("UPDATE parts SET address_key = NULL"); });
  ASSERT_EQ(address_key(part_id), std::nullopt);
  weizhi::app::prepare_database(db());
  EXPECT_EQ(address_key(part_id), "1-1-102");
  auto lease = db().read();
  EXPECT_EQ(lease->scalar("SELECT COUNT(*) FROM parts WHERE address_key IS NULL"), 0);
}

TEST_F(OrgRegistryTest, DeletingALeafIs204AndAudited) {
  auto admin = signed_in("admin");
  auto created = admin->post("/api/v1/org/nodes", part(unit_one(), "301", 3));
  std::int64_t part_id = created.json()["id"].get<std::int64_t>();
  EXPECT_EQ(admin->del(url(part_id)).status, 204);
  EXPECT_EQ(admin->get(url(part_id)).status, 404);
  auto audit = admin->get("/api/v1/audit?entity=org_node:" + std::to_string(part_id)).json();
  ASSERT_FALSE(audit["items"].empty());
  EXPECT_EQ(audit["items"][0]["action"], "org.node.delete");
}

TEST_F(OrgRegistryTest, DeletingANodeWithChildrenIs409) {
  auto admin = signed_in("admin");
  EXPECT_EQ(admin->del(url(unit_one())).status, 409);
  EXPECT_EQ(admin->get(url(unit_one())).status, 200);
}

TEST_F(OrgRegistryTest, DeletingANodeOtherRecordsReferToIs409) {
  auto admin = signed_in("admin");
  auto community = admin->post("/api/v1/org/nodes",
                               json{{"parent_id", node("street")}, {"kind", "community"}, {"name", "华丰社区"}});
  std::int64_t id = community.json()["id"].get<std::int64_t>();
  ASSERT_EQ(admin->post("/api/v1/org/clusters", json{{"name", "新片区"}, {"community_ids", {id}}}).status, 201);
  EXPECT_EQ(admin->del(url(id)).status, 409);
  EXPECT_EQ(admin->get(url(id)).status, 200);
}

TEST_F(OrgRegistryTest, PatchOrDeleteOfAMissingNodeIs404) {
  auto admin = signed_in("admin");
  EXPECT_EQ(admin->patch(url(999999), json{{"name", "无"}}).status, 404);
  EXPECT_EQ(admin->del(url(999999)).status, 404);
}

TEST_F(OrgRegistryTest, ACommissionerMayNotEditOrSeeOutsideDeshengXincun) {
  auto commissioner = signed_in("commissioner");
  std::int64_t elsewhere = node("c-cuiyu");
  EXPECT_EQ(commissioner->get(url(elsewhere)).status, 403);
  EXPECT_EQ(commissioner->patch(url(elsewhere), json{{"name", "改名"}}).status, 403);
  EXPECT_EQ(commissioner->del(url(elsewhere)).status, 403);
  EXPECT_EQ(commissioner->get("/api/v1/org/clusters").status, 403);
}

TEST_F(OrgRegistryTest, AnonymousIs401) {
  auto client = anonymous();
  EXPECT_EQ(client->post("/api/v1/org/nodes", part(unit_one(), "301", 3)).status, 401);
  EXPECT_EQ(client->get(url(unit_one()) + "/children").status, 401);
  EXPECT_EQ(client->patch(url(building_one()), json{{"name", "一幢"}}).status, 401);
  EXPECT_EQ(client->del(url(building_one())).status, 401);
  EXPECT_EQ(client->get("/api/v1/org/clusters").status, 401);
  EXPECT_EQ(client->post("/api/v1/org/clusters", json{{"name", "x"}, {"community_ids", {1}}}).status, 401);
}

TEST_F(OrgRegistryTest, TheStreetHasThreeClustersWithDeshengAndCuiyuTogether) {
  auto admin = signed_in("admin");
  auto clusters = admin->get("/api/v1/org/clusters").json()["items"];
  ASSERT_EQ(clusters.size(), 3u);
  std::size_t communities = 0;
  for (const auto& cluster : clusters) {
    communities += cluster["community_ids"].size();
    if (cluster["code"] == "cluster-north") {
      EXPECT_EQ(cluster["community_ids"], json({node("desheng"), node("cuiyu")}));
    }
  }
  EXPECT_EQ(communities, 8u);
}

TEST_F(OrgRegistryTest, ACommunityAlreadyInAClusterIs409) {
  auto admin = signed_in("admin");
  auto reply = admin->post("/api/v1/org/clusters", json{{"name", "新片区"}, {"community_ids", {node("desheng")}}});
  EXPECT_EQ(reply.status, 409);
  EXPECT_EQ(reply.error_field(), "community_ids");
}

TEST_F(OrgRegistryTest, AClusterOfACompoundIs422AndOfAnUnknownNodeIs404) {
  auto admin = signed_in("admin");
  auto compound =
      admin->post("/api/v1/org/clusters", json{{"name", "错"}, {"community_ids", {node("desheng-xincun")}}});
  EXPECT_EQ(compound.status, 422);
  EXPECT_EQ(compound.error_field(), "community_ids");
  EXPECT_EQ(admin->post("/api/v1/org/clusters", json{{"name", "错"}, {"community_ids", {999999}}}).status, 404);
}

TEST_F(OrgRegistryTest, AClusterWithoutCommunitiesIs400AndNothingIsWritten) {
  auto admin = signed_in("admin");
  std::int64_t before = rows_in("property_clusters");
  auto reply = admin->post("/api/v1/org/clusters", json{{"name", "空片区"}, {"community_ids", json::array()}});
  EXPECT_EQ(reply.status, 400);
  EXPECT_EQ(reply.error_field(), "community_ids");
  EXPECT_EQ(rows_in("property_clusters"), before);
}

TEST_F(OrgRegistryTest, OnlyTheStreetCreatesClusters) {
  auto admin = signed_in("admin");
  auto community = admin->post("/api/v1/org/nodes",
                               json{{"parent_id", node("street")}, {"kind", "community"}, {"name", "华丰社区"}});
  std::int64_t id = community.json()["id"].get<std::int64_t>();
  auto secretary = signed_in("secretary");
  EXPECT_EQ(secretary->post("/api/v1/org/clusters", json{{"name", "新片区"}, {"community_ids", {id}}}).status, 403);
  auto reply =
      admin->post("/api/v1/org/clusters", json{{"name", "新片区"}, {"code", "cluster-new"}, {"community_ids", {id}}});
  ASSERT_EQ(reply.status, 201) << reply.body;
  EXPECT_EQ(reply.json()["community_ids"], json({id}));
}
