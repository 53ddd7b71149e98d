// What the property module's route files share: the HTTP types they name, the street's today, and a contract
// loaded by id (404 when there is none) with the scope of the routes on it.
#pragma once
#include <cstdint>
#include <string>

#include "core/lookup.hpp"
#include "core/time.hpp"
#include "http/context.hpp"
#include "http/record_scope.hpp"
#include "modules/property/store.hpp"

namespace weizhi::property {

using http::Access;
using http::Context;
using http::Method;
using http::Response;

// The street's date now, YYYY-MM-DD.
inline std::string today(Context& context) { return street_date(context.services.clock.now()); }

inline Contract require_contract(store::Connection& connection, std::int64_t id) {
  return found_or_404(find_contract(connection, id), "找不到该合同");
}

// The routes on one contract (path parameter `id`) are scoped at its compound.
inline http::ScopeResolver contract_scope() {
  return http::scope::record_node("id", [](store::Connection& connection, std::int64_t id) {
    return require_contract(connection, id).terms.compound_node_id;
  });
}

}  // namespace weizhi::property
