// The committees module as the host runs it: migrations, routes, jobs, demo seed, and who holds its permissions.
#include "modules/committees/module.hpp"

namespace weizhi::store {
std::vector<Migration> committees_migrations();
}

namespace weizhi::committees {

// Defined in routes.cpp; only this descriptor assembles them.
void add_routes(http::Router& router);

modules::Module module() {
  using namespace modules;
  return modules::Module{
      .name = "committees",
      .migrations = store::committees_migrations,
      .routes = add_routes,
      .grants =
          {
              {"committees.manage", kLeaders},
              {"committees.policy", {"street_admin"}},
              {"committees.read", roles(kOfficials, "grid_member", "committee_member", "supervisor")},
          },
  };
}

}  // namespace weizhi::committees
