// The notifications module as the host runs it: migrations, routes, jobs, demo seed, and who holds its permissions.
#include "modules/notifications/module.hpp"

#include "modules/migrations.hpp"

namespace weizhi::notifications {

modules::Module module() {
  using namespace modules;
  Module descriptor = describe("notifications", store::notifications_migrations, add_routes, seed_demo);
  descriptor.jobs = {delivery_job()};
  // Everyone reads their own inbox without a permission; this one configures the robots and watches deliveries.
  descriptor.grants = {
      {"notifications.manage", kLeaders},
  };
  return descriptor;
}

}  // namespace weizhi::notifications
