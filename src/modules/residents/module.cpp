// The residents module as the host runs it: migrations, routes, and the daily purge of old code requests.
#include "modules/residents/module.hpp"

#include "modules/migrations.hpp"
#include "modules/residents/store.hpp"

namespace weizhi::residents {

modules::Module module() {
  using namespace modules;
  // Two days outlive the longest limit (a day per phone), so the purge never frees a limit early.
  Job purge{"residents.sms_codes.purge", street_date,
            [](store::Tx& tx, const std::string&) { purge_requests(tx, tx.now() - std::chrono::hours(48)); }};
  return describe("residents", store::residents_migrations, add_routes, {}, {}, {purge});
}

}  // namespace weizhi::residents
