// What elevators put up for public view: a project's design while it is publicised before approval
// (docs/rules.md#e-stages), on its own dates, to the unit the elevator is added to.
#include "modules/elevators/module.hpp"
#include "modules/elevators/store.hpp"
#include "modules/org/org.hpp"

namespace weizhi::elevators {

std::vector<modules::PublicityItem> publicity_items(const modules::PublicityAsk& ask) {
  std::vector<modules::PublicityItem> items;
  for (const auto& project : projects_under_way(ask.connection, "/")) {
    if (project.stage != Stage::Design || !project.publicity_starts_on || !project.publicity_ends_on) continue;
    if (!ask.current(*project.publicity_starts_on, *project.publicity_ends_on)) continue;
    auto unit = org::find_node(ask.connection, project.unit_id);
    if (!unit || !ask.reaches(unit->path)) continue;
    items.push_back({.module = "elevators",
                     .kind = "elevators.design",
                     .title = "加装电梯设计方案公示：" + project.title,
                     .node_id = project.unit_id,
                     .node_name = unit->name,
                     .starts_on = *project.publicity_starts_on,
                     .ends_on = *project.publicity_ends_on,
                     .link = "",
                     .console_link = "/elevators/projects/" + std::to_string(project.id)});
  }
  return items;
}

}  // namespace weizhi::elevators
