// The elections module as the host runs it: migrations, routes, jobs, demo seed, and who holds its permissions.
#include "modules/elections/module.hpp"

namespace weizhi::store {
std::vector<Migration> elections_migrations();
}

namespace weizhi::elections {

// Defined in routes.cpp and seed.cpp; only this descriptor assembles them.
void add_routes(http::Router& router);
void seed_demo(modules::SeedContext& seed);

modules::Module module() {
  return modules::Module{
      .name = "elections",
      .migrations = store::elections_migrations,
      .routes = add_routes,
      .seed_demo = seed_demo,
      .grants =
          {
              {"elections.clerk", {"commissioner", "grid_member", "committee_member"}},
              {"elections.manage", {"street_admin", "community_secretary", "tripartite_director", "commissioner"}},
              {"elections.read",
               {"street_admin", "community_secretary", "tripartite_director", "commissioner", "grid_member",
                "committee_member", "supervisor"}},
              {"elections.supervise", {"supervisor"}},
          },
  };
}

}  // namespace weizhi::elections
