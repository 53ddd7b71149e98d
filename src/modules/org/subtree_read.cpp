// Reading the org subtree a list route is asked about (see subtree_read.hpp).
#include "modules/org/subtree_read.hpp"

#include "core/error.hpp"
#include "modules/org/store.hpp"

namespace weizhi::org {

const http::ScopeResolver& node_query_scope() {
  static const http::ScopeResolver resolver = http::scope::query_node_or_root("node");
  return resolver;
}

SubtreeRead read_queried_subtree(http::Context& context) {
  std::int64_t id = *node_query_scope()(context);
  auto lease = context.read();
  auto node = find_node(*lease, id);
  if (!node) fail_not_found("找不到该组织节点");
  return {std::move(lease), *node};
}

}  // namespace weizhi::org
