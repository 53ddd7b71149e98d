// The epidemic module as the host runs it: migrations, routes, the daily jobs that start and end observations by
// their dates and purge their care records, the staff's items for today, and who holds its permissions.
#include "modules/epidemic/module.hpp"

#include "modules/epidemic/permissions.hpp"
#include "modules/migrations.hpp"

namespace weizhi::epidemic {

modules::Module module() {
  using namespace modules;
  // Those who answer for a compound declare and lift observations; everyone working on the compound reads them.
  auto descriptor = describe("epidemic", store::epidemic_migrations, add_routes, seed_demo,
                             {
                                 {kManage, kOfficials},
                                 {kRead, kStaff},
                             },
                             {lifecycle_job(), purge_job()});
  descriptor.today = today_items;
  return descriptor;
}

}  // namespace weizhi::epidemic
