// The engagement capability (居民参与): events residents sign up for (活动预约) with their venues,
// surveys with one voice per household (民意调查), notices and publicity with read receipts (通知公示), the
// talent pool (能人库) and the partner units of the alliance (运河红盟) with the resources they sink to compounds.
#pragma once
#include "modules/module.hpp"

namespace weizhi::engagement {

// The descriptor (module.cpp), and the parts of it that its other files define.
modules::Module module();
void add_routes(http::Router& router);                                               // routes.cpp
void add_survey_routes(http::Router& router);                                        // surveys_routes.cpp
void add_partner_routes(http::Router& router);                                       // partners_routes.cpp
void add_talent_routes(http::Router& router);                                        // talent_routes.cpp
void seed_partners(modules::SeedContext& seed);                                      // partners_seed.cpp
void seed_surveys(modules::SeedContext& seed);                                       // surveys_seed.cpp
std::vector<modules::TodayItem> survey_today_items(const modules::TodayAsk& ask);    // surveys_today.cpp
void seed_demo(modules::SeedContext& seed);                                          // seed.cpp
std::vector<modules::TodayItem> today_items(const modules::TodayAsk& ask);           // today.cpp
std::vector<modules::ReportSection> report_sections(const modules::ReportAsk& ask);  // report.cpp

// Notices and publicity: notices_routes.cpp, notices_seed.cpp, notices_publicity.cpp.
void add_notice_routes(http::Router& router);
void seed_notices(modules::SeedContext& seed);
std::vector<modules::PublicityItem> notice_publicity(const modules::PublicityAsk& ask);

}  // namespace weizhi::engagement
