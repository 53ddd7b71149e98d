// The org capability (微组织): the tree of street, communities, compounds, buildings, units and
// parts. Issue-sized growth lands here: people, party organisations, commissioners, import.
#pragma once
#include "modules/module.hpp"

namespace weizhi::org {
modules::Module module();
}
