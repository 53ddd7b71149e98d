// The governance module's part of the demo street.
#include "modules/governance/module.hpp"

namespace weizhi::governance {

void seed_demo(modules::SeedContext&) {}

}  // namespace weizhi::governance
