// What the privacy module adds to a person's work for today: residents' requests to correct the
// registry still waiting for an answer, one group per home compound, for those who keep the registry.
#include "modules/privacy/module.hpp"
#include "modules/privacy/store.hpp"

namespace weizhi::privacy {

std::vector<modules::TodayItem> today_items(const modules::TodayAsk& ask) {
  std::vector<modules::TodayItem> items;
  for (const auto& scope : ask.scopes_with("people.write")) {
    for (const auto& group : open_groups_under(ask.connection, scope.path)) {
      items.push_back({.kind = "privacy.correction",
                       .title = "答复居民的信息更正申请",
                       .node_id = group.home_node_id,
                       .node_name = group.home_name,
                       .link = "/privacy/corrections?node=" + std::to_string(group.home_node_id) + "&status=open",
                       .count = group.count});
    }
  }
  return items;
}

}  // namespace weizhi::privacy
