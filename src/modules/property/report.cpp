// The property module's part of the monthly report: each community's income, costs and the street's subsidy in the
// month, from its ledger; the month's evaluations as its close left them, the contracts on review; and how much of
// the compounds' work the companies took over from the social workers (物业增量、社区减负).
#include <map>
#include <set>

#include "modules/cases/cases.hpp"
#include "modules/org/org.hpp"
#include "modules/property/evaluation_store.hpp"
#include "modules/property/ledger_rules.hpp"
#include "modules/property/ledger_store.hpp"
#include "modules/property/module.hpp"
#include "modules/property/rules.hpp"
#include "modules/property/store.hpp"

namespace weizhi::property {

namespace {

modules::ReportValue count(std::int64_t value) { return modules::ReportValue{value}; }

std::optional<modules::ReportSection> ledger_section(const modules::ReportAsk& ask) {
  auto communities = communities_under(ask.connection, ask.node_path);
  if (communities.empty()) return std::nullopt;  // a compound or below keeps no ledger of its own
  auto sums = month_sums_under(ask.connection, ask.node_path, year_of(ask.month));
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
        {community.name, count(figures.income_fen), count(figures.costs_fen), count(figures.subsidy_fen)});
  }
  return modules::ReportSection{"property.ledger",
                                "社区收支与街道补贴",
                                {{"条线经费拨付", count(total.sums.funding_fen), "分"},
                                 {"自营收入", count(total.sums.revenue_fen), "分"},
                                 {"社区支出", count(total.costs_fen), "分"},
                                 {"街道补贴", count(total.subsidy_fen), "分"},
                                 {"无需补贴的社区", count(without_subsidy), "个"}},
                                {by_community}};
}

// The street's tasks the companies held at the month's end, and the service items those tasks cover.
struct PropertyHeld {
  std::int64_t tasks = 0;
  std::set<std::string> items;
};

PropertyHeld held_at_month_end(const modules::ReportAsk& ask) {
  PropertyHeld held;
  std::string month_end = last_day(ask.month);
  for (const auto& task : tasks_of_street(ask.connection, org::street_of(ask.node_path))) {
    if (holder_on(task, task_moves(ask.connection, task.id), month_end) != Holder::Property) continue;
    ++held.tasks;
    held.items.insert(task.input.service_items.begin(), task.input.service_items.end());
  }
  return held;
}

modules::ReportSection evaluation_section(const modules::ReportAsk& ask) {
  // The month's close: each contract's evaluation of the month, closed, by its outcome and pay.
  auto progress = month_progress(ask.connection, ask.month);
  std::map<EvaluationOutcome, std::int64_t> by_outcome;
  std::int64_t closed = 0;
  std::int64_t pay_fen = 0;
  for (const auto& contract : contracts_under(ask.connection, ask.node_path, std::nullopt, std::nullopt)) {
    const auto& evaluation = progress[contract.id].evaluation;
    if (!evaluation || !evaluation->closed) continue;
    Json result = Json::parse(*evaluation->result);
    ++closed;
    ++by_outcome[parse_code(kEvaluationOutcomes, result["outcome"].get<std::string>())
                     .value_or(EvaluationOutcome::NotEvaluated)];
    pay_fen += result["total_fen"].get<std::int64_t>();
  }
  // Reviews opened by the month's close (its month the second of the pair), and those open when the month ended.
  std::string month_end = iso_utc(ask.end);
  std::int64_t opened = 0;
  modules::ReportTable open_reviews{"月末未结的合同复核", {"小区", "第一个月", "第二个月"}, {}};
  for (const auto& review : reviews_under(ask.connection, ask.node_path)) {
    if (review.second_month == ask.month) ++opened;
    bool open_at_end = review.opened_at < month_end && (review.open || review.closed_at.value_or("") >= month_end);
    if (!open_at_end) continue;
    auto compound = org::find_node(ask.connection, review.compound_node_id);
    open_reviews.rows.push_back({compound ? compound->name : "", review.first_month, review.second_month});
  }
  // 物业增量、社区减负: the month's cases of items a task held by the companies covers, by who works them.
  PropertyHeld held = held_at_month_end(ask);
  std::int64_t cases = 0;
  std::int64_t by_company = 0;
  std::int64_t by_social_workers = 0;
  for (const auto& reported :
       cases::cases_reported(ask.connection, ask.node_path, iso_utc(ask.start), iso_utc(ask.end))) {
    if (!held.items.count(reported.item_code)) continue;
    ++cases;
    if (!reported.assignee_user_id) continue;
    // Whoever works it and is not linked to a company is the community's: its social workers and officials.
    if (company_of_user(ask.connection, *reported.assignee_user_id)) {
      ++by_company;
    } else {
      ++by_social_workers;
    }
  }
  std::vector<modules::ReportFigure> figures{{"考核结账合同", count(closed), "份"}};
  for (const auto& [outcome, name] :
       {std::pair{EvaluationOutcome::Full, "全额绩效"}, std::pair{EvaluationOutcome::Partial, "部分绩效"},
        std::pair{EvaluationOutcome::None, "未达起评分"}, std::pair{EvaluationOutcome::Vetoed, "一票否决"},
        std::pair{EvaluationOutcome::NotEvaluated, "无有效考核表"}}) {
    figures.push_back({name, count(by_outcome[outcome]), "份"});
  }
  figures.insert(figures.end(), {{"应付物业服务费", count(pay_fen), "分"},
                                 {"新开合同复核", count(opened), "个"},
                                 {"月末未结复核", count(static_cast<std::int64_t>(open_reviews.rows.size())), "个"},
                                 {"物业承接事务", count(held.tasks), "项"},
                                 {"物业承接事项的案件", count(cases), "件"},
                                 {"其中物业企业办理", count(by_company), "件"},
                                 {"其中社工办理", count(by_social_workers), "件"},
                                 {"其中尚未派单", count(cases - by_company - by_social_workers), "件"}});
  return {"property.evaluation", "物业月度考核与物业增量、社区减负", std::move(figures), {open_reviews}};
}

}  // namespace

std::vector<modules::ReportSection> report_sections(const modules::ReportAsk& ask) {
  std::vector<modules::ReportSection> sections;
  if (auto ledger = ledger_section(ask)) sections.push_back(std::move(*ledger));
  sections.push_back(evaluation_section(ask));
  return sections;
}

}  // namespace weizhi::property
