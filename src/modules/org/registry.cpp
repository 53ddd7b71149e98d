// The registry's creators and edits: every check of rules.hpp applied before anything is
// written, so a refused node leaves no trace. Seeds, routes and imports all come through here.
#include "modules/org/registry.hpp"

#include <set>

#include "core/error.hpp"
#include "modules/org/rules.hpp"
#include "modules/org/store.hpp"

namespace weizhi::org {

namespace {

void check(const std::optional<std::string>& problem, const std::string& field) {
  if (problem) fail_invalid(field, *problem);
}

void require_child_kind(const Node& parent, NodeKind kind) {
  if (child_kind(parent.kind) != kind) {
    fail_unprocessable(code_of(kNodeKinds, parent.kind) + " 下不能直接建立 " + code_of(kNodeKinds, kind), "kind");
  }
}

void require_free_code(store::Connection& connection, const std::optional<std::string>& code,
                       std::optional<std::int64_t> except_id) {
  if (code && code_in_use(connection, *code, except_id)) fail_conflict("编码 " + *code + " 已被使用", "code");
}

void check_part_values(const PartInput& part) {
  check(room_number_problem(part.room_number), "room_number");
  check(area_problem(part.area_centi_m2), "area_centi_m2");
}

// The part fits the unit: its floor exists in the building and its room number is free.
void require_room_in_unit(store::Connection& connection, const Node& unit, const PartInput& part,
                          std::optional<std::int64_t> part_id) {
  UnitRoom room = unit_room(connection, unit, part.room_number, part_id);
  if (!room.building_floors) fail_unprocessable("该幢尚未登记层数，不能登记户", "floor");
  check(floor_problem(part.floor, *room.building_floors), "floor");
  if (room.room_taken) fail_conflict("该单元已有房号 " + part.room_number, "room_number");
}

Node create_plain(store::Tx& tx, const Node& parent, NodeKind kind, const std::string& name,
                  const std::optional<std::string>& code) {
  require_child_kind(parent, kind);
  check(name_problem(name), "name");
  require_free_code(tx.connection(), code, std::nullopt);
  return insert_node(tx, parent, kind, name, code);
}

}  // namespace

Node create_community(store::Tx& tx, const Node& street, const std::string& name,
                      const std::optional<std::string>& code) {
  return create_community(tx, street, name, code, CommunityDetails{});
}

Node create_community(store::Tx& tx, const Node& street, const std::string& name,
                      const std::optional<std::string>& code, const CommunityDetails& details) {
  Node node = create_plain(tx, street, NodeKind::Community, name, code);
  insert_community_details(tx, node.id, details);
  return node;
}

Node create_compound(store::Tx& tx, const Node& community, const std::string& name,
                     const std::optional<std::string>& code) {
  return create_plain(tx, community, NodeKind::Compound, name, code);
}

Node create_building(store::Tx& tx, const Node& compound, const BuildingInput& input) {
  return create_building(tx, compound, input, std::nullopt);
}

Node create_building(store::Tx& tx, const Node& compound, const BuildingInput& input,
                     const std::optional<std::string>& code) {
  check(floors_problem(input.floors), "floors");
  Node node = create_plain(tx, compound, NodeKind::Building, input.name, code);
  insert_building_details(tx, node.id, BuildingDetails{input.floors, input.has_elevator, input.land});
  return node;
}

Node create_building_without_details(store::Tx& tx, const Node& compound, const std::string& name,
                                     const std::optional<std::string>& code) {
  return create_plain(tx, compound, NodeKind::Building, name, code);
}

Node create_unit(store::Tx& tx, const Node& building, const std::string& name) {
  return create_unit(tx, building, name, std::nullopt);
}

Node create_unit(store::Tx& tx, const Node& building, const std::string& name, const std::optional<std::string>& code) {
  return create_plain(tx, building, NodeKind::Unit, name, code);
}

Node create_part(store::Tx& tx, const Node& unit, const PartInput& input) {
  return create_parts(tx, unit, {input}).front();
}

std::vector<Node> create_parts(store::Tx& tx, const Node& unit, const std::vector<PartInput>& inputs) {
  require_child_kind(unit, NodeKind::Part);
  if (inputs.empty()) return {};
  auto floors = building_floors(tx.connection(), *unit.parent_id);
  std::set<std::string> rooms = unit_rooms(tx.connection(), unit.id);
  for (std::size_t index = 0; index < inputs.size(); ++index) {
    const PartInput& input = inputs[index];
    try {
      check_part_values(input);
      if (!floors) fail_unprocessable("该幢尚未登记层数，不能登记户", "floor");
      check(floor_problem(input.floor, *floors), "floor");
      if (!rooms.insert(input.room_number).second) fail_conflict("该单元已有房号 " + input.room_number, "room_number");
    } catch (const ApiError& error) {
      throw PartRejected(index, error);
    }
  }
  return insert_parts(tx, unit, inputs);
}

void create_buildings(store::Tx& tx, const Node& compound, const std::vector<BuildingPlan>& plans) {
  require_child_kind(compound, NodeKind::Building);
  for (const auto& plan : plans) {
    check(floors_problem(plan.building.floors), "floors");
    check(name_problem(plan.building.name), "name");
    for (const auto& unit : plan.units) {
      check(name_problem(unit.name), "name");
      // A new unit has no rooms yet: only its own parts can take one another's.
      std::set<std::string> rooms;
      for (std::size_t index = 0; index < unit.parts.size(); ++index) {
        const PartInput& input = unit.parts[index];
        try {
          check_part_values(input);
          check(floor_problem(input.floor, plan.building.floors), "floor");
          if (!rooms.insert(input.room_number).second) {
            fail_conflict("该单元已有房号 " + input.room_number, "room_number");
          }
        } catch (const ApiError& error) {
          throw PartRejected(index, error);
        }
      }
    }
  }
  insert_buildings(tx, compound, plans);
}

std::optional<Node> find_child_by_name(store::Connection& connection, std::int64_t parent_id, const std::string& name) {
  return find_child(connection, parent_id, name);
}

NodeRecord update_node(store::Tx& tx, const NodeRecord& current, const NodeChanges& changes) {
  store::Connection& connection = tx.connection();
  NodeRecord updated = current;
  Node& node = updated.node;
  if (changes.name) {
    check(name_problem(*changes.name), "name");
    node.name = *changes.name;
  }
  if (changes.code) {
    require_free_code(connection, changes.code, node.id);
    node.code = changes.code;
  }

  std::optional<Node> new_parent;
  if (changes.parent_id && changes.parent_id != node.parent_id) {
    new_parent = find_node(connection, *changes.parent_id);
    if (!new_parent) {
      throw ApiError(404, "not_found", "找不到上级节点 " + std::to_string(*changes.parent_id), "parent_id");
    }
    if (auto problem = move_problem(node.kind, node.path, new_parent->kind, new_parent->path)) {
      fail_unprocessable(*problem, "parent_id");
    }
  }

  if (changes.party_committee_name || changes.tripartite_office_name) {
    CommunityDetails& community = updated.community.emplace(current.community.value_or(CommunityDetails{}));
    if (changes.party_committee_name) community.party_committee_name = changes.party_committee_name;
    if (changes.tripartite_office_name) community.tripartite_office_name = changes.tripartite_office_name;
  }

  bool building_changed = changes.floors || changes.has_elevator || changes.land;
  if (building_changed) {
    if (!current.building && !changes.floors) fail_invalid("floors", "请同时登记层数");
    BuildingDetails& building = updated.building.emplace(current.building.value_or(BuildingDetails{1, false}));
    if (changes.floors) {
      check(floors_problem(*changes.floors), "floors");
      auto highest = highest_part_floor(connection, node.id);
      if (highest && *highest > *changes.floors) {
        fail_unprocessable("已有户登记在第 " + std::to_string(*highest) + " 层，层数不能少于此", "floors");
      }
      building.floors = *changes.floors;
    }
    if (changes.has_elevator) building.has_elevator = *changes.has_elevator;
    if (changes.land) building.land = *changes.land;
  }

  bool part_changed = changes.room_number || changes.floor || changes.use || changes.area_centi_m2 ||
                      changes.area_source || (new_parent && node.kind == NodeKind::Part);
  if (part_changed) {
    if (!current.part) fail_unprocessable("该户尚无登记信息", "room_number");
    PartInput& part = *updated.part;
    if (changes.room_number) part.room_number = *changes.room_number;
    if (changes.floor) part.floor = *changes.floor;
    if (changes.use) part.use = *changes.use;
    if (changes.area_centi_m2) part.area_centi_m2 = *changes.area_centi_m2;
    if (changes.area_source) part.area_source = *changes.area_source;
    check_part_values(part);
    Node unit = new_parent ? *new_parent : *find_node(connection, *node.parent_id);
    require_room_in_unit(connection, unit, part, node.id);
    node.name = part.room_number;
  }

  if (node.name != current.node.name || node.code != current.node.code) {
    update_node_fields(tx, node.id, node.name, node.code);
  }
  if (updated.community && (changes.party_committee_name || changes.tripartite_office_name)) {
    update_community_details(tx, node.id, *updated.community);
  }
  if (updated.building && building_changed) {
    update_building_details(tx, node.id, *updated.building);
  }
  if (new_parent) {
    std::string new_path = child_path(new_parent->path, node.id);
    move_subtree(tx, node, *new_parent, new_path);
    node.parent_id = new_parent->id;
    node.path = new_path;
  }
  if (part_changed) update_part_details(tx, node.id, *node.parent_id, *updated.part);
  if (node.name != current.node.name || new_parent || part_changed) refresh_address_keys(tx, node);
  return updated;
}

void remove_node(store::Tx& tx, const Node& node) {
  if (has_children(tx.connection(), node.id)) fail_conflict("该节点下仍有下级节点，请先删除或移走它们");
  delete_node(tx, node);
}

Cluster create_cluster(store::Tx& tx, const std::string& name, const std::optional<std::string>& code,
                       const std::vector<std::int64_t>& community_ids) {
  store::Connection& connection = tx.connection();
  check(name_problem(name), "name");
  if (community_ids.empty()) fail_invalid("community_ids", "片区组团至少包含一个社区");
  if (std::set<std::int64_t>(community_ids.begin(), community_ids.end()).size() != community_ids.size()) {
    fail_invalid("community_ids", "社区编号重复");
  }
  if (code && cluster_code_in_use(connection, *code)) fail_conflict("编码 " + *code + " 已被使用", "code");
  for (std::int64_t id : community_ids) {
    auto community = find_node(connection, id);
    if (!community) throw ApiError(404, "not_found", "找不到社区 " + std::to_string(id), "community_ids");
    if (community->kind != NodeKind::Community) {
      fail_unprocessable(community->name + " 不是社区", "community_ids");
    }
    if (cluster_of(connection, id)) fail_conflict(community->name + " 已属于另一个片区组团", "community_ids");
  }
  std::int64_t cluster_id = insert_cluster(tx, name, code);
  for (std::int64_t id : community_ids) add_cluster_community(tx, cluster_id, id);
  return Cluster{cluster_id, name, code, community_ids};
}

void move_community_to_cluster(store::Tx& tx, std::int64_t community_id, std::int64_t cluster_id) {
  tx.exec("DELETE FROM property_cluster_communities WHERE community_node_id = ?", {community_id});
  add_cluster_community(tx, cluster_id, community_id);
}

}  // namespace weizhi::org
