// The elevators module as the host runs it: migrations, routes, jobs, demo seed, and who holds its permissions.
#include "modules/elevators/module.hpp"

namespace weizhi::store {
std::vector<Migration> elevators_migrations();
}

namespace weizhi::elevators {

// Defined in routes.cpp and seed.cpp; only this descriptor assembles them.
void add_routes(http::Router& router);
void seed_demo(modules::SeedContext& seed);

modules::Module module() {
  using namespace modules;
  return modules::Module{
      .name = "elevators",
      .migrations = store::elevators_migrations,
      .routes = add_routes,
      .seed_demo = seed_demo,
      .grants =
          {
              {"elevators.manage", roles(kOfficials, "committee_member")},
              {"elevators.policy", {"street_admin"}},
              {"elevators.read", kStaff},
          },
  };
}

}  // namespace weizhi::elevators
