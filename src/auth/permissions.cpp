// Permission checks against role_permissions and the principal's scoped roles.
#include "auth/permissions.hpp"

#include <algorithm>

namespace weizhi::auth {

bool path_within(const std::string& node_path, const std::string& scope_path) {
  return !scope_path.empty() && node_path.compare(0, scope_path.size(), scope_path) == 0;
}

bool can(store::Connection& connection, const Principal& principal, const std::string& permission,
         std::optional<std::int64_t> node) {
  std::vector<std::string> roles;
  for (const auto& grant : principal.roles) roles.push_back(grant.role);
  if (roles.empty()) return false;
  // Which of the principal's roles carry the permission.
  std::vector<std::string> granting;
  for (const auto& row :
       connection.query("SELECT role FROM role_permissions WHERE permission = ?", {permission})) {
    granting.push_back(row.text(0));
  }
  std::string node_path;
  if (node) {
    auto row = connection.query_one("SELECT path FROM org_nodes WHERE id = ?", {*node});
    if (!row) return false;
    node_path = row->text(0);
  }
  return std::any_of(principal.roles.begin(), principal.roles.end(), [&](const RoleGrant& grant) {
    bool role_grants = std::find(granting.begin(), granting.end(), grant.role) != granting.end();
    return role_grants && (!node || path_within(node_path, grant.scope_path));
  });
}

const std::vector<std::string>& role_codes() {
  static const std::vector<std::string> codes{
      "street_admin",   "community_secretary", "tripartite_director", "commissioner",  "party_secretary",
      "grid_member",    "committee_member",    "supervisor",          "property_manager", "property_staff",
      "social_org",     "resident",            "gate_device"};
  return codes;
}

bool is_role_code(const std::string& code) {
  const auto& codes = role_codes();
  return std::find(codes.begin(), codes.end(), code) != codes.end();
}

}  // namespace weizhi::auth
