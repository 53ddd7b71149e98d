// The people capability: residents and workers with encrypted personal data, masked display, search by blind index, and their links to parts (owner, co-owner with designated voter, tenant, resident).
#pragma once
#include "modules/module.hpp"

namespace weizhi::people {

// The descriptor (module.cpp), and the parts of it that routes.cpp and seed.cpp define.
modules::Module module();
void add_routes(http::Router& router);
void seed_demo(modules::SeedContext& seed);

}  // namespace weizhi::people
