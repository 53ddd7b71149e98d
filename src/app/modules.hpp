// The list of capabilities the binary carries, in the order their seeds run.
#pragma once
#include <iterator>
#include <type_traits>
#include <vector>

#include "modules/module.hpp"

namespace weizhi::app {

const std::vector<modules::Module>& all_modules();
// What every module answers to `ask` through its hook `hook` (today, publicity, report), one list in the
// order of all_modules(); a module without the hook adds nothing.
template <class Hook, class Ask>
std::invoke_result_t<const Hook&, const Ask&> answers_of(Hook modules::Module::*hook, const Ask& ask) {
  std::invoke_result_t<const Hook&, const Ask&> answers;
  for (const auto& module : all_modules()) {
    const Hook& answer = module.*hook;
    if (!answer) continue;
    auto own = answer(ask);
    answers.insert(answers.end(), std::make_move_iterator(own.begin()), std::make_move_iterator(own.end()));
  }
  return answers;
}
// Every migration: the foundation's and each module's.
std::vector<store::Migration> all_migrations();
// Applies the pending migrations, then brings role_permissions in line with the modules' grants
// (app/grants.hpp); returns how many migrations were applied.
int prepare_database(store::Db& db);

}  // namespace weizhi::app
