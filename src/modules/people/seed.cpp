// The people module's part of the demo street.
#include "modules/people/module.hpp"

namespace weizhi::people {

void seed_demo(modules::SeedContext&) {}

}  // namespace weizhi::people
