// The engagement module as the host runs it: migrations, routes of events and of surveys, demo seed,
// today's events and closing surveys, the monthly figures, and who holds its permissions.
#include "modules/engagement/module.hpp"

#include "modules/migrations.hpp"
#include "modules/engagement/permissions.hpp"

namespace weizhi::engagement {

modules::Module module() {
  using namespace modules;
  Module descriptor = describe(
      "engagement", store::engagement_migrations,
      [](http::Router& router) {
        add_routes(router);
        add_survey_routes(router);
        add_partner_routes(router);
        add_talent_routes(router);
        add_notice_routes(router);
      },
      [](SeedContext& seed) {
        seed_demo(seed);
        seed_surveys(seed);
        seed_partners(seed);
        seed_notices(seed);
      },
      {
          {kManage, roles(kOfficials, "party_secretary", "grid_member")},
          {kRead, roles(kStaff)},
      });
  descriptor.today = [](const TodayAsk& ask) {
    auto items = today_items(ask);
    for (auto& item : survey_today_items(ask)) items.push_back(std::move(item));
    return items;
  };
  descriptor.report = report_sections;
  descriptor.publicity = notice_publicity;
  return descriptor;
}

}  // namespace weizhi::engagement
