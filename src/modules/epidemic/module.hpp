// The epidemic capability (疫情防控): observation points (整楼居家隔离医学观察) on a building or unit that suspend
// its residents' access credentials for the period and restore exactly those when it ends, and their care: daily
// health check-ins, help requests as cases, notices to the compound's group robots.
#pragma once
#include "modules/cases/cases.hpp"
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

// routes.cpp: the observation a route's path names; 404 when there is none, or it lies out of the caller's reach.
Observation require_observation(store::Connection& connection, std::int64_t id);
http::ScopeResolver observation_scope();

// care_routes.cpp: check-ins and help requests, from the H5 and from staff, the households board, the street's hour.
void add_care_routes(http::Router& router);

// care.cpp.
// The observed place as residents name it: compound, building and unit.
std::string observed_address(store::Connection& connection, const Observation& observation);
std::vector<Household> households_of(store::Connection& connection, const Observation& observation);
// The health values of a check-in, sealed with the data key.
std::string seal_health(const crypto::DataKey& key, const HealthInput& input);
// The street's catalogue item a help request of `kind` becomes, added to the catalogue when the street has none yet;
// 422 naming `kind` when the street has put it out of use.
cases::Item help_item(store::Tx& tx, std::int64_t street_id, HelpKind kind);
enum class Notice { Declared, Changed, Ended };
// Tells the compound's group robots (and the staff's inboxes), inside the caller's transaction; for a change, the
// observation as changed and the last day it had before.
void tell_compound(store::Tx& tx, const Observation& observation, Notice notice, const std::string& from_ends_on = {});
std::vector<modules::TodayItem> today_items(const modules::TodayAsk& ask);
modules::Job purge_job();  // care records purged kRetentionDays after their observation ended
// The router the host hands to the cases module: help requests go to the observation's staff.
cases::CaseRouter case_router();

}  // namespace weizhi::epidemic
