// The org capability (微组织): the tree of street, communities, compounds, buildings, units and
// parts. Issue-sized growth lands here: people, party organisations, commissioners, import.
#pragma once
#include "modules/module.hpp"

namespace weizhi::org {

// The descriptor (module.cpp), and the parts of it that routes.cpp and seed.cpp define.
modules::Module module();
void add_routes(http::Router& router);
void seed_demo(modules::SeedContext& seed);

}  // namespace weizhi::org
