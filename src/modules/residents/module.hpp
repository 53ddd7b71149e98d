// The residents capability: residents sign in with their phone and a one-time SMS code, matched to the
// people registry; their first sign-in makes their account with the resident role where they live.
#pragma once
#include "auth/sign_in.hpp"
#include "modules/module.hpp"

namespace weizhi::residents {

// The descriptor (module.cpp), and the parts of it that routes.cpp defines: its routes, and the sign-in
// by phone and code that the host hands to auth::module().
modules::Module module();
void add_routes(http::Router& router);
auth::SignInMethod phone_sign_in();

}  // namespace weizhi::residents
