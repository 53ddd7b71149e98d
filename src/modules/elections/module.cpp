// The elections module as the host runs it: migrations, routes, jobs, demo seed, and who holds its permissions.
#include "modules/elections/module.hpp"

#include "modules/migrations.hpp"

namespace weizhi::elections {

modules::Module module() {
  using namespace modules;
  Module descriptor =
      describe("elections", store::elections_migrations, add_routes, seed_demo,
               {
                   {"elections.clerk", {"commissioner", "grid_member", "committee_member"}},
                   {"elections.manage", kOfficials},
                   {"elections.read", roles(kOfficials, "grid_member", "committee_member", "supervisor")},
                   {"elections.supervise", {"supervisor"}},
               });
  descriptor.today = today_items;
  descriptor.publicity = publicity_items;
  descriptor.report = report_sections;
  return descriptor;
}

}  // namespace weizhi::elections
