// The import/export capability: buildings, units, parts, people and ownership from CSV (UTF-8 or GBK) with a dry run, and CSV exports with masked personal data.
#pragma once
#include "modules/module.hpp"

namespace weizhi::imports {

// The descriptor (module.cpp), and the parts of it that routes.cpp and seed.cpp define.
modules::Module module();
void add_routes(http::Router& router);
void seed_demo(modules::SeedContext& seed);

}  // namespace weizhi::imports
