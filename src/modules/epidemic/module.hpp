// The epidemic capability (疫情防控): observation points (整楼居家隔离医学观察) on a building or unit that suspend
// its residents' access credentials for the period and restore exactly those when it ends.
#pragma once
#include "modules/epidemic/model.hpp"
#include "modules/module.hpp"

namespace weizhi::epidemic {

// The descriptor (module.cpp), and the parts of it that the module's other files define.
modules::Module module();
void add_routes(http::Router& router);       // routes.cpp: observations declared, read and lifted
void seed_demo(modules::SeedContext& seed);  // seed.cpp

// lifecycle.cpp: an observation's start and end, from a route or the daily job, inside the caller's transaction;
// each answers the counts the caller audits.
Json start_observation(store::Tx& tx, const Observation& observation);
Json end_observation(store::Tx& tx, const Observation& observation);
modules::Job lifecycle_job();  // observations start on their first day and end once their last has passed

}  // namespace weizhi::epidemic
