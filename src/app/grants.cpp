// Bringing role_permissions in line with the grants the modules declare.
#include "app/grants.hpp"

#include "audit/audit.hpp"

namespace weizhi::app {

namespace {

Json pairs_json(const GrantPairs& pairs) {
  Json out = Json::array();
  for (const auto& [role, permission] : pairs) out.push_back({{"role", role}, {"permission", permission}});
  return out;
}

}  // namespace

GrantPairs declared_grants(const std::vector<modules::Module>& modules) {
  GrantPairs pairs;
  for (const auto& module : modules) {
    for (const auto& grant : module.grants) {
      for (const auto& role : grant.roles) pairs.emplace(role, grant.permission);
    }
  }
  return pairs;
}

GrantChanges bring_grants_in_line(store::Db& db, const std::vector<modules::Module>& modules) {
  const GrantPairs declared = declared_grants(modules);
  GrantChanges changes;
  db.transaction([&](store::Tx& tx) {
    GrantPairs stored;
    for (const auto& row : tx.query("SELECT role, permission FROM role_permissions")) {
      stored.emplace(row.text(0), row.text(1));
    }
    for (const auto& pair : declared) {
      if (!stored.count(pair)) changes.added.insert(pair);
    }
    for (const auto& pair : stored) {
      if (!declared.count(pair)) changes.removed.insert(pair);
    }
    for (const auto& [role, permission] : changes.added) {
      tx.exec("INSERT INTO role_permissions (role, permission) VALUES (?, ?) ON CONFLICT DO NOTHING",
              {role, permission});
    }
    for (const auto& [role, permission] : changes.removed) {
      tx.exec("DELETE FROM role_permissions WHERE role = ? AND permission = ?", {role, permission});
    }
    if (!changes.added.empty() || !changes.removed.empty()) {
      audit::record(tx, "system", "role_permissions.sync", "role_permissions",
                    {{"added", pairs_json(changes.added)}, {"removed", pairs_json(changes.removed)}});
    }
  });
  return changes;
}

}  // namespace weizhi::app
