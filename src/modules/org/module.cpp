// The org module as the host runs it: migrations, routes, jobs, demo seed, and who holds its permissions.
#include "modules/org/module.hpp"

namespace weizhi::store {
std::vector<Migration> org_migrations();
}

namespace weizhi::org {

// Defined in routes.cpp and seed.cpp; only this descriptor assembles them.
void add_routes(http::Router& router);
void seed_demo(modules::SeedContext& seed);

modules::Module module() {
  using namespace modules;
  return modules::Module{
      .name = "org",
      .migrations = store::org_migrations,
      .routes = add_routes,
      .seed_demo = seed_demo,
      .grants =
          {
              {"org.read", roles(kStaff, "social_org")},
              {"org.write", {"street_admin", "community_secretary"}},
          },
  };
}

}  // namespace weizhi::org
