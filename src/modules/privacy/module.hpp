// The privacy capability (PIPL Arts. 14, 17, 44–46): a person's rights over their own data — the
// privacy notice in versions and each person's consent to it, 我的信息 to read what is held, and
// requests to correct it that the registry's keepers answer.
#pragma once
#include "modules/module.hpp"

namespace weizhi::privacy {

// The descriptor (module.cpp), and the parts of it that routes.cpp, seed.cpp and today.cpp define.
modules::Module module();
void add_routes(http::Router& router);
void seed_demo(modules::SeedContext& seed);
std::vector<modules::TodayItem> today_items(const modules::TodayAsk& ask);  // today.cpp

}  // namespace weizhi::privacy
