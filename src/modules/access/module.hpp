// The access capability (门禁): a compound's gates in the street's three tiers (大门、中门、小门) with their hours,
// the main gates' guard roster, and the credentials that open them — cards, rotating QR codes, faces.
#pragma once
#include "modules/module.hpp"

namespace weizhi::access {

// The descriptor (module.cpp), and the parts of it that the module's other files define.
modules::Module module();
void add_routes(http::Router& router);       // routes.cpp: gates, rosters, credentials, the resident's codes, stats
void seed_demo(modules::SeedContext& seed);  // seed.cpp
modules::Job moving_out_job();               // moving_out.cpp: credentials of those who moved out end

}  // namespace weizhi::access
