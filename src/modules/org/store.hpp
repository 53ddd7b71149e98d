// SQL of the org tree and its registry: nodes, their details by kind, and property clusters.
// Callers have checked the rules; these functions only read and write.
#pragma once
#include <map>
#include <optional>
#include <set>
#include <vector>

#include "modules/org/org.hpp"
#include "modules/org/registry.hpp"
#include "store/db.hpp"

namespace weizhi::org {

// The first child (by id) with this name.
std::optional<Node> find_child(store::Connection& connection, std::int64_t parent_id, const std::string& name);
bool has_children(store::Connection& connection, std::int64_t id);

// A part with the building and stairwell unit it sits in, for listing a subtree's parts.
struct PlacedPart {
  std::int64_t id;
  std::int64_t building_id;
  std::string building_name;
  std::int64_t unit_id;
  std::string unit_name;
  PartInput part;
};
// Parts under `node` (any kind) after `after_id` (cursor), by id, at most `limit`; only those at the
// typed `address` when it is not empty.
std::vector<PlacedPart> parts_under(store::Connection& connection, const Node& node, std::int64_t after_id,
                                    std::int64_t limit, std::string_view address = {});
// Whether another node than `except_id` holds `code`.
bool code_in_use(store::Connection& connection, const std::string& code, std::optional<std::int64_t> except_id);

// Inserts a node with its path in one statement (the id is allocated first).
Node insert_node(store::Tx& tx, const std::optional<Node>& parent, NodeKind kind, const std::string& name,
                 const std::optional<std::string>& code);
void insert_community_details(store::Tx& tx, std::int64_t node_id, const CommunityDetails& details);
void insert_building_details(store::Tx& tx, std::int64_t node_id, const BuildingDetails& details);
void insert_part_details(store::Tx& tx, std::int64_t node_id, std::int64_t unit_node_id, const PartInput& part);
// Inserts the parts' nodes and details with multi-row statements; returns the nodes in input order.
std::vector<Node> insert_parts(store::Tx& tx, const Node& unit, const std::vector<PartInput>& parts);
struct BuildingPlan;
// Inserts the buildings, their units and parts (checked) under `compound` with multi-row statements.
void insert_buildings(store::Tx& tx, const Node& compound, const std::vector<BuildingPlan>& plans);
// The floors registered for a building; nullopt when it has no details.
std::optional<std::int64_t> building_floors(store::Connection& connection, std::int64_t building_id);
// The room numbers already taken in a unit.
std::set<std::string> unit_rooms(store::Connection& connection, std::int64_t unit_id);

// What a new part must fit in a unit: the building's floor count (nullopt when the building
// has no details) and whether the room number is taken.
struct UnitRoom {
  std::optional<std::int64_t> building_floors;
  bool room_taken;
};
UnitRoom unit_room(store::Connection& connection, const Node& unit, const std::string& room_number,
                   std::optional<std::int64_t> except_part_id);
// The highest floor of any part in the building's units; nullopt when it has none.
std::optional<std::int64_t> highest_part_floor(store::Connection& connection, std::int64_t building_id);

void update_node_fields(store::Tx& tx, std::int64_t id, const std::string& name,
                        const std::optional<std::string>& code);
void update_community_details(store::Tx& tx, std::int64_t node_id, const CommunityDetails& details);
void update_building_details(store::Tx& tx, std::int64_t node_id, const BuildingDetails& details);
void update_part_details(store::Tx& tx, std::int64_t node_id, std::int64_t unit_node_id, const PartInput& part);
// Brings the address keys of the parts under a building, unit or part in line with their names, after
// a rename, a move or a change of room number.
void refresh_address_keys(store::Tx& tx, const Node& node);
// Gives every part without an address key its key: the parts registered before keys were kept.
void fill_missing_address_keys(store::Tx& tx);
// Puts the node under `new_parent` and rewrites the paths of its whole subtree.
void move_subtree(store::Tx& tx, const Node& node, const Node& new_parent, const std::string& new_path);
// Deletes the node and its details; a row of another table still referring to it makes this
// throw store::ConstraintViolation.
void delete_node(store::Tx& tx, const Node& node);

std::int64_t insert_cluster(store::Tx& tx, const std::string& name, const std::optional<std::string>& code);
void add_cluster_community(store::Tx& tx, std::int64_t cluster_id, std::int64_t community_id);
bool cluster_code_in_use(store::Connection& connection, const std::string& code);
// The cluster a community belongs to, if any.
std::optional<std::int64_t> cluster_of(store::Connection& connection, std::int64_t community_id);
std::vector<Cluster> clusters(store::Connection& connection);

}  // namespace weizhi::org
