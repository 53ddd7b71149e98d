// The mediation capability (金牌调解): neighbourhood disputes mediated by the community's gold
// mediators, from the first session to the signed agreement and the visits that check it holds.
#pragma once
#include "modules/module.hpp"

namespace weizhi::mediation {

// The descriptor (module.cpp), and the parts of it that routes.cpp and seed.cpp define.
modules::Module module();
void add_routes(http::Router& router);
void seed_demo(modules::SeedContext& seed);
std::vector<modules::TodayItem> today_items(const modules::TodayAsk& ask);           // today.cpp
std::vector<modules::ReportSection> report_sections(const modules::ReportAsk& ask);  // report.cpp

}  // namespace weizhi::mediation
