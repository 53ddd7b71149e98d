// The imports module's part of the demo street.
#include "modules/imports/module.hpp"

namespace weizhi::imports {

void seed_demo(modules::SeedContext&) {}

}  // namespace weizhi::imports
