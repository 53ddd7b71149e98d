// The mediation capability (金牌调解): neighbourhood disputes mediated by the community's gold
// mediators, from the first session to the signed agreement and the visits that check it holds.
#pragma once
#include "modules/module.hpp"

namespace weizhi::mediation {
modules::Module module();
}  // namespace weizhi::mediation
