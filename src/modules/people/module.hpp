// The people capability: residents and workers with encrypted personal data, masked display, search by blind index, and their links to parts (owner, co-owner with designated voter, tenant, resident).
#pragma once
#include "modules/module.hpp"

namespace weizhi::people {
modules::Module module();
}
