// The governance module as the host runs it: migrations, routes, jobs, demo seed, and who holds its permissions.
#include "modules/governance/module.hpp"

namespace weizhi::store {
std::vector<Migration> governance_migrations();
}

namespace weizhi::governance {

// Defined in routes.cpp and seed.cpp; only this descriptor assembles them.
void add_routes(http::Router& router);
void seed_demo(modules::SeedContext& seed);

modules::Module module() {
  using namespace modules;
  return modules::Module{
      .name = "governance",
      .migrations = store::governance_migrations,
      .routes = add_routes,
      .seed_demo = seed_demo,
      .grants =
          {
              {"governance.read", roles(kStaff, "social_org")},
              {"governance.write", kLeaders},
              {"stats.read", roles(kOfficials, "party_secretary", "supervisor")},
          },
  };
}

}  // namespace weizhi::governance
