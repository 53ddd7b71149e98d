// Permission checks against role_permissions and the principal's scoped roles.
#include "auth/permissions.hpp"

#include <algorithm>
#include <mutex>
#include <set>

namespace weizhi::auth {

namespace {

// role_permissions is written only when the database is prepared (app::prepare_database brings it in
// line with the modules' grants) before anything is served, so its content is the same for the life
// of the process.
std::set<std::pair<std::string, std::string>> granted_pairs(store::Connection& connection) {
  static std::mutex mutex;
  static std::optional<std::set<std::pair<std::string, std::string>>> table;
  std::lock_guard lock(mutex);
  if (!table) {
    table.emplace();
    for (const auto& row : connection.query("SELECT role, permission FROM role_permissions")) {
      table->emplace(row.text(0), row.text(1));
    }
  }
  return *table;
}

}  // namespace

bool can(store::Connection& connection, const Principal& principal, const std::string& permission,
         std::optional<std::int64_t> node) {
  if (principal.roles.empty()) return false;
  static thread_local std::set<std::pair<std::string, std::string>> granted = granted_pairs(connection);
  std::vector<std::string> granting;
  for (const auto& grant : principal.roles) {
    if (granted.count({grant.role, permission})) granting.push_back(grant.role);
  }
  if (granting.empty()) return false;
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

std::vector<std::pair<std::int64_t, std::vector<std::string>>> permissions_by_scope(
    store::Connection& connection, const std::vector<RoleGrant>& roles) {
  const auto granted = granted_pairs(connection);
  std::vector<std::pair<std::int64_t, std::set<std::string>>> scopes;
  for (const auto& grant : roles) {
    auto scope = std::find_if(scopes.begin(), scopes.end(),
                              [&](const auto& entry) { return entry.first == grant.scope_node_id; });
    if (scope == scopes.end()) scope = scopes.insert(scopes.end(), {grant.scope_node_id, {}});
    for (const auto& [role, permission] : granted) {
      if (role == grant.role) scope->second.insert(permission);
    }
  }
  std::vector<std::pair<std::int64_t, std::vector<std::string>>> out;
  for (auto& [node, permissions] : scopes) out.emplace_back(node, std::vector(permissions.begin(), permissions.end()));
  return out;
}

const std::vector<std::string>& role_codes() {
  static const std::vector<std::string> codes{"street_admin",     "community_secretary", "tripartite_director",
                                              "commissioner",     "party_secretary",     "grid_member",
                                              "committee_member", "supervisor",          "property_manager",
                                              "property_staff",   "social_org",          "resident",
                                              "gate_device"};
  return codes;
}

bool is_role_code(const std::string& code) {
  const auto& codes = role_codes();
  return std::find(codes.begin(), codes.end(), code) != codes.end();
}

}  // namespace weizhi::auth
