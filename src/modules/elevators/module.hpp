// The elevators capability: elevator retrofits per stairwell unit (加装电梯, docs/rules.md#e-elevators) —
// eligibility from the registry, working group, matter-7 consent vote, cost split, stages,
// maintenance contract and mediation records.
#pragma once
#include "modules/module.hpp"

namespace weizhi::elevators {

// The descriptor (module.cpp), and the parts of it that routes.cpp and seed.cpp define.
modules::Module module();
void add_routes(http::Router& router);
void seed_demo(modules::SeedContext& seed);
std::vector<modules::TodayItem> today_items(const modules::TodayAsk& ask);  // today.cpp

// What is in publicity (publicity.cpp).
std::vector<modules::PublicityItem> publicity_items(const modules::PublicityAsk& ask);

}  // namespace weizhi::elevators
