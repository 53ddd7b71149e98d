// The residents capability: residents sign in with their phone and a one-time SMS code, matched to the
// people registry; their first sign-in makes their account with the resident role where they live.
// Households without a phone on file get invitation letters, and staff follow the sign-up progress.
#pragma once
#include "auth/sign_in.hpp"
#include "modules/module.hpp"

namespace weizhi::residents {

// The descriptor (module.cpp), and the parts of it that routes.cpp defines: its routes, and the sign-in
// by phone and code that the host hands to auth::module(); then invitations.cpp's: the letters' and the
// progress routes, and the requests waiting for confirmation on 今日待办.
modules::Module module();
void add_routes(http::Router& router);
auth::SignInMethod phone_sign_in();
void add_invitation_routes(http::Router& router);
std::vector<modules::TodayItem> today_items(const modules::TodayAsk& ask);

}  // namespace weizhi::residents
