// The notifications module as the host runs it: migrations, routes, jobs, demo seed, and who holds its permissions.
#include "modules/notifications/module.hpp"

#include "modules/migrations.hpp"
#include "modules/notifications/deliver.hpp"

namespace weizhi::notifications {

modules::Module module() {
  using namespace modules;
  // Everyone reads their own inbox without a permission; this one configures the robots and watches deliveries.
  return describe("notifications", store::notifications_migrations, add_routes, seed_demo,
                  {{"notifications.manage", kLeaders}}, {delivery_job()});
}

}  // namespace weizhi::notifications
