// What the covenant puts up for public view: a compound's covenant newly adopted by its owners, for a week from the
// day it was adopted (docs/rules.md#h-result-publicity), to the compound's residents.
#include "modules/covenant/module.hpp"
#include "modules/covenant/store.hpp"
#include "modules/org/org.hpp"

namespace weizhi::covenant {

std::vector<modules::PublicityItem> publicity_items(const modules::PublicityAsk& ask) {
  std::vector<modules::PublicityItem> items;
  std::string since = modules::days_after(ask.today, 1 - modules::kDecisionPublicityDays);
  for (const auto& version : versions_adopted_since(ask.connection, since)) {
    if (!version.adopted_on) continue;
    std::string ends_on = modules::days_after(*version.adopted_on, modules::kDecisionPublicityDays - 1);
    if (!ask.current(*version.adopted_on, ends_on)) continue;
    auto compound = org::find_node(ask.connection, version.compound_node_id);
    if (!compound || !ask.reaches(compound->path)) continue;
    items.push_back({.module = "covenant",
                     .kind = "covenant.adopted",
                     .title = "管理规约公示：" + version.title,
                     .node_id = version.compound_node_id,
                     .node_name = version.compound_name,
                     .starts_on = *version.adopted_on,
                     .ends_on = ends_on,
                     .link = "/covenant",
                     .console_link = "/covenant"});
  }
  return items;
}

}  // namespace weizhi::covenant
