// HTTP routes of the governance module.
#include "http/context.hpp"
#include "modules/governance/module.hpp"

namespace weizhi::store {
std::vector<Migration> governance_migrations();
}

namespace weizhi::governance {

void seed_demo(modules::SeedContext& seed);

modules::Module module() {
  return modules::Module{"governance", store::governance_migrations, [](http::Router&) {}, seed_demo};
}

}  // namespace weizhi::governance
