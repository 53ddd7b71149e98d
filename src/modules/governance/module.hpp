// The governance capability: party organisations and each compound's party form, commissioners, the responsibility chain and its coverage, grids, social organisations and the organisation statistics.
#pragma once
#include "modules/module.hpp"

namespace weizhi::governance {

// The descriptor (module.cpp), and the parts of it that routes.cpp and seed.cpp define.
modules::Module module();
void add_routes(http::Router& router);
void seed_demo(modules::SeedContext& seed);

}  // namespace weizhi::governance
