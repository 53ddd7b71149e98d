// The access module as the host runs it: migrations, routes, demo seed, the daily job that ends the credentials
// of those who moved out, and who holds its permissions.
#include "modules/access/module.hpp"

#include "modules/access/devices.hpp"
#include "modules/migrations.hpp"
#include "modules/access/permissions.hpp"

namespace weizhi::access {

modules::Module module(ObservationCount observations) {
  using namespace modules;
  // Those who answer for a compound, its grid members and the property manager who staffs the main gates keep its
  // gates and issue its credentials; everyone working on the compound reads them. Residents see their own through
  // /api/v1/me/credentials.
  auto routes = [observations = std::move(observations)](http::Router& router) {
    add_routes(router, observations);
    add_device_routes(router);
    add_visitor_routes(router);
  };
  return describe("access", store::access_migrations, routes, seed_demo,
                  {
                      {kManage, roles(kOfficials, "grid_member", "property_manager")},
                      {kRead, kStaff},
                      // The gate's check: those who keep the gates, and the gates' own device accounts.
                      {kCheck, roles(kOfficials, "grid_member", "property_manager", "gate_device")},
                  },
                  {moving_out_job(), device_sync_job(), event_pull_job(), event_purge_job()});
}

}  // namespace weizhi::access
