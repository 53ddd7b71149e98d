// The access capability (门禁): a compound's gates in the street's three tiers (大门、中门、小门) with their hours,
// the main gates' guard roster, and the credentials that open them — cards, rotating QR codes, faces.
#pragma once
#include "modules/access/access.hpp"
#include "modules/module.hpp"

namespace weizhi::access {

// The descriptor (module.cpp), and the parts of it that the module's other files define.
// `observations` counts a compound's running observation points for its figures; none without it.
modules::Module module(ObservationCount observations = {});
// routes.cpp: gates, rosters, credentials, the resident's codes, stats
void add_routes(http::Router& router, const ObservationCount& observations);
void seed_demo(modules::SeedContext& seed);  // seed.cpp
modules::Job moving_out_job();               // moving_out.cpp: credentials of those who moved out end

}  // namespace weizhi::access
