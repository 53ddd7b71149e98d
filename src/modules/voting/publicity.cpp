// What voting puts up for public view: the result of each published vote, for a week from the day it was
// published (docs/rules.md#h-result-publicity), to the compound whose owners voted.
#include <map>

#include "modules/org/org.hpp"
#include "modules/voting/module.hpp"
#include "modules/voting/store.hpp"

namespace weizhi::voting {

std::vector<modules::PublicityItem> publicity_items(const modules::PublicityAsk& ask) {
  std::vector<modules::PublicityItem> items;
  // Published on a street day at most a week ago: a day more in UTC covers the street's eight hours ahead.
  std::string since = modules::days_after(ask.today, -modules::kDecisionPublicityDays);
  std::map<std::int64_t, std::optional<org::Node>> compounds;
  for (const auto& vote : votes_published_since(ask.connection, since)) {
    auto published = parse_iso(vote.published_at.value_or(""));
    if (!published) continue;
    std::string starts_on = street_date(*published);
    std::string ends_on = modules::days_after(starts_on, modules::kDecisionPublicityDays - 1);
    if (!ask.current(starts_on, ends_on)) continue;
    std::int64_t compound_id = vote.input.compound_node_id;
    if (!compounds.count(compound_id)) compounds[compound_id] = org::find_node(ask.connection, compound_id);
    const auto& compound = compounds[compound_id];
    if (!compound || !ask.reaches(compound->path)) continue;
    std::string id = std::to_string(vote.id);
    items.push_back({.module = "voting",
                     .kind = "voting.result",
                     .title = "表决结果公示：" + vote.input.title,
                     .node_id = compound_id,
                     .node_name = compound->name,
                     .starts_on = starts_on,
                     .ends_on = ends_on,
                     .link = "/votes/" + id,
                     .console_link = "/votes/" + id + "/result-sheet"});
  }
  return items;
}

}  // namespace weizhi::voting
