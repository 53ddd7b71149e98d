// HTTP routes of the people module.
#include "http/context.hpp"
#include "modules/people/module.hpp"

namespace weizhi::store {
std::vector<Migration> people_migrations();
}

namespace weizhi::people {

void seed_demo(modules::SeedContext& seed);

modules::Module module() {
  return modules::Module{"people", store::people_migrations, [](http::Router&) {}, seed_demo};
}

}  // namespace weizhi::people
