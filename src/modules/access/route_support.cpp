// What the access module's route files share (see route_support.hpp).
#include "modules/access/route_support.hpp"

#include "core/lookup.hpp"
#include "http/body_id.hpp"
#include "http/context.hpp"
#include "modules/access/store.hpp"
#include "modules/org/org.hpp"

namespace weizhi::access {

Gate require_gate(store::Connection& connection, std::int64_t id) {
  return found_or_404(find_gate(connection, id), kNoGate);
}

http::ScopeResolver compound_scope() {
  return http::scope::readable_by(kRead, org::compound_query_scope(), "找不到该小区");
}

http::ScopeResolver body_gate_scope(const char* permission) {
  return http::scope::readable_by(
      permission,
      [](Context& context) -> std::optional<std::int64_t> {
        JsonObject body(context.json_body());
        std::int64_t gate_id = http::body_id(context, body, "gate_id");
        auto lease = context.read();
        auto gate = find_gate(*lease, gate_id);
        if (!gate) throw ApiError(404, "not_found", kNoGate, "gate_id");
        return gate->compound_node_id;
      },
      kNoGate);
}

}  // namespace weizhi::access
