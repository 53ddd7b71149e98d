// The covenant module's part of the monthly report: violations reported and removed in the month,
// counted and measured, by compound.
#include "modules/covenant/module.hpp"
#include "modules/org/org.hpp"

namespace weizhi::covenant {

std::vector<modules::ReportSection> report_sections(const modules::ReportAsk& ask) {
  using modules::joined;
  store::Connection& connection = ask.connection;
  const auto under = org::subtree_params(ask.node_path);
  const auto month = ask.days();
  const std::string reported = "(v.reported_on >= ? AND v.reported_on < ?)";
  const std::string removed = "(v.state = 'removed' AND v.removed_on >= ? AND v.removed_on < ?)";
  auto sum_of = [](const std::string& condition, const char* what) {
    return "COALESCE(SUM(CASE WHEN " + condition + " THEN " + what + " ELSE 0 END), 0)";
  };
  const std::string figures = sum_of(reported, "1") + ", " + sum_of(reported, "v.area_centi_m2") + ", " +
                              sum_of(removed, "1") + ", " + sum_of(removed, "v.area_centi_m2");
  const std::string from = " FROM covenant_violations v JOIN org_nodes c ON c.id = v.compound_node_id WHERE " +
                           org::subtree_condition(connection.dialect(), "c.path") + " AND (" + reported + " OR " +
                           removed + ")";
  const auto bound = joined({month, month, month, month, under, month, month});
  auto count = [](std::int64_t value) { return modules::ReportValue{value}; };
  auto area = [](std::int64_t centi_m2) { return modules::ReportValue{static_cast<double>(centi_m2) / 100.0}; };

  auto totals = connection.query_one("SELECT " + figures + from, bound);
  modules::ReportTable by_compound{
      "按小区", {"小区", "新发现（处）", "新发现面积（m²）", "已拆除（处）", "拆除面积（m²）"}, {}};
  for (const auto& row :
       connection.query("SELECT c.name, " + figures + from + " GROUP BY c.id, c.name ORDER BY c.id", bound)) {
    by_compound.rows.push_back({row.text(0), count(row.i64(1)), area(row.i64(2)), count(row.i64(3)), area(row.i64(4))});
  }
  return {{"covenant.violations",
           "公约违规整治",
           {{"新发现违规", count(totals->i64(0)), "处"},
            {"新发现违规面积", area(totals->i64(1)), "m²"},
            {"已拆除", count(totals->i64(2)), "处"},
            {"拆除面积", area(totals->i64(3)), "m²"}},
           {by_compound}}};
}

}  // namespace weizhi::covenant
