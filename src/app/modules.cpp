// Registration of every capability.
#include "app/modules.hpp"

#include "app/grants.hpp"
#include "app/map.hpp"
#include "app/ops.hpp"
#include "app/publicity.hpp"
#include "app/report.hpp"
#include "app/today.hpp"
#include "audit/routes.hpp"
#include "auth/routes.hpp"
#include "modules/access/module.hpp"
#include "modules/cases/module.hpp"
#include "modules/committees/module.hpp"
#include "modules/covenant/module.hpp"
#include "modules/deliberation/module.hpp"
#include "modules/elections/module.hpp"
#include "modules/elevators/module.hpp"
#include "modules/engagement/module.hpp"
#include "modules/epidemic/epidemic.hpp"
#include "modules/epidemic/module.hpp"
#include "modules/governance/module.hpp"
#include "modules/imports/module.hpp"
#include "modules/media/module.hpp"
#include "modules/mediation/module.hpp"
#include "modules/notifications/module.hpp"
#include "modules/open311/module.hpp"
#include "modules/org/module.hpp"
#include "modules/people/module.hpp"
#include "modules/privacy/module.hpp"
#include "modules/property/module.hpp"
#include "modules/residents/module.hpp"
#include "modules/voting/module.hpp"

namespace weizhi::store {
std::vector<Migration> foundation_migrations();
}

namespace weizhi::app {

namespace {

// The cases module with the routers of the modules that take a new case first: an observation point's staff for
// its households' help requests, the company holding its task.
modules::Module routed_cases() { return cases::module({epidemic::case_router(), property::case_router()}); }

}  // namespace

const std::vector<modules::Module>& all_modules() {
  // Seeds run in this order: accounts right after the tree, so later seeds can link them to people.
  static const std::vector<modules::Module> modules{
      ops_module(),         org::module(),        auth::module({residents::phone_sign_in()}),
      people::module(),     governance::module(), notifications::module(),
      imports::module(),    voting::module(),     committees::module(),
      elections::module(),  media::module(),      covenant::module(),
      routed_cases(),       open311::module(),    deliberation::module(),
      elevators::module(),  mediation::module(),  property::module(),
      residents::module(),  privacy::module(),    access::module(epidemic::observations_active),
      engagement::module(), epidemic::module(),   audit::module(),
      today_module(),       publicity_module(),   report_module(),
      map_module()};
  return modules;
}

std::vector<store::Migration> all_migrations() {
  auto migrations = store::foundation_migrations();
  for (const auto& module : all_modules()) {
    if (!module.migrations) continue;
    auto own = module.migrations();
    migrations.insert(migrations.end(), own.begin(), own.end());
  }
  return migrations;
}

int prepare_database(store::Db& db) {
  int applied = store::apply_migrations(db, all_migrations());
  for (const auto& module : all_modules()) {
    if (module.prepare) db.transaction(module.prepare);
  }
  bring_grants_in_line(db, all_modules());
  return applied;
}

}  // namespace weizhi::app
