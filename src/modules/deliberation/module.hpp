// The deliberation capability: the six-step deliberation (六步议事法) of a compound's topics, from
// proposal through comments, round tables, plan versions and the residents' vote to a resolution
// tracked action by action until done.
#pragma once
#include "modules/module.hpp"

namespace weizhi::deliberation {

// The descriptor (module.cpp), and the parts of it that routes.cpp and seed.cpp define.
modules::Module module();
void add_routes(http::Router& router);
void seed_demo(modules::SeedContext& seed);
std::vector<modules::TodayItem> today_items(const modules::TodayAsk& ask);           // today.cpp
std::vector<modules::ReportSection> report_sections(const modules::ReportAsk& ask);  // report.cpp

}  // namespace weizhi::deliberation
