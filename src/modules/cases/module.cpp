// The cases module as the host runs it: migrations, routes, jobs, demo seed, and who holds its permissions.
#include "modules/cases/module.hpp"

namespace weizhi::store {
std::vector<Migration> cases_migrations();
}

namespace weizhi::cases {

// Defined in routes.cpp and seed.cpp; only this descriptor assembles them.
void add_routes(http::Router& router);
modules::Job escalation_job();
modules::Job pre_task_job();
void seed_demo(modules::SeedContext& seed);

modules::Module module() {
  using namespace modules;
  const Roles reporters = roles(kOfficials, "grid_member", "committee_member", "property_manager", "property_staff");
  return modules::Module{
      .name = "cases",
      .migrations = store::cases_migrations,
      .routes = add_routes,
      .seed_demo = seed_demo,
      .jobs = {escalation_job(), pre_task_job()},
      .grants =
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
  };
}

}  // namespace weizhi::cases
