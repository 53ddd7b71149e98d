// Org tree and registry storage.
#include "modules/org/store.hpp"

#include <map>
#include <tuple>

#include "core/address.hpp"
#include "core/code_table.hpp"
#include "modules/org/registry.hpp"
#include "modules/org/rules.hpp"
#include "store/bulk.hpp"
#include "store/rows.hpp"
#include "store/select.hpp"

namespace weizhi::org {

namespace {

constexpr const char* kNodeColumns = "SELECT id, parent_id, kind, name, code, path, created_at FROM org_nodes ";

// A node and the details of every kind; LEFT JOINs leave the other kinds' columns NULL.
constexpr const char* kRecordColumns =
    "SELECT n.id, n.parent_id, n.kind, n.name, n.code, n.path, n.created_at, "
    "c.node_id, c.party_committee_name, c.tripartite_office_name, "
    "b.node_id, b.floors, b.has_elevator, b.land, "
    "p.node_id, p.room_number, p.floor, p.use, p.area_centi_m2, p.area_source "
    "FROM org_nodes n LEFT JOIN communities c ON c.node_id = n.id LEFT JOIN buildings b ON b.node_id = n.id "
    "LEFT JOIN parts p ON p.node_id = n.id ";

// The parts below a node of each kind down from a compound, where the parent links reach them through
// indexes (above a compound the path prefix does), over parts p, their units u and buildings b.
constexpr CodeTable<NodeKind> kPartsOfNode = {{NodeKind::Part, "p.node_id = ?"},
                                              {NodeKind::Unit, "p.unit_node_id = ?"},
                                              {NodeKind::Building, "u.parent_id = ?"},
                                              {NodeKind::Compound, "b.parent_id = ?"}};

Node to_node(const store::Row& row) {
  return Node{row.i64(0),  row.optional_i64(1),  parse_code(kNodeKinds, row.text(2)).value_or(NodeKind::Part),
              row.text(3), row.optional_text(4), row.text(5),
              row.text(6)};
}

NodeRecord to_record(const store::Row& row) {
  NodeRecord record{to_node(row), std::nullopt, std::nullopt, std::nullopt};
  if (!row.is_null(7)) record.community = CommunityDetails{row.optional_text(8), row.optional_text(9)};
  if (!row.is_null(10)) {
    record.building = BuildingDetails{row.i64(11), row.i64(12) != 0,
                                      parse_code(kLandTenures, row.text(13)).value_or(LandTenure::StateOwned)};
  }
  if (!row.is_null(14)) {
    record.part = PartInput{row.text(15), row.i64(16), parse_code(kPartUses, row.text(17)).value_or(PartUse::Other),
                            row.i64(18), parse_code(kAreaSources, row.text(19)).value_or(AreaSource::Contract)};
  }
  return record;
}

}  // namespace

std::optional<Node> find_node(store::Connection& connection, std::int64_t id) {
  return store::map_row(connection.query_one(std::string(kNodeColumns) + "WHERE id = ?", {id}), to_node);
}

std::optional<Node> find_node(store::Tx& tx, std::int64_t id) { return find_node(tx.connection(), id); }

std::optional<Node> find_child(store::Connection& connection, std::int64_t parent_id, const std::string& name) {
  return store::map_row(
      connection.query_one(std::string(kNodeColumns) + "WHERE parent_id = ? AND name = ? ORDER BY id LIMIT 1",
                           {parent_id, name}),
      to_node);
}

std::optional<NodeRecord> find_record(store::Connection& connection, std::int64_t id) {
  return store::map_row(connection.query_one(std::string(kRecordColumns) + "WHERE n.id = ?", {id}), to_record);
}

std::vector<NodeRecord> child_records(store::Connection& connection, std::int64_t parent_id, std::int64_t after_id,
                                      std::int64_t limit) {
  return store::map_rows(
      connection.query(std::string(kRecordColumns) + "WHERE n.parent_id = ? AND n.id > ? ORDER BY n.id LIMIT ?",
                       {parent_id, after_id, limit}),
      to_record);
}

std::string subtree_condition(store::Dialect dialect, std::string_view column) {
  std::string compared(column);
  if (dialect == store::Dialect::Postgres) compared += " COLLATE \"C\"";
  return compared + " >= ? AND " + compared + " < ?";
}

store::Params subtree_params(const std::string& path) { return {path, subtree_end(path)}; }

std::string parts_at_address_sql(store::Dialect dialect, std::string_view query) {
  std::string sql =
      "IN (SELECT ap.node_id FROM parts ap JOIN org_nodes apn ON apn.id = ap.node_id "
      "JOIN org_nodes au ON au.id = ap.unit_node_id JOIN org_nodes ab ON ab.id = au.parent_id "
      "JOIN org_nodes ac ON ac.id = ab.parent_id WHERE ap.address_key >= ? AND ap.address_key < ? AND " +
      subtree_condition(dialect, "apn.path");
  if (!address_place(query).empty()) sql += " AND ac.name LIKE ? ESCAPE '\\'";
  return sql + ")";
}

store::Params parts_at_address_params(const std::string& path, std::string_view query) {
  auto [first, end] = address_key_range(query);
  store::Params params{first, end};
  for (auto& param : subtree_params(path)) params.push_back(std::move(param));
  if (std::string place = address_place(query); !place.empty())
    params.emplace_back("%" + store::like_pattern(place) + "%");
  return params;
}

std::vector<PlacedPart> parts_under(store::Connection& connection, const Node& node, std::int64_t after_id,
                                    std::int64_t limit, std::string_view address) {
  std::string where = code_of(kPartsOfNode, node.kind);
  store::Params params{node.id};
  if (where.empty()) {
    where = "pn.kind = 'part' AND " + subtree_condition(connection.dialect(), "pn.path");
    params = subtree_params(node.path);
  }
  if (!address.empty()) {
    where += " AND p.node_id " + parts_at_address_sql(connection.dialect(), address);
    for (auto& param : parts_at_address_params(node.path, address)) params.push_back(std::move(param));
  }
  params.insert(params.end(), {after_id, limit});
  return store::map_rows(
      connection.query("SELECT p.node_id, b.id, b.name, u.id, u.name, p.room_number, p.floor, p.use, p.area_centi_m2, "
                       "p.area_source FROM parts p JOIN org_nodes pn ON pn.id = p.node_id "
                       "JOIN org_nodes u ON u.id = p.unit_node_id JOIN org_nodes b ON b.id = u.parent_id WHERE " +
                           where + " AND p.node_id > ? ORDER BY p.node_id LIMIT ?",
                       params),
      [](const store::Row& row) {
        return PlacedPart{
            row.i64(0),
            row.i64(1),
            row.text(2),
            row.i64(3),
            row.text(4),
            PartInput{row.text(5), row.i64(6), parse_code(kPartUses, row.text(7)).value_or(PartUse::Other), row.i64(8),
                      parse_code(kAreaSources, row.text(9)).value_or(AreaSource::Contract)}};
      });
}

bool has_children(store::Connection& connection, std::int64_t id) {
  return connection.query_one("SELECT id FROM org_nodes WHERE parent_id = ? LIMIT 1", {id}).has_value();
}

bool code_in_use(store::Connection& connection, const std::string& code, std::optional<std::int64_t> except_id) {
  auto row = connection.query_one("SELECT id FROM org_nodes WHERE code = ?", {code});
  return row && (!except_id || row->i64(0) != *except_id);
}

namespace {

// What to add to the kept counts, by the depth of the node, the node and the kind: read in this order,
// the rows are locked root first, so concurrent writers of one street queue up instead of deadlocking.
using CountDeltas = std::map<std::tuple<std::size_t, std::int64_t, std::string>, std::int64_t>;

// Adds `delta` nodes of `kind` below each of `ancestors` (root first) to `deltas`.
void add_counts(CountDeltas& deltas, const std::vector<std::int64_t>& ancestors, const std::string& kind,
                std::int64_t delta) {
  for (std::size_t depth = 0; depth < ancestors.size(); ++depth) deltas[{depth, ancestors[depth], kind}] += delta;
}

void write_counts(store::Tx& tx, const CountDeltas& deltas) {
  store::Params values;
  std::size_t rows = 0;
  auto write = [&tx, &values, &rows] {
    if (rows == 0) return;
    tx.exec("INSERT INTO org_subtree_counts (node_id, kind, nodes) VALUES " + store::value_rows(3, rows) +
                " ON CONFLICT (node_id, kind) DO UPDATE SET nodes = org_subtree_counts.nodes + excluded.nodes",
            values);
    values.clear();
    rows = 0;
  };
  for (const auto& entry : deltas) {
    if (entry.second == 0) continue;
    values.insert(values.end(), {std::get<1>(entry.first), std::get<2>(entry.first), entry.second});
    if (++rows == store::kRowsPerInsert) write();
  }
  write();
}

// Adds `delta` nodes of `kind` to the kept counts below each of `ancestors`.
void add_to_subtree_counts(store::Tx& tx, const std::vector<std::int64_t>& ancestors, const std::string& kind,
                           std::int64_t delta) {
  CountDeltas deltas;
  add_counts(deltas, ancestors, kind, delta);
  write_counts(tx, deltas);
}

// The nodes above `node`, root first.
std::vector<std::int64_t> ancestors_of(const Node& node) {
  std::vector<std::int64_t> ids = path_ids(node.path);
  if (!ids.empty()) ids.pop_back();
  return ids;
}

}  // namespace

std::map<NodeKind, std::int64_t> subtree_counts(store::Connection& connection, const Node& node) {
  std::map<NodeKind, std::int64_t> counts{{node.kind, 1}};
  for (const auto& row : connection.query("SELECT kind, nodes FROM org_subtree_counts WHERE node_id = ?", {node.id})) {
    if (auto kind = parse_code(kNodeKinds, row.text(0))) counts[*kind] += row.i64(1);
  }
  return counts;
}

Node insert_node(store::Tx& tx, const std::optional<Node>& parent, NodeKind kind, const std::string& name,
                 const std::optional<std::string>& code) {
  // Knowing the id before the INSERT lets the path go in with its row: one write per node.
  std::int64_t id = store::allocate_ids(tx, "org_nodes", 1).front();
  std::string now = iso_utc(tx.now());
  std::optional<std::int64_t> parent_id;
  if (parent) parent_id = parent->id;
  std::string path = child_path(parent ? parent->path : "", id);
  tx.exec("INSERT INTO org_nodes (id, parent_id, kind, name, code, path, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
          {id, parent_id, code_of(kNodeKinds, kind), name, code, path, now});
  if (parent) add_to_subtree_counts(tx, path_ids(parent->path), code_of(kNodeKinds, kind), 1);
  return Node{id, parent_id, kind, name, code, path, now};
}

void insert_community_details(store::Tx& tx, std::int64_t node_id, const CommunityDetails& details) {
  tx.exec("INSERT INTO communities (node_id, party_committee_name, tripartite_office_name) VALUES (?, ?, ?)",
          {node_id, details.party_committee_name, details.tripartite_office_name});
}

void insert_building_details(store::Tx& tx, std::int64_t node_id, const BuildingDetails& details) {
  tx.exec("INSERT INTO buildings (node_id, floors, has_elevator, land) VALUES (?, ?, ?, ?)",
          {node_id, details.floors, details.has_elevator, code_of(kLandTenures, details.land)});
}

void insert_part_details(store::Tx& tx, std::int64_t node_id, std::int64_t unit_node_id, const PartInput& part) {
  tx.exec(
      "INSERT INTO parts (node_id, unit_node_id, room_number, floor, use, area_centi_m2, area_source) "
      "VALUES (?, ?, ?, ?, ?, ?, ?)",
      {node_id, unit_node_id, part.room_number, part.floor, code_of(kPartUses, part.use), part.area_centi_m2,
       code_of(kAreaSources, part.area_source)});
}

std::vector<Node> insert_parts(store::Tx& tx, const Node& unit, const std::vector<PartInput>& parts) {
  std::vector<std::int64_t> ids = store::allocate_ids(tx, "org_nodes", parts.size());
  std::string now = iso_utc(tx.now());
  std::string building_name = tx.query_one("SELECT name FROM org_nodes WHERE id = ?", {unit.parent_id})->text(0);
  std::vector<Node> nodes;
  nodes.reserve(parts.size());
  std::vector<store::Params> node_rows;
  std::vector<store::Params> part_rows;
  for (std::size_t index = 0; index < parts.size(); ++index) {
    const PartInput& part = parts[index];
    // A part is known by its room number; the node name repeats it so trees read naturally.
    Node node{ids[index], unit.id, NodeKind::Part, part.room_number, std::nullopt, child_path(unit.path, ids[index]),
              now};
    node_rows.push_back({node.id, unit.id, code_of(kNodeKinds, NodeKind::Part), node.name, nullptr, node.path, now});
    part_rows.push_back({node.id, unit.id, part.room_number, part.floor, code_of(kPartUses, part.use),
                         part.area_centi_m2, code_of(kAreaSources, part.area_source),
                         part_address_key(building_name, unit.name, part.room_number)});
    nodes.push_back(std::move(node));
  }
  store::insert_rows(tx, "org_nodes", {"id", "parent_id", "kind", "name", "code", "path", "created_at"}, node_rows);
  store::insert_rows(
      tx, "parts",
      {"node_id", "unit_node_id", "room_number", "floor", "use", "area_centi_m2", "area_source", "address_key"},
      part_rows);
  add_to_subtree_counts(tx, path_ids(unit.path), code_of(kNodeKinds, NodeKind::Part),
                        static_cast<std::int64_t>(parts.size()));
  return nodes;
}

void insert_buildings(store::Tx& tx, const Node& compound, const std::vector<BuildingPlan>& plans) {
  std::size_t nodes = 0;
  for (const auto& plan : plans) {
    ++nodes;
    for (const auto& unit : plan.units) nodes += 1 + unit.parts.size();
  }
  // Each building, then each of its units followed by the unit's parts: the order one-by-one creation takes.
  std::vector<std::int64_t> ids = store::allocate_ids(tx, "org_nodes", nodes);
  std::size_t next = 0;
  std::string now = iso_utc(tx.now());
  std::vector<store::Params> node_rows;
  std::vector<store::Params> building_rows;
  std::vector<store::Params> part_rows;
  CountDeltas deltas;
  for (const auto& plan : plans) {
    const BuildingInput& building = plan.building;
    std::int64_t building_id = ids[next++];
    std::string building_path = child_path(compound.path, building_id);
    node_rows.push_back({building_id, compound.id, code_of(kNodeKinds, NodeKind::Building), building.name, nullptr,
                         building_path, now});
    building_rows.push_back(
        {building_id, building.floors, building.has_elevator, code_of(kLandTenures, building.land)});
    add_counts(deltas, path_ids(compound.path), code_of(kNodeKinds, NodeKind::Building), 1);
    for (const auto& unit : plan.units) {
      std::int64_t unit_id = ids[next++];
      std::string unit_path = child_path(building_path, unit_id);
      node_rows.push_back(
          {unit_id, building_id, code_of(kNodeKinds, NodeKind::Unit), unit.name, nullptr, unit_path, now});
      add_counts(deltas, path_ids(building_path), code_of(kNodeKinds, NodeKind::Unit), 1);
      for (const auto& part : unit.parts) {
        std::int64_t part_id = ids[next++];
        node_rows.push_back({part_id, unit_id, code_of(kNodeKinds, NodeKind::Part), part.room_number, nullptr,
                             child_path(unit_path, part_id), now});
        part_rows.push_back({part_id, unit_id, part.room_number, part.floor, code_of(kPartUses, part.use),
                             part.area_centi_m2, code_of(kAreaSources, part.area_source),
                             part_address_key(building.name, unit.name, part.room_number)});
      }
      add_counts(deltas, path_ids(unit_path), code_of(kNodeKinds, NodeKind::Part),
                 static_cast<std::int64_t>(unit.parts.size()));
    }
  }
  store::insert_rows(tx, "org_nodes", {"id", "parent_id", "kind", "name", "code", "path", "created_at"}, node_rows);
  store::insert_rows(tx, "buildings", {"node_id", "floors", "has_elevator", "land"}, building_rows);
  store::insert_rows(
      tx, "parts",
      {"node_id", "unit_node_id", "room_number", "floor", "use", "area_centi_m2", "area_source", "address_key"},
      part_rows);
  write_counts(tx, deltas);
}

std::optional<std::int64_t> building_floors(store::Connection& connection, std::int64_t building_id) {
  auto row = connection.query_one("SELECT floors FROM buildings WHERE node_id = ?", {building_id});
  return row ? std::optional<std::int64_t>(row->i64(0)) : std::nullopt;
}

std::set<std::string> unit_rooms(store::Connection& connection, std::int64_t unit_id) {
  std::set<std::string> rooms;
  for (const auto& row : connection.query("SELECT room_number FROM parts WHERE unit_node_id = ?", {unit_id})) {
    rooms.insert(row.text(0));
  }
  return rooms;
}

UnitRoom unit_room(store::Connection& connection, const Node& unit, const std::string& room_number,
                   std::optional<std::int64_t> except_part_id) {
  // One round trip for both facts: this runs once per imported part.
  auto row = connection.query_one(
      "SELECT (SELECT floors FROM buildings WHERE node_id = ?), "
      "(SELECT COUNT(*) FROM parts WHERE unit_node_id = ? AND room_number = ? AND node_id <> ?)",
      {unit.parent_id, unit.id, room_number, except_part_id.value_or(0)});
  return UnitRoom{row->optional_i64(0), row->i64(1) > 0};
}

std::optional<std::int64_t> highest_part_floor(store::Connection& connection, std::int64_t building_id) {
  auto row = connection.query_one(
      "SELECT MAX(p.floor) FROM parts p JOIN org_nodes u ON u.id = p.unit_node_id WHERE u.parent_id = ?",
      {building_id});
  return row ? row->optional_i64(0) : std::nullopt;
}

void update_node_fields(store::Tx& tx, std::int64_t id, const std::string& name,
                        const std::optional<std::string>& code) {
  tx.exec("UPDATE org_nodes SET name = ?, code = ? WHERE id = ?", {name, code, id});
}

void update_community_details(store::Tx& tx, std::int64_t node_id, const CommunityDetails& details) {
  if (tx.exec("UPDATE communities SET party_committee_name = ?, tripartite_office_name = ? WHERE node_id = ?",
              {details.party_committee_name, details.tripartite_office_name, node_id}) == 0) {
    insert_community_details(tx, node_id, details);
  }
}

void update_building_details(store::Tx& tx, std::int64_t node_id, const BuildingDetails& details) {
  if (tx.exec("UPDATE buildings SET floors = ?, has_elevator = ?, land = ? WHERE node_id = ?",
              {details.floors, details.has_elevator, code_of(kLandTenures, details.land), node_id}) == 0) {
    insert_building_details(tx, node_id, details);
  }
}

void update_part_details(store::Tx& tx, std::int64_t node_id, std::int64_t unit_node_id, const PartInput& part) {
  if (tx.exec("UPDATE parts SET unit_node_id = ?, room_number = ?, floor = ?, use = ?, area_centi_m2 = ?, "
              "area_source = ? WHERE node_id = ?",
              {unit_node_id, part.room_number, part.floor, code_of(kPartUses, part.use), part.area_centi_m2,
               code_of(kAreaSources, part.area_source), node_id}) == 0) {
    insert_part_details(tx, node_id, unit_node_id, part);
  }
}

namespace {

// Sets the address key of each part `condition` selects (over parts p, units u, buildings b) where it differs.
void set_address_keys(store::Tx& tx, const std::string& condition, const store::Params& params) {
  for (const auto& row : tx.query("SELECT p.node_id, b.name, u.name, p.room_number, p.address_key FROM parts p "
                                  "JOIN org_nodes u ON u.id = p.unit_node_id JOIN org_nodes b ON b.id = u.parent_id "
                                  "WHERE " +
                                      condition,
                                  params)) {
    std::string key = part_address_key(row.text(1), row.text(2), row.text(3));
    if (row.optional_text(4) != key) tx.exec("UPDATE parts SET address_key = ? WHERE node_id = ?", {key, row.i64(0)});
  }
}

}  // namespace

void refresh_address_keys(store::Tx& tx, const Node& node) {
  // A compound's name and those above it are no part of the key.
  if (node.kind == NodeKind::Compound) return;
  std::string condition = code_of(kPartsOfNode, node.kind);
  if (!condition.empty()) set_address_keys(tx, condition, {node.id});
}

void fill_missing_address_keys(store::Tx& tx) { set_address_keys(tx, "p.address_key IS NULL", {}); }

void move_subtree(store::Tx& tx, const Node& node, const Node& new_parent, const std::string& new_path) {
  for (const auto& [kind, count] : subtree_counts(tx.connection(), node)) {
    add_to_subtree_counts(tx, ancestors_of(node), code_of(kNodeKinds, kind), -count);
    add_to_subtree_counts(tx, path_ids(new_parent.path), code_of(kNodeKinds, kind), count);
  }
  tx.exec("UPDATE org_nodes SET parent_id = ? WHERE id = ?", {new_parent.id, node.id});
  // Every path in the subtree starts with the node's old path; swapping that prefix for the new
  // one is a single statement however large the subtree. Paths hold only digits and slashes, so
  // the LIKE pattern has no wildcard to escape.
  tx.exec("UPDATE org_nodes SET path = ? || SUBSTR(path, ?) WHERE path LIKE ?",
          {new_path, static_cast<std::int64_t>(node.path.size()) + 1, node.path + "%"});
}

void delete_node(store::Tx& tx, const Node& node) {
  const std::int64_t id = node.id;
  add_to_subtree_counts(tx, ancestors_of(node), code_of(kNodeKinds, node.kind), -1);
  tx.exec("DELETE FROM org_subtree_counts WHERE node_id = ?", {id});
  tx.exec("DELETE FROM communities WHERE node_id = ?", {id});
  tx.exec("DELETE FROM buildings WHERE node_id = ?", {id});
  tx.exec("DELETE FROM parts WHERE node_id = ?", {id});
  tx.exec("DELETE FROM org_nodes WHERE id = ?", {id});
}

std::int64_t insert_cluster(store::Tx& tx, const std::string& name, const std::optional<std::string>& code) {
  return tx.scalar("INSERT INTO property_clusters (name, code) VALUES (?, ?) RETURNING id", {name, code});
}

void add_cluster_community(store::Tx& tx, std::int64_t cluster_id, std::int64_t community_id) {
  tx.exec("INSERT INTO property_cluster_communities (cluster_id, community_node_id) VALUES (?, ?)",
          {cluster_id, community_id});
}

bool cluster_code_in_use(store::Connection& connection, const std::string& code) {
  return connection.query_one("SELECT id FROM property_clusters WHERE code = ?", {code}).has_value();
}

std::optional<std::int64_t> cluster_of(store::Connection& connection, std::int64_t community_id) {
  return store::map_row(
      connection.query_one("SELECT cluster_id FROM property_cluster_communities WHERE community_node_id = ?",
                           {community_id}),
      store::first_integer);
}

std::vector<Cluster> clusters(store::Connection& connection) {
  std::vector<Cluster> result;
  for (const auto& row : connection.query("SELECT id, name, code FROM property_clusters ORDER BY id")) {
    result.push_back(Cluster{row.i64(0), row.text(1), row.optional_text(2), {}});
  }
  for (const auto& row : connection.query(
           "SELECT cluster_id, community_node_id FROM property_cluster_communities ORDER BY community_node_id")) {
    for (auto& cluster : result) {
      if (cluster.id == row.i64(0)) cluster.community_ids.push_back(row.i64(1));
    }
  }
  return result;
}

}  // namespace weizhi::org
