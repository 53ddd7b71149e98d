// Who holds which permission is declared once, by each module (its module.cpp); the database's
// role_permissions, which every permission check reads, is brought in line with it on each start.
#pragma once
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "modules/module.hpp"
#include "store/db.hpp"

namespace weizhi::app {

// (role, permission) pairs.
using GrantPairs = std::set<std::pair<std::string, std::string>>;

GrantPairs declared_grants(const std::vector<modules::Module>& modules);

struct GrantChanges {
  GrantPairs added;
  GrantPairs removed;
};

// Inserts the declared pairs role_permissions lacks and deletes the pairs no module declares, in one
// transaction audited as role_permissions.sync when anything changed; safe when several instances
// start at once.
GrantChanges bring_grants_in_line(store::Db& db, const std::vector<modules::Module>& modules);

}  // namespace weizhi::app
