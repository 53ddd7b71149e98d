// The demo street's property companies, clusters, contracts and task catalogue.
#include "modules/property/module.hpp"

namespace weizhi::property {
void seed_demo(modules::SeedContext&) {}
}  // namespace weizhi::property
