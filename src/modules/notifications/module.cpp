// The notifications module as the host runs it: migrations, routes, jobs, demo seed, and who holds its permissions.
#include "modules/notifications/module.hpp"

namespace weizhi::store {
std::vector<Migration> notifications_migrations();
}

namespace weizhi::notifications {

// Defined in routes.cpp and seed.cpp; only this descriptor assembles them.
void add_routes(http::Router& router);
modules::Job delivery_job();
void seed_demo(modules::SeedContext& seed);

modules::Module module() {
  using namespace modules;
  return modules::Module{
      .name = "notifications",
      .migrations = store::notifications_migrations,
      .routes = add_routes,
      .seed_demo = seed_demo,
      .jobs = {delivery_job()},
      .grants =
          {
              {"notifications.manage", kLeaders},
          },
  };
}

}  // namespace weizhi::notifications
