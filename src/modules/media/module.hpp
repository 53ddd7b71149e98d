// The media capability: photos uploaded once, stored as files named by their content hash, and
// served only through the records (violations, cases) that cite them.
#pragma once
#include "modules/module.hpp"

namespace weizhi::media {

// The descriptor (module.cpp), and the parts of it that routes.cpp define.
modules::Module module();
void add_routes(http::Router& router);

}  // namespace weizhi::media
