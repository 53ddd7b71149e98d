// What routes ask of the org tree: the subtree a list route is asked about (`?node=ID`, or the
// street when absent), the compound of `?compound=ID`, and a street by id.
#pragma once
#include "http/context.hpp"
#include "http/router.hpp"
#include "modules/org/model.hpp"
#include "store/db.hpp"

namespace weizhi::org {

// The access scope of such routes: the queried node, or the street.
const http::ScopeResolver& node_query_scope();

// The id in `?compound=`: 400 naming `compound` when absent or not an id.
std::int64_t queried_compound_id(http::Context& context);
// The access scope of routes about one compound given as `?compound=`.
const http::ScopeResolver& compound_query_scope();

// The street with this id; 404 when there is none or the node is not a street.
Node require_street(store::Connection& connection, std::int64_t id);

struct SubtreeRead {
  store::Db::Lease lease;
  Node node;
};

// The queried node (404 when unknown) and a lease to read under it. The node id is resolved
// before a connection is leased: finding the street leases one of its own, and handlers holding
// one while waiting for another could starve the pool.
SubtreeRead read_queried_subtree(http::Context& context);

// A list route's reply: the records `list(connection, path)` finds under the queried node, each
// as `to_json(connection, record)`, in {"items": […]}.
template <class List, class ToJson>
http::Response subtree_items(http::Context& context, List&& list, ToJson&& to_json) {
  auto [lease, node] = read_queried_subtree(context);
  Json items = Json::array();
  for (const auto& record : list(*lease, node.path)) items.push_back(to_json(*lease, record));
  return http::Response::json(200, {{"items", std::move(items)}});
}

}  // namespace weizhi::org
