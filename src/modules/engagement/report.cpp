// The engagement module's part of the monthly report: the events held in the month under the node,
// the sign-ups they had and how many came, by kind.
#include <map>

#include "modules/engagement/module.hpp"
#include "modules/engagement/rules.hpp"
#include "modules/org/org.hpp"

namespace weizhi::engagement {

std::vector<modules::ReportSection> report_sections(const modules::ReportAsk& ask) {
  store::Connection& connection = ask.connection;
  struct Figures {
    std::int64_t events = 0;
    std::int64_t signups = 0;
    std::int64_t attended = 0;
  };
  std::map<std::string, Figures> by_kind;
  Figures total;
  // Events not called off; sign-ups that held a place (cancelled and still waiting ones did not) and those
  // checked in.
  for (const auto& row :
       connection.query("SELECT e.kind, COUNT(DISTINCT e.id), COUNT(s.id), COUNT(s.checked_in_at) FROM events e "
                        "JOIN org_nodes n ON n.id = e.node_id "
                        "LEFT JOIN event_signups s ON s.event_id = e.id AND s.status = 'confirmed' WHERE " +
                            org::subtree_condition(connection.dialect(), "n.path") +
                            " AND e.starts_at >= ? AND e.starts_at < ? AND e.cancelled_at IS NULL GROUP BY e.kind",
                        modules::joined({org::subtree_params(ask.node_path), ask.moments()}))) {
    Figures figures{row.i64(1), row.i64(2), row.i64(3)};
    by_kind[row.text(0)] = figures;
    total.events += figures.events;
    total.signups += figures.signups;
    total.attended += figures.attended;
  }
  auto count = [](std::int64_t value) { return modules::ReportValue{value}; };
  std::vector<modules::ReportFigure> figures{{"举办活动", count(total.events), "场"},
                                             {"报名成功", count(total.signups), "人次"},
                                             {"签到参加", count(total.attended), "人次"},
                                             {"到场率", modules::percent(total.attended, total.signups), "%"}};
  modules::ReportTable table{"按活动类型", {"类型", "场次", "报名", "签到"}, {}};
  for (Kind kind : kinds()) {
    auto found = by_kind.find(code_of(kEventKinds, kind));
    if (found == by_kind.end()) continue;
    table.rows.push_back({code_of(kEventKindNames, kind), count(found->second.events), count(found->second.signups),
                          count(found->second.attended)});
  }
  return {{"engagement.events", "活动预约", std::move(figures), {table}}};
}

}  // namespace weizhi::engagement
