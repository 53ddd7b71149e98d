// The property module as the host runs it: migrations, routes, demo seed, and who holds its permissions.
#include "modules/property/module.hpp"

#include "modules/migrations.hpp"

namespace weizhi::property {

modules::Module module() {
  using namespace modules;
  // The street runs companies, clusters and the task catalogue; a community's leaders keep its ledger; owners
  // read the contract in force in their compound. Each party of the monthly evaluation fills its own sheet
  // (docs/rules.md#g-sheets); those who answer for the compounds, and the company for its own contracts, read it.
  // The evaluators are reminded daily of the sheets due tomorrow or today.
  Module descriptor = describe(
      "property", store::property_migrations,
      [](http::Router& router) {
        add_routes(router);
        add_ledger_routes(router);
        add_evaluation_routes(router);
      },
      [](SeedContext& seed) {
        seed_demo(seed);
        seed_ledger_demo(seed);
        seed_evaluation_demo(seed);
      },
      {
          {"property.evaluate.committee", {"committee_member"}},
          {"property.evaluate.community", {"community_secretary", "tripartite_director"}},
          {"property.evaluate.street", {"street_admin"}},
          {"property.evaluation.read",
           roles(kLeaders, "commissioner", "committee_member", "supervisor", "property_manager")},
          {"property.ledger.read", roles(kLeaders, "commissioner", "property_manager")},
          {"property.ledger.write", kLeaders},
          {"property.manage", kLeaders},
          {"property.public.read", roles(kStaff, "resident")},
          {"property.read", kStaff},
      },
      {sheet_reminder_job()});
  descriptor.report = report_sections;
  descriptor.today = today_items;
  descriptor.publicity = publicity_items;
  return descriptor;
}

}  // namespace weizhi::property
