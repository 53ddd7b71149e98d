// GET /api/v1/me/today: the caller's work for today, gathered from every module's today hook and
// put in order of urgency.
#pragma once
#include "modules/module.hpp"

namespace weizhi::app {

modules::Module today_module();

}  // namespace weizhi::app
