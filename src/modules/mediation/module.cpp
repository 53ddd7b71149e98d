// The mediation module as the host runs it: migrations, routes, jobs, demo seed, and who holds its permissions.
#include "modules/mediation/module.hpp"

namespace weizhi::store {
std::vector<Migration> mediation_migrations();
}

namespace weizhi::mediation {

// Defined in routes.cpp and seed.cpp; only this descriptor assembles them.
void add_routes(http::Router& router);
void seed_demo(modules::SeedContext& seed);

modules::Module module() {
  using namespace modules;
  return modules::Module{
      .name = "mediation",
      .migrations = store::mediation_migrations,
      .routes = add_routes,
      .seed_demo = seed_demo,
      .grants =
          {
              {"mediation.manage", roles(kOfficials, "grid_member")},
              {"mediation.read", roles(kOfficials, "party_secretary", "grid_member", "supervisor")},
          },
  };
}

}  // namespace weizhi::mediation
