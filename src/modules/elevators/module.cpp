// The elevators module as the host runs it: migrations, routes, jobs, demo seed, and who holds its permissions.
#include "modules/elevators/module.hpp"

#include "modules/migrations.hpp"

namespace weizhi::elevators {

modules::Module module() {
  using namespace modules;
  // Residents follow a project through its consent vote (the voting module), not through these.
  Module descriptor = describe("elevators", store::elevators_migrations, add_routes, seed_demo,
                               {
                                   {"elevators.manage", roles(kOfficials, "committee_member")},
                                   {"elevators.policy", {"street_admin"}},
                                   {"elevators.read", kStaff},
                               });
  descriptor.today = today_items;
  descriptor.publicity = publicity_items;
  return descriptor;
}

}  // namespace weizhi::elevators
