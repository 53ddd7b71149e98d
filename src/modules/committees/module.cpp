// The committees module as the host runs it: migrations, routes, jobs, demo seed, and who holds its permissions.
#include "modules/committees/module.hpp"

#include "modules/migrations.hpp"

namespace weizhi::committees {

modules::Module module() {
  using namespace modules;
  return describe("committees", store::committees_migrations, add_routes, nullptr,
                  {
                      {"committees.manage", kLeaders},
                      {"committees.policy", {"street_admin"}},
                      {"committees.read", roles(kOfficials, "grid_member", "committee_member", "supervisor")},
                  });
}

}  // namespace weizhi::committees
