// The Open311 capability: GeoReport v2 under /open311/v2/ for outside clients (city apps, 12345
// hotline systems) to list the street's service items and file and follow cases with an api_key.
#pragma once
#include "modules/module.hpp"

namespace weizhi::open311 {
modules::Module module();
}  // namespace weizhi::open311
