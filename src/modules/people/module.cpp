// The people module as the host runs it: migrations, routes, jobs, demo seed, and who holds its permissions.
#include "modules/people/module.hpp"

namespace weizhi::store {
std::vector<Migration> people_migrations();
}

namespace weizhi::people {

// Defined in routes.cpp and seed.cpp; only this descriptor assembles them.
void add_routes(http::Router& router);
void seed_demo(modules::SeedContext& seed);

modules::Module module() {
  using namespace modules;
  return modules::Module{
      .name = "people",
      .migrations = store::people_migrations,
      .routes = add_routes,
      .seed_demo = seed_demo,
      .grants =
          {
              {"people.read", roles(kOfficials, "party_secretary", "grid_member", "supervisor")},
              {"people.unmask", kLeaders},
              {"people.write", roles(kOfficials, "grid_member")},
          },
  };
}

}  // namespace weizhi::people
