// Operations routes: GET /healthz (the process answers), GET /readyz (database reachable and
// migrations current) and GET /metrics (Prometheus text).
#pragma once
#include "modules/module.hpp"

namespace weizhi::app {
modules::Module ops_module();
}
