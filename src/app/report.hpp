// GET /api/v1/reports/monthly: a node's month gathered from every module's report hook, as a
// spreadsheet to download or as JSON for the console's print page.
#pragma once
#include "modules/module.hpp"

namespace weizhi::app {

modules::Module report_module();

}  // namespace weizhi::app
