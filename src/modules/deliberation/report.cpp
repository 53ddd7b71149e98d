// The deliberation module's part of the monthly report: topics raised in the month and where they
// stand, resolutions published, and the actions carrying resolutions out, done or late.
#include "modules/deliberation/module.hpp"
#include "modules/deliberation/rules.hpp"
#include "modules/org/org.hpp"

namespace weizhi::deliberation {

std::vector<modules::ReportSection> report_sections(const modules::ReportAsk& ask) {
  using modules::joined;
  store::Connection& connection = ask.connection;
  const auto under = org::subtree_params(ask.node_path);
  const std::string topics = " FROM deliberation_topics t JOIN org_nodes c ON c.id = t.compound_node_id WHERE " +
                             org::subtree_condition(connection.dialect(), "c.path");
  auto count = [](std::int64_t value) { return modules::ReportValue{value}; };

  modules::ReportTable raised{"本月提出的议题", {"议题", "小区", "当前阶段"}, {}};
  for (const auto& row : connection.query(
           "SELECT t.title, c.name, t.step" + topics + " AND t.created_at >= ? AND t.created_at < ? ORDER BY t.id",
           joined({under, ask.moments()}))) {
    auto step = parse_code(kSteps, row.text(2));
    raised.rows.push_back({row.text(0), row.text(1), step ? code_of(kStepLabels, *step) : row.text(2)});
  }
  std::int64_t resolved = connection.scalar(
      "SELECT COUNT(*) FROM deliberation_resolutions r JOIN deliberation_topics t ON t.id = r.topic_id "
      "JOIN org_nodes c ON c.id = t.compound_node_id WHERE " +
          org::subtree_condition(connection.dialect(), "c.path") + " AND r.published_at >= ? AND r.published_at < ?",
      joined({under, ask.moments()}));
  const std::string actions =
      " FROM deliberation_actions a JOIN deliberation_topics t ON t.id = a.topic_id "
      "JOIN org_nodes c ON c.id = t.compound_node_id WHERE " +
      org::subtree_condition(connection.dialect(), "c.path");
  std::int64_t done = connection.scalar("SELECT COUNT(*)" + actions + " AND a.done_on >= ? AND a.done_on < ?",
                                        joined({under, ask.days()}));
  // Due by the month's end and not done within it: late when the report is read after the month.
  std::int64_t undone =
      connection.scalar("SELECT COUNT(*)" + actions + " AND a.due_on < ? AND (a.done_on IS NULL OR a.done_on >= ?)",
                        joined({under, {ask.day_after, ask.day_after}}));
  return {{"deliberation.topics",
           "协商议事",
           {{"提出议题", count(static_cast<std::int64_t>(raised.rows.size())), "项"},
            {"公布决议", count(resolved), "项"},
            {"落实事项完成", count(done), "项"},
            {"到期未完成的落实事项", count(undone), "项"}},
           {raised}}};
}

}  // namespace weizhi::deliberation
