// Who is making a request: the signed-in user, how they signed in, and the roles they hold
// now, each in a scope (a node of the org tree whose subtree it covers).
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace weizhi::auth {

struct RoleGrant {
  std::int64_t assignment_id;
  std::string role;
  std::int64_t scope_node_id;
  std::string scope_path;  // materialised path of the scope node, e.g. "/1/4/"
  std::string scope_name;
  std::string scope_kind;
};

enum class Via { Session, ApiToken };

struct Principal {
  std::int64_t user_id = 0;
  std::string login;
  std::string display_name;
  Via via = Via::Session;
  std::int64_t session_id = 0;  // for Via::Session
  std::string csrf_token;       // for Via::Session
  std::vector<RoleGrant> roles;

  bool has_role(const std::string& role) const {
    for (const auto& grant : roles) {
      if (grant.role == role) return true;
    }
    return false;
  }
};

}  // namespace weizhi::auth
