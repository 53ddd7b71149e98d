// The engagement module as the host runs it: migrations, routes, demo seed, today's events and the
// monthly figures, and who holds its permissions.
#include "modules/engagement/module.hpp"

#include "modules/migrations.hpp"

namespace weizhi::engagement {

modules::Module module() {
  using namespace modules;
  Module descriptor = describe("engagement", store::engagement_migrations,
                               [](http::Router& router) {
                                 add_routes(router);
                                 add_survey_routes(router);
                               },
                               seed_demo,
                               {
                                   {"engagement.manage", roles(kOfficials, "party_secretary", "grid_member")},
                                   {"engagement.read", roles(kStaff)},
                               });
  descriptor.today = today_items;
  descriptor.report = report_sections;
  return descriptor;
}

}  // namespace weizhi::engagement
