// Messages of the monthly evaluation (see evaluation_notices.hpp): Chinese text for inboxes and group robots.
#include "modules/property/evaluation_notices.hpp"

#include <map>
#include <set>
#include <utility>
#include <vector>

#include "audit/audit.hpp"
#include "core/tree_path.hpp"
#include "modules/notifications/notifications.hpp"
#include "modules/property/evaluation_due.hpp"
#include "modules/property/evaluation_store.hpp"
#include "modules/property/module.hpp"
#include "modules/property/store.hpp"

namespace weizhi::property {

namespace {

std::string month_link(const ContractMonth& at) {
  return "/property/evaluations/" + std::to_string(at.contract.id) + "/" + at.month;
}

// Those the month's result concerns beside the street: the compound's committee members and the company's staff.
std::vector<std::int64_t> month_audience(store::Tx& tx, const ContractMonth& at) {
  auto ids = role_holders_under(tx.connection(), "committee_member", at.compound.path, tx.now());
  for (std::int64_t id : staff_serving(tx.connection(), at.contract.terms.company_id, at.compound.path, tx.now())) {
    ids.push_back(id);
  }
  return ids;
}

notifications::Entity evaluation_entity(std::int64_t id) { return {"property_evaluation", id}; }

std::string month_label(const ContractMonth& at) { return "（" + at.month + "，" + at.compound.name + "）"; }

}  // namespace

void notify_published(store::Tx& tx, const ContractMonth& at, std::int64_t evaluation_id,
                      const EvaluationResult& result) {
  std::string score = result.score ? score_text(*result.score) + " 分" : "无（没有计分的考核表）";
  std::string body = "得分 " + score + "，" + code_of(kOutcomeNames, result.outcome) + "；本月服务费 " +
                     yuan_text(result.total_fen) + "（基础 " + yuan_text(result.total_fen - result.performance_fen) +
                     "，绩效 " + yuan_text(result.performance_fen) + "）。";
  if (result.incomplete) body += "有考核方未提交考核表，按已提交的考核表计分。";
  notifications::notify(tx, month_audience(tx, at),
                        {"property.evaluation.published", "物业月度考核结果已公布" + month_label(at), body,
                         month_link(at), at.compound.id, evaluation_entity(evaluation_id)});
}

void notify_withdrawn(store::Tx& tx, const ContractMonth& at, std::int64_t evaluation_id, const std::string& reason) {
  notifications::notify(tx, month_audience(tx, at),
                        {"property.evaluation.withdrawn", "物业月度考核结果已撤回" + month_label(at),
                         "街道已重新打开该月考核，此前公布的结果撤回，重新结账后另行公布。原因：" + reason,
                         month_link(at), at.compound.id, evaluation_entity(evaluation_id)});
}

std::int64_t remind_sheets_due(store::Tx& tx, const std::string& today) {
  auto due_now = [&](const std::string& due_on) { return reminder_day(due_on, today).has_value(); };
  // Each account's outermost scopes per party, so that a contract is counted once for them.
  std::map<std::pair<std::int64_t, Evaluator>, std::vector<std::string>> scopes;
  for (const auto& scope : evaluator_scopes(tx.connection(), tx.now())) {
    auto& paths = scopes[{scope.user_id, scope.party}];
    bool inside = false;
    for (const auto& path : paths) inside = inside || path_within(scope.path, path);
    if (inside) continue;
    std::erase_if(paths, [&](const std::string& path) { return path_within(path, scope.path); });
    paths.push_back(scope.path);
  }
  // One message per account and month, over all its parties and scopes.
  std::map<std::pair<std::int64_t, std::string>, SheetsToFill> owed;
  for (const auto& [key, paths] : scopes) {
    for (const auto& path : paths) {
      for (const auto& month : sheets_to_fill(tx.connection(), path, key.second, today, due_now)) {
        auto& total = owed[{key.first, month.month}];
        total.month = month.month;
        total.due_on = month.due_on;
        total.missing += month.missing;
      }
    }
  }
  std::set<std::int64_t> told;
  for (const auto& [key, month] : owed) {
    bool eve = reminder_day(month.due_on, today) == ReminderDay::Eve;
    std::string when = eve ? "明日" : "今日";
    notifications::notify(
        tx, {key.first},
        {"property.evaluation.sheet_reminder", "物业月度考核表" + when + "截止（" + month.month + "）",
         "您还有 " + std::to_string(month.missing) + " 份 " + month.month + " 的物业月度考核表未填写，" + when + "（" +
             month.due_on + "）24 时截止，请及时填写。",
         sheets_link(month.month), std::nullopt});
    told.insert(key.first);
  }
  return static_cast<std::int64_t>(told.size());
}

modules::Job sheet_reminder_job() {
  return modules::Job{
      "property.evaluation.reminders", [](TimePoint now) { return street_date(now); },
      [](store::Tx& tx, const std::string& today) {
        std::int64_t told = remind_sheets_due(tx, today);
        if (told == 0) return;
        audit::record(tx, "system", "property.evaluation.remind", "property", {{"day", today}, {"people", told}});
      }};
}

}  // namespace weizhi::property
