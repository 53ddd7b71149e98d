// The open311 module as the host runs it: migrations, routes, jobs, demo seed, and who holds its permissions.
#include "modules/open311/module.hpp"

namespace weizhi::store {
std::vector<Migration> open311_migrations();
}

namespace weizhi::open311 {

// Defined in routes.cpp; only this descriptor assembles them.
void add_routes(http::Router& router);

modules::Module module() {
  return modules::Module{
      .name = "open311",
      .migrations = store::open311_migrations,
      .routes = add_routes,
  };
}

}  // namespace weizhi::open311
