// The registry of the org tree: creating communities, compounds, buildings, units and parts with
// their details. Used by the org routes, the demo seed and the import module alike.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/error.hpp"
#include "modules/org/org.hpp"
#include "store/db.hpp"

namespace weizhi::org {

// 片区组团: communities served together by one property company.
struct Cluster {
  std::int64_t id;
  std::string name;
  std::optional<std::string> code;
  std::vector<std::int64_t> community_ids;
};

// Creators insert the node and its details; callers have checked permission. They throw
// ApiError (422 field "kind" for a wrong parent kind, 409 field "room_number" for a room already
// in the unit, 400 naming the field for invalid values).
Node create_community(store::Tx& tx, const Node& street, const std::string& name,
                      const std::optional<std::string>& code);
Node create_community(store::Tx& tx, const Node& street, const std::string& name,
                      const std::optional<std::string>& code, const CommunityDetails& details);
Node create_compound(store::Tx& tx, const Node& community, const std::string& name,
                     const std::optional<std::string>& code);
// A building whose floors are not known yet: it may hold units, but parts only once a PATCH
// has registered its floors.
Node create_building_without_details(store::Tx& tx, const Node& compound, const std::string& name,
                                     const std::optional<std::string>& code);
Node create_part(store::Tx& tx, const Node& unit, const PartInput& input);

// A building to create with its units and their parts, for create_buildings.
struct UnitPlan {
  std::string name;
  std::vector<PartInput> parts;
};
struct BuildingPlan {
  BuildingInput building;
  std::vector<UnitPlan> units;
};
// create_building, create_unit and create_parts for every building of `plans` under `compound`, in
// order, with the same checks and errors, but in a few statements for all of them: nothing is
// written until every node has passed, and the nodes get the ids one-by-one creation would give.
void create_buildings(store::Tx& tx, const Node& compound, const std::vector<BuildingPlan>& plans);

std::optional<Node> find_child_by_name(store::Connection& connection, std::int64_t parent_id, const std::string& name);
// A PATCH of a node: only the fields present change. The kind's detail fields apply to that kind.
struct NodeChanges {
  std::optional<std::string> name;
  std::optional<std::string> code;
  std::optional<std::int64_t> parent_id;  // a move, with the whole subtree
  std::optional<std::string> party_committee_name;
  std::optional<std::string> tripartite_office_name;
  std::optional<std::int64_t> floors;
  std::optional<bool> has_elevator;
  std::optional<LandTenure> land;
  std::optional<std::string> room_number;
  std::optional<std::int64_t> floor;
  std::optional<PartUse> use;
  std::optional<std::int64_t> area_centi_m2;  // 0.01 m²
  std::optional<AreaSource> area_source;
};

// Applies `changes` to the node and returns it as now stored. Throws ApiError like the creators,
// plus 404 field "parent_id" for an unknown new parent, 422 field "parent_id" for a move under a
// parent of the wrong kind or into the node's own subtree, 422 field "floors" for fewer floors
// than a part of the building is on. The caller has checked permission on the new parent.
NodeRecord update_node(store::Tx& tx, const NodeRecord& current, const NodeChanges& changes);
// Deletes a node without children (409 otherwise); rows of other tables referring to it make
// this throw store::ConstraintViolation.
void remove_node(store::Tx& tx, const Node& node);

// Groups communities into a property cluster. Throws ApiError: 400 for an empty or repeated
// list, 404 for an unknown id, 422 for a node that is not a community, 409 for a community
// already in a cluster or a code in use (fields "community_ids", "code").
Cluster create_cluster(store::Tx& tx, const std::string& name, const std::optional<std::string>& code,
                       const std::vector<std::int64_t>& community_ids);

}  // namespace weizhi::org
