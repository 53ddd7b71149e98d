// The cases capability: the street's catalogue of compound public service items (57 in the demo
// street) and the cases worked through the three-step method, with due times and ratings.
#pragma once
#include "modules/cases/cases.hpp"
#include "modules/module.hpp"

namespace weizhi::cases {

// The descriptor (module.cpp), and the parts of it that routes.cpp and seed.cpp define.
// `routers`: who works a new case first, offered by other modules (routing.hpp).
modules::Module module(std::vector<CaseRouter> routers = {});
void add_routes(http::Router& router);
void seed_demo(modules::SeedContext& seed);
modules::Job escalation_job();
modules::Job pre_task_job();
std::vector<modules::TodayItem> today_items(const modules::TodayAsk& ask);           // today.cpp
std::vector<modules::ReportSection> report_sections(const modules::ReportAsk& ask);  // report.cpp

}  // namespace weizhi::cases
