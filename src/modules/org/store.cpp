// Org tree storage.
#include "modules/org/store.hpp"

#include "modules/org/rules.hpp"

namespace weizhi::org {

namespace {

constexpr const char* kNodeColumns = "SELECT id, parent_id, kind, name, code, path, created_at FROM org_nodes ";

Node to_node(const store::Row& row) {
  return Node{row.i64(0), row.optional_i64(1), parse_kind(row.text(2)).value_or(NodeKind::Part),
              row.text(3), row.optional_text(4), row.text(5), row.text(6)};
}

}  // namespace

std::optional<Node> find_node(store::Connection& connection, std::int64_t id) {
  auto row = connection.query_one(std::string(kNodeColumns) + "WHERE id = ?", {id});
  if (!row) return std::nullopt;
  return to_node(*row);
}

std::optional<Node> find_node(store::Tx& tx, std::int64_t id) {
  auto row = tx.query_one(std::string(kNodeColumns) + "WHERE id = ?", {id});
  if (!row) return std::nullopt;
  return to_node(*row);
}

std::vector<Node> children(store::Connection& connection, std::int64_t parent_id, std::int64_t after_id,
                           std::int64_t limit) {
  std::vector<Node> nodes;
  for (const auto& row : connection.query(
           std::string(kNodeColumns) + "WHERE parent_id = ? AND id > ? ORDER BY id LIMIT ?",
           {parent_id, after_id, limit})) {
    nodes.push_back(to_node(row));
  }
  return nodes;
}

Node insert_node(store::Tx& tx, const std::optional<Node>& parent, NodeKind kind, const std::string& name,
                 const std::optional<std::string>& code) {
  std::string now = iso_utc(tx.now());
  std::optional<std::int64_t> parent_id;
  if (parent) parent_id = parent->id;
  std::int64_t id = tx.scalar(
      "INSERT INTO org_nodes (parent_id, kind, name, code, created_at) VALUES (?, ?, ?, ?, ?) RETURNING id",
      {parent_id, kind_code(kind), name, code, now});
  std::string path = child_path(parent ? parent->path : "", id);
  tx.exec("UPDATE org_nodes SET path = ? WHERE id = ?", {path, id});
  return Node{id, parent_id, kind, name, code, path, now};
}

}  // namespace weizhi::org
