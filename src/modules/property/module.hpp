// The property service capability (微服务): companies, the clusters they serve, contracts chosen by owners,
// the transactional tasks moved to companies, each community's ledger, and the monthly three-in-one evaluation.
#pragma once
#include "modules/cases/cases.hpp"
#include "modules/module.hpp"

namespace weizhi::property {

// The demo street's pilot communities, whose compounds chose their company by a vote of matter 4 on the platform
// and are evaluated month by month; the others' contracts were signed before it, their owners' votes held on paper,
// and are recorded as in force.
inline constexpr const char* kPilotCommunities[] = {"desheng", "cuiyu", "dongyi", "donger"};

// The descriptor (module.cpp), and the parts of it that the module's other files define.
modules::Module module();
void add_routes(http::Router& router);              // routes.cpp: companies, clusters, contracts, tasks
void add_ledger_routes(http::Router& router);       // ledger_routes.cpp: funding lines, revenue, costs, ledger, stats
void add_evaluation_routes(http::Router& router);   // evaluation_routes.cpp: the monthly evaluation
void seed_demo(modules::SeedContext& seed);         // seed.cpp
void seed_ledger_demo(modules::SeedContext& seed);  // ledger_seed.cpp
void seed_evaluation_demo(modules::SeedContext& seed);                                  // evaluation_seed.cpp
cases::CaseRouter case_router();                                                        // case_routing.cpp
modules::Job sheet_reminder_job();                                                      // evaluation_notices.cpp
std::vector<modules::TodayItem> today_items(const modules::TodayAsk& ask);              // today.cpp
std::vector<modules::ReportSection> report_sections(const modules::ReportAsk& ask);     // report.cpp
std::vector<modules::PublicityItem> publicity_items(const modules::PublicityAsk& ask);  // publicity.cpp

}  // namespace weizhi::property
