// The voting capability: owners' votes under Civil Code Art. 278 with a roll frozen at opening, one ballot per owner across online, paper and meeting channels, exact two-dimension tallies and verifiable published results.
#pragma once
#include "modules/module.hpp"

namespace weizhi::voting {

// The descriptor (module.cpp), and the parts of it that routes.cpp and seed.cpp define.
modules::Module module();
void add_routes(http::Router& router);
void seed_demo(modules::SeedContext& seed);
std::vector<modules::TodayItem> today_items(const modules::TodayAsk& ask);           // today.cpp
std::vector<modules::ReportSection> report_sections(const modules::ReportAsk& ask);  // report.cpp

// What is in publicity (publicity.cpp).
std::vector<modules::PublicityItem> publicity_items(const modules::PublicityAsk& ask);

}  // namespace weizhi::voting
