// The org module's published header, what other modules use of the org tree: its nodes and their
// registry details, their checks and codes, finding and creating them, the subtree SQL conditions,
// and what routes ask of it (the subtree or compound a route is asked about, a street by id, a
// street's policy).
// Store and HTTP types are only named here, so pure rules may include it.
#pragma once
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/code_table.hpp"
#include "core/error.hpp"
#include "core/json.hpp"

namespace weizhi::store {
class Connection;
class Tx;
class Value;
class Db;
enum class Dialect;
}  // namespace weizhi::store

namespace weizhi::http {
class Context;
struct Response;
class Router;
// As http/router.hpp declares it: a redeclaration must name the same type, so the two cannot drift.
using ScopeResolver = std::function<std::optional<std::int64_t>(Context&)>;
}  // namespace weizhi::http

namespace weizhi::org {

// The tree: street → community → compound → building → stairwell unit → part.
enum class NodeKind { Street, Community, Compound, Building, Unit, Part };

struct Node {
  std::int64_t id;
  std::optional<std::int64_t> parent_id;
  NodeKind kind;
  std::string name;
  std::optional<std::string> code;
  std::string path;  // ids from the root, e.g. "/1/4/9/"
  std::string created_at;
};

enum class PartUse { Residential, Commercial, Parking, Other };
enum class AreaSource { Registered, Surveyed, Contract };
// The land a building stands on: elevator retrofits are only for state-owned land (Order 324). Old
// urban compounds are on state-owned land, so that is the default and collective land the exception.
enum class LandTenure { StateOwned, Collective };

struct BuildingInput {
  std::string name;
  std::int64_t floors;
  bool has_elevator;
  LandTenure land = LandTenure::StateOwned;
};

struct PartInput {
  std::string room_number;
  std::int64_t floor;  // 1 is the ground floor, negative floors are basements
  PartUse use;
  std::int64_t area_centi_m2;  // exclusive area in 0.01 m²
  AreaSource area_source;
};

struct CommunityDetails {
  std::optional<std::string> party_committee_name;    // 社区党委
  std::optional<std::string> tripartite_office_name;  // 三方办
};

struct BuildingDetails {
  std::int64_t floors;
  bool has_elevator;
  LandTenure land = LandTenure::StateOwned;
};

// A node with the details of its kind; at most one of them is set.
struct NodeRecord {
  Node node;
  std::optional<CommunityDetails> community;
  std::optional<BuildingDetails> building;
  std::optional<PartInput> part;  // a part's details are exactly what created it
};

// --- Codes and checks ---

// The codes rows and JSON speak (read with code_of, parse_code and parser_of).
constexpr CodeTable<NodeKind> kNodeKinds = {{NodeKind::Street, "street"},     {NodeKind::Community, "community"},
                                            {NodeKind::Compound, "compound"}, {NodeKind::Building, "building"},
                                            {NodeKind::Unit, "unit"},         {NodeKind::Part, "part"}};
constexpr CodeTable<PartUse> kPartUses = {{PartUse::Residential, "residential"},
                                          {PartUse::Commercial, "commercial"},
                                          {PartUse::Parking, "parking"},
                                          {PartUse::Other, "other"}};
constexpr CodeTable<AreaSource> kAreaSources = {
    {AreaSource::Registered, "registered"}, {AreaSource::Surveyed, "surveyed"}, {AreaSource::Contract, "contract"}};
constexpr CodeTable<LandTenure> kLandTenures = {{LandTenure::StateOwned, "state_owned"},
                                                {LandTenure::Collective, "collective"}};

// Each check returns nullopt when the value is acceptable, else the Chinese message.
std::optional<std::string> name_problem(const std::string& name);
// Old compounds here are low- and mid-rise; 60 floors leaves room for any real building.
std::optional<std::string> floors_problem(std::int64_t floors);
// Floors run from basement −5 up to the top floor; there is no floor 0 (1 is the ground floor).
std::optional<std::string> floor_problem(std::int64_t floor, std::int64_t building_floors);
// Area in 0.01 m²: more than 0 and less than 100,000 m².
std::optional<std::string> area_problem(std::int64_t area_centi_m2);
// Not blank and at most 20 characters (UTF-8 code points).
std::optional<std::string> room_number_problem(const std::string& room_number);
// 400 naming `field` unless `query` is an address to search by: at most 100 characters, with a
// building, unit or room number in it (docs/modules/org.md#address-keys).
void check_address_query(std::string_view query, const std::string& field);

// An area in 0.01 m² as square metres with two decimals, e.g. 8735 → "87.35".
std::string area_m2_text(std::int64_t area_centi_m2);
// The street a node lies in: the first id of its path ("/1/4/9/" → 1).
std::int64_t street_of(const std::string& path);

// --- The tree as stored ---

std::optional<Node> find_node(store::Connection& connection, std::int64_t id);
std::optional<Node> find_node(store::Tx& tx, std::int64_t id);
std::optional<NodeRecord> find_record(store::Connection& connection, std::int64_t id);
// Children with their details after `after_id` (cursor), by id, at most `limit`.
std::vector<NodeRecord> child_records(store::Connection& connection, std::int64_t parent_id, std::int64_t after_id,
                                      std::int64_t limit);

// "column >= ? AND column < ?" in byte order, with subtree_params(path): the nodes of the subtree at `path`
// through an index range (LIKE 'prefix%' would scan the table on both engines).
std::string subtree_condition(store::Dialect dialect, std::string_view column);
std::vector<store::Value> subtree_params(const std::string& path);

// "IN (SELECT …)" with parts_at_address_params(path, query): the parts of the subtree at `path` whose
// address a typed query means (docs/modules/org.md#address-keys), found through the index of their
// kept address keys; the words before the query's numbers, if any, must occur in the compound's name.
std::string parts_at_address_sql(store::Dialect dialect, std::string_view query);
std::vector<store::Value> parts_at_address_params(const std::string& path, std::string_view query);

// How many nodes of each kind the subtree at `node` holds, the node itself included, from the
// counts every insert, move and delete keeps (no scan of the subtree).
std::map<NodeKind, std::int64_t> subtree_counts(store::Connection& connection, const Node& node);

// Creators insert the node and its details; callers have checked permission. They throw ApiError
// as the registry's creators do (registry.hpp).
Node create_building(store::Tx& tx, const Node& compound, const BuildingInput& input);
Node create_building(store::Tx& tx, const Node& compound, const BuildingInput& input,
                     const std::optional<std::string>& code);
Node create_unit(store::Tx& tx, const Node& building, const std::string& name);
Node create_unit(store::Tx& tx, const Node& building, const std::string& name, const std::optional<std::string>& code);

// Moves a community into a property cluster, out of the one it was in: a community is in one cluster at a time.
// The caller has checked that both exist and that the move is allowed; the property module keeps the history.
void move_community_to_cluster(store::Tx& tx, std::int64_t community_id, std::int64_t cluster_id);

// The part of a batch that does not fit: its index in the batch, and why (the same error create_part gives).
class PartRejected : public ApiError {
 public:
  PartRejected(std::size_t index, const ApiError& error) : ApiError(error), index_(index) {}
  std::size_t index() const noexcept { return index_; }

