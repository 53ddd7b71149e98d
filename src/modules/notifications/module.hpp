// The notifications capability: each user's in-app inbox, and the WeCom group robots of compounds
// and communities that the same messages are posted to, with retries and visible failures.
#pragma once
#include "modules/module.hpp"

namespace weizhi::notifications {

// The descriptor (module.cpp), and the parts of it that routes.cpp, seed.cpp and deliver.cpp define.
modules::Module module();
void add_routes(http::Router& router);
void seed_demo(modules::SeedContext& seed);
modules::Job delivery_job();

}  // namespace weizhi::notifications
