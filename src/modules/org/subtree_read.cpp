// What routes ask of the org tree (see org.hpp): the subtree or compound a route is asked about,
// a street or compound by id, the street of a node, and a street's policy.
#include "core/error.hpp"
#include "http/context.hpp"
#include "http/router.hpp"
#include "modules/org/org.hpp"
#include "modules/org/store.hpp"
#include "store/db.hpp"

namespace weizhi::org {

const http::ScopeResolver& node_query_scope() {
  static const http::ScopeResolver resolver = http::scope::query_node_or_root("node");
  return resolver;
}

std::int64_t queried_compound_id(http::Context& context) {
  auto compound = context.query("compound");
  if (!compound) fail_invalid("compound", "请指定小区 compound");
  return context.parse_id(*compound, "compound");
}

const http::ScopeResolver& compound_query_scope() {
  static const http::ScopeResolver resolver = [](http::Context& context) -> std::optional<std::int64_t> {
    return queried_compound_id(context);
  };
  return resolver;
}

Node require_street(store::Connection& connection, std::int64_t id) {
  auto street = find_node(connection, id);
  if (!street || street->kind != NodeKind::Street) fail_not_found("找不到该街道");
  return *street;
}

Node require_compound(store::Connection& connection, std::int64_t id) {
  auto compound = find_node(connection, id);
  if (!compound || compound->kind != NodeKind::Compound) fail_not_found("找不到该小区");
  return *compound;
}

std::int64_t street_of_node(store::Connection& connection, std::int64_t node_id) {
  auto node = find_node(connection, node_id);
  if (!node) fail_not_found("找不到该组织节点");
  return street_of(node->path);
}

http::Response save_street_policy(http::Context& context, std::int64_t street_id, const std::string& action,
                                  const Json& saved, const std::function<void(store::Tx&)>& save) {
  return context.write([&](store::Tx& tx) {
    require_street(tx.connection(), street_id);
    save(tx);
    context.audit(tx, action, "node:" + std::to_string(street_id), saved);
    return http::Response::json(200, saved);
  });
}

void add_street_policy_routes(http::Router& router, const std::string& path, const std::string& read,
                              const std::string& write, http::Response (*get)(http::Context&),
                              http::Response (*put)(http::Context&)) {
  const std::string pattern = path + "/{street_id}";
  router.add(http::Method::Get, pattern, http::Access::permission(read, http::scope::path_node("street_id")), get);
  router.add(http::Method::Put, pattern, http::Access::permission(write, http::scope::path_node("street_id")), put);
}

SubtreeRead read_queried_subtree(http::Context& context) {
  std::int64_t id = *node_query_scope()(context);
  auto lease = context.read();
  auto node = find_node(*lease, id);
  if (!node) fail_not_found("找不到该组织节点");
  return {std::move(lease), *node};
}

}  // namespace weizhi::org