 private:
  std::size_t index_;
};
// Creates many parts of one unit in a few statements, in order. Every part is checked before anything
// is written, so a rejection (PartRejected) leaves the unit as it was.
std::vector<Node> create_parts(store::Tx& tx, const Node& unit, const std::vector<PartInput>& inputs);

// --- What routes ask of the tree ---

// The access scope of a list route asked about a subtree (`?node=ID`): the queried node, or the
// street when absent.
const http::ScopeResolver& node_query_scope();

// The id in `?compound=`: 400 naming `compound` when absent or not an id.
std::int64_t queried_compound_id(http::Context& context);
// The access scope of routes about one compound given as `?compound=`.
const http::ScopeResolver& compound_query_scope();

// The street with this id; 404 when there is none or the node is not a street.
Node require_street(store::Connection& connection, std::int64_t id);
// The compound with this id; 404 when there is none or the node is not a compound.
Node require_compound(store::Connection& connection, std::int64_t id);
// The id of the street a node lies in; 404 when there is no such node.
std::int64_t street_of_node(store::Connection& connection, std::int64_t node_id);

// A street's policy (committees, covenant and elevators each keep one per street), read by
// `GET …-policies/{street_id}`: 404 unless the path names a street, else `load(connection, street_id)`
// as `to_json` shows it.
template <class Load, class ToJson, class Context, class Response = http::Response>
Response street_policy(Context& context, Load&& load, ToJson&& to_json) {
  auto lease = context.read();
  Node street = require_street(*lease, context.path_id("street_id"));
  return Response::json(200, to_json(load(*lease, street.id)));
}
// `PUT …-policies/{street_id}`: `save` writes the checked policy of the street, audited as `action`
// with `saved`, the policy as the answer shows it; 404 unless the street exists when it is written.
http::Response save_street_policy(http::Context& context, std::int64_t street_id, const std::string& action,
                                  const Json& saved, const std::function<void(store::Tx&)>& save);
// Registers `get` and `put` as GET and PUT `<path>/{street_id}`, allowed to holders of `read` and
// `write` at that street.
void add_street_policy_routes(http::Router& router, const std::string& path, const std::string& read,
                              const std::string& write, http::Response (*get)(http::Context&),
                              http::Response (*put)(http::Context&));

// A template only so that this header names store::Db::Lease without including the store;
// SubtreeRead is its one instance.
template <class Db = store::Db>
struct QueriedSubtree {
  typename Db::Lease lease;
  Node node;
};
using SubtreeRead = QueriedSubtree<>;

// The queried node (404 when unknown) and a lease to read under it. The node id is resolved
// before a connection is leased: finding the street leases one of its own, and handlers holding
// one while waiting for another could starve the pool.
SubtreeRead read_queried_subtree(http::Context& context);

// A list route's reply: the records `list(connection, path)` finds under the queried node, each
// as `to_json(connection, record)`, in {"items": […]}.
// (Context and Response are parameters so that the HTTP types are complete where it is used.)
template <class List, class ToJson, class Context, class Response = http::Response>
Response subtree_items(Context& context, List&& list, ToJson&& to_json) {
  auto [lease, node] = read_queried_subtree(context);
  Json items = Json::array();
  for (const auto& record : list(*lease, node.path)) items.push_back(to_json(*lease, record));
  return Response::json(200, {{"items", std::move(items)}});
}

}  // namespace weizhi::org
