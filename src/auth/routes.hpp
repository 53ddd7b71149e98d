// The auth capability: sign-in and sign-out, the current user, account and role management,
// and the demo accounts (one per role, as README.md lists them).
#pragma once
#include "auth/sign_in.hpp"
#include "modules/module.hpp"

namespace weizhi::auth {

// `methods`: the other ways POST /api/v1/session signs in (auth/sign_in.hpp), beside a login and password.
modules::Module module(std::vector<SignInMethod> methods = {});

// The password every demo account gets; printed by `weizhi seed demo`.
inline constexpr const char* kDemoPassword = "weizhi-demo";

}  // namespace weizhi::auth
