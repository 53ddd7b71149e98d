// The covenant module as the host runs it: migrations, routes, jobs, demo seed, and who holds its permissions.
#include "modules/covenant/module.hpp"

namespace weizhi::store {
std::vector<Migration> covenant_migrations();
}

namespace weizhi::covenant {

// Defined in routes.cpp and seed.cpp; only this descriptor assembles them.
void add_routes(http::Router& router);
modules::Job escalation_job();
void seed_demo(modules::SeedContext& seed);

modules::Module module() {
  using namespace modules;
  return modules::Module{
      .name = "covenant",
      .migrations = store::covenant_migrations,
      .routes = add_routes,
      .seed_demo = seed_demo,
      .jobs = {escalation_job()},
      .grants =
          {
              {"covenant.acknowledge", roles(kOfficials, "committee_member", "resident")},
              {"covenant.manage", roles(kOfficials, "committee_member")},
              {"covenant.policy", {"street_admin"}},
              {"covenant.read", roles(kStaff, "resident")},
              {"covenant.violations.read", kStaff},
          },
  };
}

}  // namespace weizhi::covenant
