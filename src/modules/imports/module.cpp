// The imports module as the host runs it: migrations, routes, jobs, demo seed, and who holds its permissions.
#include "modules/imports/module.hpp"

namespace weizhi::store {
std::vector<Migration> imports_migrations();
}

namespace weizhi::imports {

// Defined in routes.cpp and seed.cpp; only this descriptor assembles them.
void add_routes(http::Router& router);
void seed_demo(modules::SeedContext& seed);

modules::Module module() {
  return modules::Module{
      .name = "imports",
      .migrations = store::imports_migrations,
      .routes = add_routes,
      .seed_demo = seed_demo,
  };
}

}  // namespace weizhi::imports
