// The cases module's part of the monthly report: cases reported in the month by category and by
// compound, those resolved in it against their due time, and the month's ratings.
#include "modules/cases/module.hpp"
#include "modules/org/org.hpp"

namespace weizhi::cases {

namespace {

// The score from which GET /api/v1/stats/cases counts a rating as satisfied.
constexpr std::int64_t kSatisfiedScore = 4;

}  // namespace

std::vector<modules::ReportSection> report_sections(const modules::ReportAsk& ask) {
  using modules::joined;
  store::Connection& connection = ask.connection;
  const auto under = org::subtree_params(ask.node_path);
  const auto month = ask.moments();
  const std::string from =
      " FROM cases x JOIN case_items i ON i.id = x.item_id JOIN org_nodes c ON c.id = x.compound_node_id WHERE " +
      org::subtree_condition(connection.dialect(), "c.path");
  const std::string reported = "(x.reported_at >= ? AND x.reported_at < ?)";
  const std::string resolved = "(x.resolved_at >= ? AND x.resolved_at < ?)";
  const std::string on_time = "(" + resolved + " AND x.resolved_at <= x.resolve_due_at)";
  auto sum_of = [](const std::string& condition) {
    return "COALESCE(SUM(CASE WHEN " + condition + " THEN 1 ELSE 0 END), 0)";
  };
  auto count = [](std::int64_t value) { return modules::ReportValue{value}; };

  auto totals =
      connection.query_one("SELECT " + sum_of(reported) + ", " + sum_of(resolved) + ", " + sum_of(on_time) + from,
                           joined({month, month, month, under}));
  auto ratings = connection.query_one(
      "SELECT COUNT(*), " + sum_of("r.score >= ?") +
          " FROM case_ratings r JOIN cases x ON x.id = r.case_id JOIN org_nodes c ON c.id = x.compound_node_id WHERE " +
          org::subtree_condition(connection.dialect(), "c.path") + " AND r.created_at >= ? AND r.created_at < ?",
      joined({{kSatisfiedScore}, under, month}));
  std::int64_t resolved_count = totals->i64(1);
  std::int64_t on_time_count = totals->i64(2);

  modules::ReportTable by_category{"按分类", {"分类", "受理件数"}, {}};
  for (const auto& row : connection.query("SELECT i.category, COUNT(*)" + from + " AND " + reported +
                                              " GROUP BY i.category ORDER BY COUNT(*) DESC, i.category",
                                          joined({under, month}))) {
    by_category.rows.push_back({row.text(0), count(row.i64(1))});
  }
  modules::ReportTable by_compound{"按小区", {"小区", "受理件数", "办结件数", "按时办结件数"}, {}};
  for (const auto& row :
       connection.query("SELECT c.name, " + sum_of(reported) + ", " + sum_of(resolved) + ", " + sum_of(on_time) + from +
                            " AND (" + reported + " OR " + resolved + ") GROUP BY c.id, c.name ORDER BY c.id",
                        joined({month, month, month, under, month, month}))) {
    by_compound.rows.push_back({row.text(0), count(row.i64(1)), count(row.i64(2)), count(row.i64(3))});
  }
  return {{"cases.handling",
           "服务事项办理",
           {{"受理", count(totals->i64(0)), "件"},
            {"办结", count(resolved_count), "件"},
            {"按时办结", count(on_time_count), "件"},
            {"按时办结率", modules::percent(on_time_count, resolved_count), "%"},
            {"评价", count(ratings->i64(0)), "次"},
            {"满意（4–5 分）", count(ratings->i64(1)), "次"},
            {"满意率", modules::percent(ratings->i64(1), ratings->i64(0)), "%"}},
           {by_category, by_compound}}};
}

}  // namespace weizhi::cases
