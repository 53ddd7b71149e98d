// The Open311 capability: GeoReport v2 under /open311/v2/ for outside clients (city apps, 12345
// hotline systems) to list the street's service items and file and follow cases with an api_key.
#pragma once
#include "modules/module.hpp"

namespace weizhi::open311 {

// The descriptor (module.cpp), and the parts of it that routes.cpp define.
modules::Module module();
void add_routes(http::Router& router);

}  // namespace weizhi::open311
