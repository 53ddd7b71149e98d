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
  return modules::Module{
      .name = "mediation",
      .migrations = store::mediation_migrations,
      .routes = add_routes,
      .seed_demo = seed_demo,
      .grants =
          {
              {"mediation.manage",
               {"street_admin", "community_secretary", "tripartite_director", "commissioner", "grid_member"}},
              {"mediation.read",
               {"street_admin", "community_secretary", "tripartite_director", "commissioner", "party_secretary",
                "grid_member", "supervisor"}},
          },
  };
}

}  // namespace weizhi::mediation
