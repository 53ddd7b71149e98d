// The covenant capability: each compound's management covenant (管理规约) adopted by an owners'
// vote of matter 2, households' acknowledgements, and enforcement of its clauses to outcomes.
#pragma once
#include "modules/module.hpp"

namespace weizhi::covenant {
modules::Module module();
}  // namespace weizhi::covenant
