// The governance module as the host runs it: migrations, routes, jobs, demo seed, and who holds its permissions.
#include "modules/governance/module.hpp"

#include "modules/migrations.hpp"

namespace weizhi::governance {

modules::Module module() {
  using namespace modules;
  return describe("governance", store::governance_migrations, add_routes, seed_demo,
                  {
                      {"governance.read", roles(kStaff, "social_org")},
                      {"governance.write", kLeaders},
                      {"stats.read", roles(kOfficials, "party_secretary", "supervisor")},
                  });
}

}  // namespace weizhi::governance
