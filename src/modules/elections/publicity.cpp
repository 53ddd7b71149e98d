// What elections put up for public view: a running election whose current step is a publicity step (the
// election and its duties, the approved candidates, the result: docs/rules.md#d-publicity), from the day the
// step opened to the period's last day, to the compound holding the election.
#include "modules/elections/module.hpp"
#include "modules/elections/rules.hpp"
#include "modules/elections/store.hpp"
#include "modules/org/org.hpp"

namespace weizhi::elections {

std::vector<modules::PublicityItem> publicity_items(const modules::PublicityAsk& ask) {
  std::vector<modules::PublicityItem> items;
  for (const auto& election : elections_under(ask.connection, "/")) {
    if (election.state != ElectionState::Running || !has_publicity(election.current_step)) continue;
    auto compound = org::find_node(ask.connection, election.compound_node_id);
    if (!compound || !ask.reaches(compound->path)) continue;
    for (const auto& step : steps_of(ask.connection, election.id)) {
      if (step.step != election.current_step || !step.publicity_ends_on) continue;
      auto opened = parse_iso(step.opened_at);
      if (!opened) continue;
      std::string starts_on = street_date(*opened);
      if (!ask.current(starts_on, *step.publicity_ends_on)) continue;
      std::string id = std::to_string(election.id);
      items.push_back({.module = "elections",
                       .kind = "elections.step" + std::to_string(step.step),
                       .title = election.step_names.at(step.step - 1) + "：" + election.title,
                       .node_id = election.compound_node_id,
                       .node_name = compound->name,
                       .starts_on = starts_on,
                       .ends_on = *step.publicity_ends_on,
                       .link = "/elections/" + id,
                       .console_link = "/elections/" + id});
    }
  }
  return items;
}

}  // namespace weizhi::elections
