// The org module as the host runs it: migrations, routes, jobs, demo seed, and who holds its permissions.
#include "modules/org/module.hpp"

#include "modules/migrations.hpp"

namespace weizhi::org {

modules::Module module() {
  using namespace modules;
  Module descriptor = describe("org", store::org_migrations, add_routes, seed_demo);
  descriptor.grants = {
      {"org.read", roles(kStaff, "social_org")},
      {"org.write", {"street_admin", "community_secretary"}},
  };
  return descriptor;
}

}  // namespace weizhi::org
