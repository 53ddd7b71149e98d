// The voting module as the host runs it: migrations, routes, jobs, demo seed, and who holds its permissions.
#include "modules/voting/module.hpp"

namespace weizhi::store {
std::vector<Migration> voting_migrations();
}

namespace weizhi::voting {

// Defined in routes.cpp and seed.cpp; only this descriptor assembles them.
void add_routes(http::Router& router);
void seed_demo(modules::SeedContext& seed);

modules::Module module() {
  return modules::Module{
      .name = "voting",
      .migrations = store::voting_migrations,
      .routes = add_routes,
      .seed_demo = seed_demo,
      .grants =
          {
              {"voting.clerk", {"commissioner", "grid_member", "committee_member"}},
              {"voting.manage",
               {"street_admin", "community_secretary", "tripartite_director", "commissioner", "committee_member"}},
              {"voting.read",
               {"street_admin", "community_secretary", "tripartite_director", "commissioner", "grid_member",
                "committee_member", "supervisor"}},
              {"voting.supervise", {"supervisor"}},
          },
  };
}

}  // namespace weizhi::voting
