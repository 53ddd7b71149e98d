// The mediation module's part of the monthly report: the disputes taken up in the month, by where
// they stand now and by category, with the share settled by agreement.
#include <map>

#include "core/code_table.hpp"
#include "modules/mediation/module.hpp"
#include "modules/mediation/rules.hpp"
#include "modules/org/org.hpp"

namespace weizhi::mediation {

namespace {

constexpr CodeTable<State> kStateNames = {{State::Open, "待调解"},
                                          {State::InMediation, "调解中"},
                                          {State::Agreed, "已达成协议"},
                                          {State::NotAgreed, "未达成协议"},
                                          {State::Withdrawn, "已撤回"}};

}  // namespace

std::vector<modules::ReportSection> report_sections(const modules::ReportAsk& ask) {
  store::Connection& connection = ask.connection;
  const std::string taken_up = " FROM mediations x JOIN org_nodes c ON c.id = x.compound_node_id WHERE " +
                               org::subtree_condition(connection.dialect(), "c.path") +
                               " AND x.created_at >= ? AND x.created_at < ?";
  const auto bound = modules::joined({org::subtree_params(ask.node_path), ask.moments()});
  std::map<State, std::int64_t> by_state;
  std::int64_t total = 0;
  for (const auto& row : connection.query("SELECT x.state, COUNT(*)" + taken_up + " GROUP BY x.state", bound)) {
    if (auto state = parse_code(kStates, row.text(0))) by_state[*state] = row.i64(1);
    total += row.i64(1);
  }
  auto count = [](std::int64_t value) { return modules::ReportValue{value}; };
  std::vector<modules::ReportFigure> figures{{"新受理纠纷", count(total), "件"}};
  for (const auto& [state, code] : kStateNames) figures.push_back({std::string(code), count(by_state[state]), "件"});
  Ratio rate = agreement_rate(by_state[State::Agreed], by_state[State::NotAgreed]);
  figures.push_back({"调解成功率", modules::percent(rate.num, rate.den), "%"});

  std::map<std::string, std::int64_t> by_code;
  for (const auto& row : connection.query("SELECT x.category, COUNT(*)" + taken_up + " GROUP BY x.category", bound)) {
    by_code[row.text(0)] = row.i64(1);
  }
  modules::ReportTable by_category{"按类别", {"类别", "件数"}, {}};
  for (const auto& category : categories()) {
    if (by_code.count(category.code))
      by_category.rows.push_back({std::string(category.name), count(by_code[category.code])});
  }
  return {{"mediation.outcomes", "矛盾纠纷调解", std::move(figures), {by_category}}};
}

}  // namespace weizhi::mediation
