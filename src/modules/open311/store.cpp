// Open311 SQL: streets and compounds, the Open311 row of a case, and the search of requests.
#include "modules/open311/store.hpp"

#include "modules/cases/cases.hpp"
#include "modules/org/org.hpp"
#include "store/rows.hpp"
#include "store/select.hpp"

namespace weizhi::open311 {

std::optional<std::int64_t> find_street(store::Connection& connection, const std::string& id_or_code) {
  return store::map_row(
      connection.query_one("SELECT id FROM org_nodes WHERE kind = 'street' AND (code = ? OR CAST(id AS TEXT) = ?)",
                           {id_or_code, id_or_code}),
      store::first_integer);
}

std::optional<std::int64_t> only_street(store::Connection& connection) {
  auto rows = connection.query("SELECT id FROM org_nodes WHERE kind = 'street' ORDER BY id LIMIT 2");
  if (rows.size() != 1) return std::nullopt;
  return rows.front().i64(0);
}

std::vector<NamedNode> compounds_of_street(store::Connection& connection, std::int64_t street_id) {
  std::string path = "/" + std::to_string(street_id) + "/";
  return store::map_rows(connection.query("SELECT id, name FROM org_nodes WHERE kind = 'compound' AND " +
                                              org::subtree_condition(connection.dialect(), "path") + " ORDER BY id",
                                          org::subtree_params(path)),
                         [](const store::Row& row) {
                           return NamedNode{row.i64(0), row.text(1)};
                         });
}

void insert_extra(store::Tx& tx, std::int64_t case_id, const Extra& extra) {
  tx.exec(
      "INSERT INTO open311_requests (case_id, lat, lon, address_string, media_url, device_id, account_id, user_id, "
      "created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
      {case_id, extra.location.lat, extra.location.lon, extra.location.address_string, extra.media_url, extra.device_id,
       extra.account_id, extra.user_id, iso_utc(tx.now())});
}

std::vector<Found> search(store::Connection& connection, const Search& search) {
  if (search.scope_paths.empty()) return {};
  store::Select query(
      "SELECT x.id, o.case_id, o.lat, o.lon, o.address_string, o.media_url, o.device_id, o.account_id, o.user_id, "
      "(SELECT MAX(e.created_at) FROM case_events e WHERE e.case_id = x.id) "
      "FROM cases x JOIN case_items i ON i.id = x.item_id JOIN org_nodes c ON c.id = x.compound_node_id "
      "LEFT JOIN open311_requests o ON o.case_id = x.id");
  std::string within;
  store::Params scope_params;
  for (const auto& path : search.scope_paths) {
    within += (within.empty() ? "((" : " OR (") + org::subtree_condition(connection.dialect(), "c.path") + ")";
    for (auto& param : org::subtree_params(path)) scope_params.push_back(std::move(param));
  }
  query.where(within + ")", std::move(scope_params));
  if (!search.ids.empty()) {
    query.where("x.id IN (" + store::placeholders(search.ids.size()) + ")",
                store::Params(search.ids.begin(), search.ids.end()));
  }
  if (search.service_code) query.where("i.code = ?", {*search.service_code});
  if (!search.states.empty()) {
    store::Params codes;
    for (auto state : search.states) codes.emplace_back(code_of(cases::kStates, state));
    query.where("x.state IN (" + store::placeholders(search.states.size()) + ")", std::move(codes));
  }
  if (search.window) {
    query.where("x.reported_at >= ? AND x.reported_at < ?",
                {iso_utc(search.window->start), iso_utc(search.window->end)});
  }
  query.newest_first("x.id", std::nullopt, search.limit);
  return store::map_rows(query.run(connection), [](const store::Row& row) {
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
    return one;
  });
}

}  // namespace weizhi::open311
