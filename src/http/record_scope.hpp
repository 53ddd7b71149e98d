// The scope of a route on one record (a vote, a case, a topic…): the org node the record belongs to.
#pragma once
#include <cstdint>
#include <functional>
#include <string>
#include <type_traits>

#include "core/lookup.hpp"
#include "http/router.hpp"

namespace weizhi::store {
class Connection;
}

namespace weizhi::http::scope {

// The node `locate` finds, through a read lease, for the record whose id is the path parameter
// `name` (`locate` fails with 404 when there is no such record).
ScopeResolver record_node(std::string name, std::function<std::int64_t(store::Connection&, std::int64_t)> locate);

// The node `node_of` reads off the record `load` finds by the path parameter `id` (`load` fails with 404 when
// there is none): `node_of` is the record's node field, such as &Election::compound_node_id.
template <class Load, class NodeOf>
requires(!std::is_convertible_v<Load, std::string>) ScopeResolver record_node(Load load, NodeOf node_of) {
  return record_node("id", [load, node_of](store::Connection& connection, std::int64_t id) -> std::int64_t {
    return std::invoke(node_of, load(connection, id));
  });
}

// The node `inner` finds, once the caller is known (401 first), answered 404 with `missing` unless the caller holds
// `permission` there: a record of another street or compound is not told apart from one that does not exist.
ScopeResolver readable_by(std::string permission, ScopeResolver inner, std::string missing);

}  // namespace weizhi::http::scope
