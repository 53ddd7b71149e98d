// create_buildings, the registry's bulk creator that seeds the demo street's compounds: the nodes, ids,
// details and kept counts that creating the same buildings one by one gives, and every refusal of the
// one-by-one creators, with nothing written.
#include <algorithm>
#include <functional>

#include "core/error.hpp"
#include "modules/org/registry.hpp"
#include "support/test_server.hpp"

using weizhi::ApiError;
using weizhi::org::BuildingPlan;
using weizhi::org::Node;
using weizhi::org::PartInput;
using weizhi::org::UnitPlan;
using weizhi::store::Tx;
using weizhi::testing::ApiTest;

class OrgBulkTest : public ApiTest {
 protected:
  // Two buildings, one of two units, with a shop, homes and a parking space.
  static std::vector<BuildingPlan> plans() {
    auto home = [](const std::string& room, std::int64_t floor) {
      return PartInput{room, floor, weizhi::org::PartUse::Residential, 8000 + floor, weizhi::org::AreaSource::Surveyed};
    };
    return {
        BuildingPlan{
            {"1幢", 5, true},
            {UnitPlan{
                 "1单元",
                 {PartInput{"101", 1, weizhi::org::PartUse::Commercial, 9000, weizhi::org::AreaSource::Contract},
                  home("502", 5),
                  PartInput{"车位1", -1, weizhi::org::PartUse::Parking, 1300, weizhi::org::AreaSource::Registered}}},
             UnitPlan{"2单元", {home("201", 2)}}}},
        BuildingPlan{{"2幢", 4, false}, {UnitPlan{"1单元", {home("101", 1), home("102", 1)}}}}};
  }

  // Everything stored of the subtree under `compound`, each node named by its distance from the compound's id.
  static std::vector<std::string> subtree(Tx& tx, const Node& compound) {
    std::vector<std::string> lines;
    auto offset = [&compound](const weizhi::store::Row& row, std::size_t column) {
      return std::to_string(row.i64(column) - compound.id);
    };
    for (const auto& row :
         tx.query("SELECT n.id, n.parent_id, n.kind, n.name, n.path, b.floors, b.has_elevator, b.land, p.unit_node_id, "
                  "p.room_number, p.floor, p.use, p.area_centi_m2, p.area_source, p.address_key FROM org_nodes n "
                  "LEFT JOIN buildings b ON b.node_id = n.id LEFT JOIN parts p ON p.node_id = n.id "
                  "WHERE n.path LIKE ? AND n.id <> ? ORDER BY n.id",
                  {compound.path + "%", compound.id})) {
      std::string path = row.text(4);
      std::string line = offset(row, 0) + " under " + offset(row, 1) + " path depth " +
                         std::to_string(std::count(path.begin(), path.end(), '/'));
      for (std::size_t column = 2; column < row.size(); ++column) {
        if (column != 4) line += " " + (column == 8 && !row.is_null(8) ? offset(row, 8) : row.text(column));
      }
      lines.push_back(line);
    }
    for (const auto& row :
         tx.query("SELECT c.node_id, c.kind, c.nodes FROM org_subtree_counts c "
                  "JOIN org_nodes n ON n.id = c.node_id WHERE n.path LIKE ? ORDER BY c.node_id, c.kind",
                  {compound.path + "%"})) {
      lines.push_back("count " + offset(row, 0) + " " + row.text(1) + " " + row.text(2));
    }
    return lines;
  }

  // The status and field of the refusal `plans` meet under a new compound; nothing is written.
  std::pair<int, std::string> refusal(const std::function<void(std::vector<BuildingPlan>&)>& spoil) {
    auto spoiled = plans();
    spoil(spoiled);
    return refused_write(
        [&](Tx& tx) {
          Node community = *weizhi::org::find_node(tx, node("desheng"));
          Node compound = weizhi::org::create_compound(tx, community, "新建小区", std::nullopt);
          weizhi::org::create_buildings(tx, compound, spoiled);
        },
        {"org_nodes", "parts"});
  }
  using Refusal = std::pair<int, std::string>;
};

TEST_F(OrgBulkTest, BuildingsGoInWithTheNodesIdsDetailsAndCountsOfOneByOneCreation) {
  db().transaction([&](Tx& tx) {
    Node community = *weizhi::org::find_node(tx, node("desheng"));
    Node one_by_one = weizhi::org::create_compound(tx, community, "逐个小区", std::nullopt);
    for (const auto& plan : plans()) {
      Node building = weizhi::org::create_building(tx, one_by_one, plan.building);
      for (const auto& unit : plan.units) {
        weizhi::org::create_parts(tx, weizhi::org::create_unit(tx, building, unit.name), unit.parts);
      }
    }
    std::int64_t community_parts =
        tx.scalar("SELECT nodes FROM org_subtree_counts WHERE node_id = ? AND kind = 'part'", {community.id});
    Node together = weizhi::org::create_compound(tx, community, "整批小区", std::nullopt);
    weizhi::org::create_buildings(tx, together, plans());
    EXPECT_EQ(subtree(tx, together), subtree(tx, one_by_one));
    EXPECT_EQ(subtree(tx, together).size(), 21u);  // 11 nodes, 10 kept counts
    EXPECT_EQ(tx.scalar("SELECT nodes FROM org_subtree_counts WHERE node_id = ? AND kind = 'part'", {community.id}),
              community_parts + 6);
    // The next node created the ordinary way follows the last one the plans took.
    EXPECT_EQ(weizhi::org::create_compound(tx, community, "其后小区", std::nullopt).id, together.id + 12);
  });
}

TEST_F(OrgBulkTest, APlanIsRefusedAsOneByOneCreationRefusesItAndNothingIsWritten) {
  EXPECT_EQ(refusal([](auto& plans) { plans[1].building.floors = 0; }), Refusal(400, "floors"));
  EXPECT_EQ(refusal([](auto& plans) { plans[0].units[1].name = " "; }), Refusal(400, "name"));
  EXPECT_EQ(refusal([](auto& plans) { plans[1].units[0].parts[1].floor = 5; }), Refusal(400, "floor"));
  EXPECT_EQ(refusal([](auto& plans) { plans[1].units[0].parts[1].room_number = "101"; }), Refusal(409, "room_number"));
  EXPECT_EQ(refusal([](auto& plans) { plans[0].units[0].parts[0].area_centi_m2 = 0; }), Refusal(400, "area_centi_m2"));
}

TEST_F(OrgBulkTest, BuildingsGoOnlyUnderACompound) {
  std::int64_t nodes = rows_in("org_nodes");
  try {
    db().transaction(
        [&](Tx& tx) { weizhi::org::create_buildings(tx, *weizhi::org::find_node(tx, node("desheng")), plans()); });
    ADD_FAILURE() << "buildings went under a community";
  } catch (const ApiError& error) {
    EXPECT_EQ(error.status(), 422);
    EXPECT_EQ(error.field(), "kind");
  }
  EXPECT_EQ(rows_in("org_nodes"), nodes);
}
