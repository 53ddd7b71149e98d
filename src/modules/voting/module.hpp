// The voting capability: owners' votes under Civil Code Art. 278 with a roll frozen at opening, one ballot per owner across online, paper and meeting channels, exact two-dimension tallies and verifiable published results.
#pragma once
#include "modules/module.hpp"

namespace weizhi::voting {
modules::Module module();
}
