// What the access module's route files share: the HTTP types they name, a gate loaded by id, and the scopes of the
// compound a request names (by query, by the body's gate, or through the record in its path), each answered as
// missing (404) out of the caller's reach.
#pragma once
#include <cstdint>

#include "http/record_scope.hpp"
#include "http/router.hpp"
#include "modules/access/model.hpp"
#include "modules/access/permissions.hpp"

namespace weizhi::store {
class Connection;
}

namespace weizhi::access {

// The HTTP types every route file of the module names.
using http::Access;
using http::Context;
using http::Method;
using http::Response;

inline constexpr const char* kNoGate = "找不到该门岗";

// The gate, or 404 when there is none.
Gate require_gate(store::Connection& connection, std::int64_t id);

// The compound of the query's compound_id, readable by the caller.
http::ScopeResolver compound_scope();
// The compound of the body's gate_id, answered as missing (404) unless the caller holds `permission` there; a
// malformed id is as missing too.
http::ScopeResolver body_gate_scope(const char* permission);
// The compound `compound_of` reads off the record `load` finds by the path parameter `id` (`load` failing with 404
// when there is none), readable by the caller; `missing` answers a record out of reach.
template <class Load, class CompoundOf>
http::ScopeResolver record_scope(Load load, CompoundOf compound_of, const char* missing) {
  return http::scope::readable_by(kRead, http::scope::record_node(load, compound_of), missing);
}

}  // namespace weizhi::access
