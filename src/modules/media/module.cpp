// The media module as the host runs it: migrations, routes, jobs, demo seed, and who holds its permissions.
#include "modules/media/module.hpp"

namespace weizhi::store {
std::vector<Migration> media_migrations();
}

namespace weizhi::media {

// Defined in routes.cpp; only this descriptor assembles them.
void add_routes(http::Router& router);

modules::Module module() {
  return modules::Module{
      .name = "media",
      .migrations = store::media_migrations,
      .routes = add_routes,
  };
}

}  // namespace weizhi::media
