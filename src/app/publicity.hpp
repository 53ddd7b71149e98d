// GET /api/v1/me/publicity and GET /api/v1/publicity: every 公示 current today, gathered from every
// module's publicity hook, newest first.
#pragma once
#include "modules/module.hpp"

namespace weizhi::app {

modules::Module publicity_module();

}  // namespace weizhi::app
