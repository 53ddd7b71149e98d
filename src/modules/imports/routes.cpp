// HTTP routes of the imports module.
#include "http/context.hpp"
#include "modules/imports/module.hpp"

namespace weizhi::store {
std::vector<Migration> imports_migrations();
}

namespace weizhi::imports {

void seed_demo(modules::SeedContext& seed);

modules::Module module() {
  return modules::Module{"imports", store::imports_migrations, [](http::Router&) {}, seed_demo};
}

}  // namespace weizhi::imports
