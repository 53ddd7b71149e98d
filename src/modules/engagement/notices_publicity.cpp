// What engagement puts up for public view: its current notices and publicity items, to the residents they
// are for (owners' notices only to owners; staff notices never), and to staff asking about a node on their line.
#include "modules/engagement/module.hpp"
#include "modules/engagement/notices_rules.hpp"
#include "modules/engagement/notices_store.hpp"

namespace weizhi::engagement {

std::vector<modules::PublicityItem> notice_publicity(const modules::PublicityAsk& ask) {
  Reader reader;
  reader.today = ask.today;
  for (const auto& home : ask.homes) reader.homes.push_back({home.path, home.owner});
  std::vector<modules::PublicityItem> items;
  for (const auto& notice : current_notices(ask.connection, ask.today)) {
    if (ask.staff() ? !ask.reaches(notice.node_path) : !reader.fits(notice)) continue;
    std::string id = std::to_string(notice.id);
    items.push_back({.module = "engagement",
                     .kind = "engagement." + code_of(kNoticeKinds, notice.input.kind),
                     .title = notice.input.title,
                     .node_id = notice.input.node_id,
                     .node_name = notice.node_name,
                     .starts_on = notice.input.starts_on,
                     .ends_on = notice.input.ends_on,
                     .link = "/notices/" + id,
                     .console_link = "/engagement/notices/" + id});
  }
  return items;
}

}  // namespace weizhi::engagement
