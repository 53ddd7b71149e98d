// The elections capability: seven-step differential elections of self-management committees
// with supervisor sign-off, visits and candidates, secret online and paper ballots, the count of
// docs/rules.md#d-elections, and the result filed into the committee; plus the self-management statistics.
#pragma once
#include "modules/module.hpp"

namespace weizhi::elections {

// The descriptor (module.cpp), and the parts of it that routes.cpp and seed.cpp define.
modules::Module module();
void add_routes(http::Router& router);
void seed_demo(modules::SeedContext& seed);
std::vector<modules::TodayItem> today_items(const modules::TodayAsk& ask);           // today.cpp
std::vector<modules::ReportSection> report_sections(const modules::ReportAsk& ask);  // report.cpp

// What is in publicity (publicity.cpp).
std::vector<modules::PublicityItem> publicity_items(const modules::PublicityAsk& ask);

}  // namespace weizhi::elections
