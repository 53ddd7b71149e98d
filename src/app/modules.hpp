// The list of capabilities the binary carries, in the order their seeds run.
#pragma once
#include <vector>

#include "modules/module.hpp"

namespace weizhi::app {

const std::vector<modules::Module>& all_modules();
// Every migration: the foundation's and each module's.
std::vector<store::Migration> all_migrations();
// Applies the pending migrations, then brings role_permissions in line with the modules' grants
// (app/grants.hpp); returns how many migrations were applied.
int prepare_database(store::Db& db);

}  // namespace weizhi::app
