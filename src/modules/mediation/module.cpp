// The mediation module as the host runs it: migrations, routes, jobs, demo seed, and who holds its permissions.
#include "modules/mediation/module.hpp"

#include "modules/migrations.hpp"

namespace weizhi::mediation {

modules::Module module() {
  using namespace modules;
  Module descriptor =
      describe("mediation", store::mediation_migrations, add_routes, seed_demo,
               {
                   {"mediation.manage", roles(kOfficials, "grid_member")},
                   {"mediation.read", roles(kOfficials, "party_secretary", "grid_member", "supervisor")},
               });
  descriptor.today = today_items;
  descriptor.report = report_sections;
  return descriptor;
}

}  // namespace weizhi::mediation
