// The demo street's funding lines, revenue, costs and ledgers.
#include "modules/property/module.hpp"

namespace weizhi::property {
void seed_ledger_demo(modules::SeedContext&) {}
}  // namespace weizhi::property
