// Open311 SQL: streets and compounds, the Open311 row of a case, and the search of requests.
#include "modules/open311/store.hpp"

#include "modules/cases/cases.hpp"
#include "modules/org/org.hpp"

namespace weizhi::open311 {

std::optional<std::int64_t> find_street(store::Connection& connection, const std::string& id_or_code) {
  auto row =
      connection.query_one("SELECT id FROM org_nodes WHERE kind = 'street' AND (code = ? OR CAST(id AS TEXT) = ?)",
                           {id_or_code, id_or_code});
  if (!row) return std::nullopt;
  return row->i64(0);
}

std::optional<std::int64_t> only_street(store::Connection& connection) {
  auto rows = connection.query("SELECT id FROM org_nodes WHERE kind = 'street' ORDER BY id LIMIT 2");
  if (rows.size() != 1) return std::nullopt;
  return rows.front().i64(0);
}

std::vector<NamedNode> compounds_of_street(store::Connection& connection, std::int64_t street_id) {
  std::string path = "/" + std::to_string(street_id) + "/";
  store::Params params = org::subtree_params(path);
  std::vector<NamedNode> compounds;
  for (const auto& row : connection.query("SELECT id, name FROM org_nodes WHERE kind = 'compound' AND " +
                                              org::subtree_condition(connection.dialect(), "path") + " ORDER BY id",
                                          params)) {
    compounds.push_back(NamedNode{row.i64(0), row.text(1)});
  }
  return compounds;
}

void insert_extra(store::Tx& tx, std::int64_t case_id, const Extra& extra) {
  tx.exec(
      "INSERT INTO open311_requests (case_id, lat, lon, address_string, media_url, device_id, account_id, user_id, "
      "created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
      {case_id, extra.location.lat, extra.location.lon, extra.location.address_string, extra.media_url, extra.device_id,
       extra.account_id, extra.user_id, iso_utc(tx.now())});
}

namespace {

// "?, ?, …" for `count` parameters.
std::string placeholders(std::size_t count) {
  std::string out;
  for (std::size_t i = 0; i < count; ++i) out += i ? ", ?" : "?";
  return out;
}

}  // namespace

std::vector<Found> search(store::Connection& connection, const Search& search) {
  if (search.scope_paths.empty()) return {};
  std::string sql =
      "SELECT x.id, o.case_id, o.lat, o.lon, o.address_string, o.media_url, o.device_id, o.account_id, o.user_id, "
      "(SELECT MAX(e.created_at) FROM case_events e WHERE e.case_id = x.id) "
      "FROM cases x JOIN case_items i ON i.id = x.item_id JOIN org_nodes c ON c.id = x.compound_node_id "
      "LEFT JOIN open311_requests o ON o.case_id = x.id WHERE (";
  store::Params params;
  for (std::size_t i = 0; i < search.scope_paths.size(); ++i) {
    sql += (i ? " OR (" : "(") + org::subtree_condition(connection.dialect(), "c.path") + ")";
    for (auto& param : org::subtree_params(search.scope_paths[i])) params.push_back(param);
  }
  sql += ")";
  if (!search.ids.empty()) {
    sql += " AND x.id IN (" + placeholders(search.ids.size()) + ")";
    for (auto id : search.ids) params.emplace_back(id);
  }
  if (search.service_code) {
    sql += " AND i.code = ?";
    params.emplace_back(*search.service_code);
  }
  if (!search.states.empty()) {
    sql += " AND x.state IN (" + placeholders(search.states.size()) + ")";
    for (auto state : search.states) params.emplace_back(cases::state_code(state));
  }
  if (search.window) {
    sql += " AND x.reported_at >= ? AND x.reported_at < ?";
    params.emplace_back(iso_utc(search.window->start));
    params.emplace_back(iso_utc(search.window->end));
  }
  sql += " ORDER BY x.id DESC LIMIT ?";
  params.emplace_back(search.limit);
  std::vector<Found> found;
  for (const auto& row : connection.query(sql, params)) {
    Found one{row.i64(0), std::nullopt, row.text(9)};
    if (!row.is_null(1)) {
      Extra extra;
      if (!row.is_null(2)) extra.location.lat = row.real(2);
      if (!row.is_null(3)) extra.location.lon = row.real(3);
      extra.location.address_string = row.text(4);
      extra.media_url = row.text(5);
      extra.device_id = row.text(6);
      extra.account_id = row.text(7);
      extra.user_id = row.i64(8);
      one.extra = std::move(extra);
    }
    found.push_back(std::move(one));
  }
  return found;
}

}  // namespace weizhi::open311
