// The committees capability: each compound's self-management committee (自管会) with its term,
// the street's ten duties, members, ordered alternates and the party-member share check.
#pragma once
#include "modules/module.hpp"

namespace weizhi::committees {
modules::Module module();
}
