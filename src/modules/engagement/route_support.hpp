// What the engagement module's route files share: the HTTP types they name, the scope of a record of the module
// answered 404 out of the caller's reach, the routes of a collection, the manage check on a record, the caller's
// person, moments in a body, and a person's address as staff read it.
#pragma once
#include <cstdint>
#include <functional>
#include <optional>
#include <string>

#include "core/json.hpp"
#include "core/time.hpp"
#include "http/router.hpp"

namespace weizhi::store {
class Connection;
}

namespace weizhi::engagement {

// The HTTP types every route file of the module names.
using http::Access;
using http::Context;
using http::Method;
using http::Response;

// Another street's (or another compound's) ids are answered as ids that do not exist.
http::ScopeResolver readable(http::ScopeResolver inner);
// The node of the record whose id is the path parameter `id`, as `node_of` finds it (which fails with 404
// when there is none), readable by the caller.
http::ScopeResolver record_scope(std::function<std::int64_t(store::Connection&, std::int64_t)> node_of);
// A collection's two routes: GET `path` (`list`) for readers at the queried node (`?node=`, the street when
// absent), POST `path` (`create`) for managers at the node the body names in `node_field`.
void add_collection_routes(http::Router& router, const std::string& path, http::Handler list, http::Handler create,
                           const std::string& node_field = "node_id");
// 403 for staff who may read at the node but not manage there, 404 with `missing` for anyone else.
void require_manage(http::Context& context, std::int64_t node_id, const std::string& missing);

// The registry person behind the caller's account, if any (a resident's households and sign-ups are theirs).
std::optional<std::int64_t> caller_person(http::Context& context);

// The moment in the body field `key`, or nullopt when absent; 400 naming it unless ISO-8601 with an offset.
std::optional<TimePoint> optional_moment(JsonObject& body, const std::string& key);
// The same for a required field: 400 naming it when absent.
TimePoint moment_field(JsonObject& body, const std::string& key);

// Where the person lives, as staff find them in a list: the compound, building, unit and room of their
// first part ("" without one).
std::string address_of(store::Connection& connection, std::int64_t person_id);

}  // namespace weizhi::engagement
