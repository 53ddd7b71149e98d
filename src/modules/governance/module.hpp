// The governance capability: party organisations and each compound's party form, commissioners, the responsibility chain and its coverage, grids, social organisations and the organisation statistics.
#pragma once
#include "modules/module.hpp"

namespace weizhi::governance {
modules::Module module();
}
