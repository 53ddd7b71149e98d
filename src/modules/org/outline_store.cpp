// SQL of compounds' outlines (outline.hpp).
#include "modules/org/org.hpp"
#include "modules/org/outline.hpp"
#include "store/db.hpp"
#include "store/rows.hpp"

namespace weizhi::org {

std::optional<Json> find_outline(store::Connection& connection, std::int64_t node_id) {
  return store::map_row(connection.query_one("SELECT geometry FROM org_outlines WHERE node_id = ?", {node_id}),
                        [](const store::Row& row) { return parse_json(row.text(0)); });
}

void save_outline(store::Tx& tx, std::int64_t node_id, const Json& geometry) {
  tx.exec(
      "INSERT INTO org_outlines (node_id, geometry, updated_at) VALUES (?, ?, ?) "
      "ON CONFLICT (node_id) DO UPDATE SET geometry = excluded.geometry, updated_at = excluded.updated_at",
      {node_id, geometry.dump(), iso_utc(tx.now())});
}

bool remove_outline(store::Tx& tx, std::int64_t node_id) {
  return tx.exec("DELETE FROM org_outlines WHERE node_id = ?", {node_id}) > 0;
}

std::vector<CompoundOutline> compound_outlines(store::Connection& connection, const std::string& path) {
  auto rows = connection.query(
      "SELECT n.id, n.name, n.path, o.geometry FROM org_nodes n LEFT JOIN org_outlines o ON o.node_id = n.id "
      "WHERE n.kind = 'compound' AND " +
          subtree_condition(connection.dialect(), "n.path") + " ORDER BY n.id",
      subtree_params(path));
  return store::map_rows(rows, [](const store::Row& row) {
    auto geometry = row.optional_text(3);
    return CompoundOutline{row.i64(0), row.text(1), row.text(2),
                           geometry ? std::optional(parse_json(*geometry)) : std::nullopt};
  });
}

}  // namespace weizhi::org
