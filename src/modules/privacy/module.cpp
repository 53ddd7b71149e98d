// The privacy module as the host runs it: migrations, routes, demo seed, who publishes the notice,
// the correction requests on 今日待办, and the first notice written when the database is prepared.
#include "modules/privacy/module.hpp"

#include "modules/migrations.hpp"
#include "modules/privacy/store.hpp"

namespace weizhi::privacy {

modules::Module module() {
  using namespace modules;
  // The notice speaks for the street, which answers for the platform's processing of personal data.
  Module descriptor =
      describe("privacy", store::privacy_migrations, add_routes, seed_demo, {{"privacy.manage", {"street_admin"}}});
  descriptor.today = today_items;
  descriptor.prepare = ensure_first_notice;
  return descriptor;
}

}  // namespace weizhi::privacy
