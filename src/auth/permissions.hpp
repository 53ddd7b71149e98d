// The one permission check: can(principal, permission, node). A role grants the permissions
// listed for it in role_permissions, over the subtree of the node it is held in, while the
// assignment is valid. Anything not granted is denied.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "auth/principal.hpp"
#include "core/tree_path.hpp"
#include "store/db.hpp"

namespace weizhi::auth {

// `node` nullopt: true if the permission is held in any scope.
bool can(store::Connection& connection, const Principal& principal, const std::string& permission,
         std::optional<std::int64_t> node);

// What `roles` allow, per node they are held in (over that node's subtree): the scope node ids in the
// order the roles are listed, each with its permissions sorted. The apps read it to show only what the
// user can do; requests are still checked one by one with can().
std::vector<std::pair<std::int64_t, std::vector<std::string>>> permissions_by_scope(
    store::Connection& connection, const std::vector<RoleGrant>& roles);

using weizhi::path_within;

// The role codes (README.md, Demo logins).
const std::vector<std::string>& role_codes();
bool is_role_code(const std::string& code);

}  // namespace weizhi::auth
