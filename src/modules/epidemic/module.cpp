// The epidemic module as the host runs it: migrations, routes, the daily job that starts and ends observations by
// their dates, and who holds its permissions.
#include "modules/epidemic/module.hpp"

#include "modules/migrations.hpp"

namespace weizhi::epidemic {

modules::Module module() {
  using namespace modules;
  // Those who answer for a compound declare and lift observations; everyone working on the compound reads them.
  return describe("epidemic", store::epidemic_migrations, add_routes, seed_demo,
                  {
                      {"epidemic.manage", kOfficials},
                      {"epidemic.read", kStaff},
                  },
                  {lifecycle_job()});
}

}  // namespace weizhi::epidemic
