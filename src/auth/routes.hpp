// The auth capability: sign-in and sign-out, the current user, account and role management,
// and the demo accounts (one per role, as README.md lists them).
#pragma once
#include "modules/module.hpp"

namespace weizhi::auth {

modules::Module module();

// The password every demo account gets; printed by `weizhi seed demo`.
inline constexpr const char* kDemoPassword = "weizhi-demo";

}  // namespace weizhi::auth
