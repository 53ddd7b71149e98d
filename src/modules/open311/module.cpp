// The open311 module as the host runs it: migrations, routes, jobs, demo seed, and who holds its permissions.
#include "modules/open311/module.hpp"

#include "modules/migrations.hpp"

namespace weizhi::open311 {

modules::Module module() { return modules::describe("open311", store::open311_migrations, add_routes); }

}  // namespace weizhi::open311
