// The media capability: photos uploaded once, stored as files named by their content hash, and
// served only through the records (violations, cases) that cite them.
#pragma once
#include "modules/module.hpp"

namespace weizhi::media {
modules::Module module();
}  // namespace weizhi::media
