// The media module as the host runs it: migrations, routes, jobs, demo seed, and who holds its permissions.
#include "modules/media/module.hpp"

#include "modules/migrations.hpp"

namespace weizhi::media {

modules::Module module() { return modules::describe("media", store::media_migrations, add_routes); }

}  // namespace weizhi::media
