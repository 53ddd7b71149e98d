// The notifications capability: each user's in-app inbox, and the WeCom group robots of compounds
// and communities that the same messages are posted to, with retries and visible failures.
#pragma once
#include "modules/module.hpp"

namespace weizhi::notifications {

// The descriptor (module.cpp), and the parts of it that routes.cpp and seed.cpp define; its job is
// deliver.hpp's.
modules::Module module();
void add_routes(http::Router& router);
void seed_demo(modules::SeedContext& seed);

}  // namespace weizhi::notifications
