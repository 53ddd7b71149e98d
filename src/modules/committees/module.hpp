// The committees capability: each compound's self-management committee (自管会) with its term,
// the street's ten duties, members, ordered alternates and the party-member share check.
#pragma once
#include "modules/module.hpp"

namespace weizhi::committees {

// The descriptor (module.cpp), and the parts of it that routes.cpp define.
modules::Module module();
void add_routes(http::Router& router);

}  // namespace weizhi::committees
