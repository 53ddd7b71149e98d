// The import/export capability: buildings, units, parts, people and ownership from CSV (UTF-8 or GBK) with a dry run, and CSV exports with masked personal data.
#pragma once
#include "modules/module.hpp"

namespace weizhi::imports {
modules::Module module();
}
