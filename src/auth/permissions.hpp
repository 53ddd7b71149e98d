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

using weizhi::path_within;

// The role codes (README.md, Demo logins).
const std::vector<std::string>& role_codes();
bool is_role_code(const std::string& code);

}  // namespace weizhi::auth
