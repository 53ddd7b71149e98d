// HTTP routes of companies, clusters, contracts and the task catalogue.
#include "modules/property/module.hpp"

namespace weizhi::property {
void add_routes(http::Router&) {}
}  // namespace weizhi::property
