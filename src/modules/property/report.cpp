// The property module's part of the monthly report: each community's income, costs and the street's subsidy in
// the month, from its ledger.
#include "modules/property/ledger_rules.hpp"
#include "modules/property/ledger_store.hpp"
#include "modules/property/module.hpp"

namespace weizhi::property {

std::vector<modules::ReportSection> report_sections(const modules::ReportAsk& ask) {
  auto communities = communities_under(ask.connection, ask.node_path);
  if (communities.empty()) return {};  // a compound or below keeps no ledger of its own
  auto sums = month_sums_under(ask.connection, ask.node_path, year_of(ask.month));
  auto fen = [](std::int64_t value) { return modules::ReportValue{value}; };
  LedgerFigures total;
  std::int64_t without_subsidy = 0;
  modules::ReportTable by_community{"各社区收支", {"社区", "收入（分）", "支出（分）", "街道补贴（分）"}, {}};
  for (const auto& community : communities) {
    const auto& months = sums[community.id];
    auto found = months.find(ask.month);
    LedgerFigures figures = month_figures(found == months.end() ? MonthSums{} : found->second);
    add_figures(total, figures);
    if (figures.subsidy_fen == 0) ++without_subsidy;
    by_community.rows.push_back(
        {community.name, fen(figures.income_fen), fen(figures.costs_fen), fen(figures.subsidy_fen)});
  }
  return {{"property.ledger",
           "社区收支与街道补贴",
           {{"条线经费拨付", fen(total.sums.funding_fen), "分"},
            {"自营收入", fen(total.sums.revenue_fen), "分"},
            {"社区支出", fen(total.costs_fen), "分"},
            {"街道补贴", fen(total.subsidy_fen), "分"},
            {"无需补贴的社区", fen(without_subsidy), "个"}},
           {by_community}}};
}

}  // namespace weizhi::property
