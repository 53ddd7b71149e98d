// The imports module as the host runs it: migrations, routes, jobs, demo seed, and who holds its permissions.
#include "modules/imports/module.hpp"

#include "modules/migrations.hpp"

namespace weizhi::imports {

modules::Module module() { return modules::describe("imports", store::imports_migrations, add_routes, seed_demo); }

}  // namespace weizhi::imports
