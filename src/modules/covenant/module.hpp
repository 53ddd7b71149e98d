// The covenant capability: each compound's management covenant (管理规约) adopted by an owners'
// vote of matter 2, households' acknowledgements, and enforcement of its clauses to outcomes.
#pragma once
#include "modules/module.hpp"

namespace weizhi::covenant {

// The descriptor (module.cpp), and the parts of it that routes.cpp and seed.cpp define.
modules::Module module();
void add_routes(http::Router& router);
void seed_demo(modules::SeedContext& seed);
modules::Job escalation_job();
std::vector<modules::TodayItem> today_items(const modules::TodayAsk& ask);           // today.cpp
std::vector<modules::ReportSection> report_sections(const modules::ReportAsk& ask);  // report.cpp

// What is in publicity (publicity.cpp).
std::vector<modules::PublicityItem> publicity_items(const modules::PublicityAsk& ask);

}  // namespace weizhi::covenant
