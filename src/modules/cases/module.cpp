// The cases module as the host runs it: migrations, routes, jobs, demo seed, and who holds its permissions.
#include "modules/cases/module.hpp"

#include "modules/cases/routing.hpp"
#include "modules/migrations.hpp"

namespace weizhi::cases {

modules::Module module(std::vector<CaseRouter> routers) {
  using namespace modules;
  use_routers(std::move(routers));
  const Roles reporters = roles(kOfficials, "grid_member", "committee_member", "property_manager", "property_staff");
  // Property companies work cases but never verify them. Residents report, see and rate their own cases:
  // checked per case, not granted as a read of the compound.
  Module descriptor =
      describe("cases", store::cases_migrations, add_routes, seed_demo,
               {
                   {"cases.accept", roles(kOfficials, "grid_member", "property_manager")},
                   {"cases.assign", roles(kOfficials, "property_manager")},
                   {"cases.catalogue", {"street_admin"}},
                   {"cases.close", kOfficials},
                   {"cases.create", reporters},
                   {"cases.note", reporters},
                   {"cases.read", kStaff},
                   {"cases.resolve", roles(kOfficials, "grid_member", "property_manager", "property_staff")},
                   {"cases.revisit", {"street_admin", "commissioner", "committee_member"}},
                   {"cases.verify", roles(kOfficials, "grid_member", "committee_member")},
               },
               {escalation_job(), pre_task_job()});
  descriptor.today = today_items;
  descriptor.report = report_sections;
  return descriptor;
}

}  // namespace weizhi::cases
