// The org module as the host runs it: migrations, routes, jobs, demo seed, and who holds its permissions.
#include "modules/org/module.hpp"

#include "modules/migrations.hpp"
#include "modules/org/outline.hpp"
#include "modules/org/store.hpp"

namespace weizhi::org {

modules::Module module() {
  using namespace modules;
  Module descriptor = describe("org", store::org_migrations,
                               [](http::Router& router) {
                                 add_routes(router);
                                 add_outline_routes(router);
                               },
                               seed_demo,
                               {
                                   {"org.read", roles(kStaff, "social_org")},
                                   {"org.write", {"street_admin", "community_secretary"}},
                               });
  descriptor.prepare = fill_missing_address_keys;
  return descriptor;
}

}  // namespace weizhi::org
