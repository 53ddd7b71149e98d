// The covenant module as the host runs it: migrations, routes, jobs, demo seed, and who holds its permissions.
#include "modules/covenant/module.hpp"

#include "modules/migrations.hpp"

namespace weizhi::covenant {

modules::Module module() {
  using namespace modules;
  // Residents read their compound's covenant and acknowledge it for their home, but not its violations, which
  // name neighbours' plates and homes.
  Module descriptor = describe("covenant", store::covenant_migrations, add_routes, seed_demo,
                               {
                                   {"covenant.acknowledge", roles(kOfficials, "committee_member", "resident")},
                                   {"covenant.manage", roles(kOfficials, "committee_member")},
                                   {"covenant.policy", {"street_admin"}},
                                   {"covenant.read", roles(kStaff, "resident")},
                                   {"covenant.violations.read", kStaff},
                               },
                               {escalation_job()});
  descriptor.today = today_items;
  descriptor.publicity = publicity_items;
  descriptor.report = report_sections;
  return descriptor;
}

}  // namespace weizhi::covenant
