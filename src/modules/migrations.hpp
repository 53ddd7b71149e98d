// Each module's migrations, embedded from its folder migrations/ by weizhi_module (src/CMakeLists.txt).
#pragma once
#include <vector>

#include "store/migration.hpp"

namespace weizhi::store {

std::vector<Migration> org_migrations();
std::vector<Migration> people_migrations();
std::vector<Migration> governance_migrations();
std::vector<Migration> notifications_migrations();
std::vector<Migration> imports_migrations();
std::vector<Migration> voting_migrations();
std::vector<Migration> committees_migrations();
std::vector<Migration> elections_migrations();
std::vector<Migration> media_migrations();
std::vector<Migration> covenant_migrations();
std::vector<Migration> cases_migrations();
std::vector<Migration> open311_migrations();
std::vector<Migration> deliberation_migrations();
std::vector<Migration> elevators_migrations();
std::vector<Migration> mediation_migrations();
std::vector<Migration> property_migrations();
std::vector<Migration> residents_migrations();
std::vector<Migration> access_migrations();
std::vector<Migration> privacy_migrations();
std::vector<Migration> engagement_migrations();
std::vector<Migration> epidemic_migrations();

}  // namespace weizhi::store
