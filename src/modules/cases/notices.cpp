// Messages of the cases module (see notices.hpp): Chinese text for inboxes and group robots.
#include "modules/cases/notices.hpp"

#include <map>
#include <utility>

#include "core/code_table.hpp"
#include "modules/governance/governance.hpp"
#include "modules/notifications/notifications.hpp"

namespace weizhi::cases {

namespace {

// Who a case is escalated to, as the notices name them; none for EscalationLevel::None.
constexpr CodeTable<EscalationLevel> kLevelNames = {{EscalationLevel::Commissioner, "小区专员"},
                                                    {EscalationLevel::TripartiteDirector, "三方办主任"},
                                                    {EscalationLevel::CommunitySecretary, "社区书记"},
                                                    {EscalationLevel::Street, "街道"}};

// Above this many escalations of one compound to one level in a run, they are told as one digest.
constexpr std::size_t kEscalationsTold = 3;

std::string case_link(std::int64_t id) { return "/cases/" + std::to_string(id); }

notifications::Entity case_entity(std::int64_t id) { return {"case", id}; }

std::string case_label(std::int64_t id, const std::string& item_name) {
  return "案件 #" + std::to_string(id) + "「" + item_name + "」";
}

}  // namespace

void notify_escalations(store::Tx& tx, const std::vector<EscalationRecord>& records) {
  // One group per compound and level: its holder is looked up once, and a backlog (the first run
  // after an import) becomes one digest instead of a flood of messages.
  std::map<std::pair<std::int64_t, EscalationLevel>, std::vector<const EscalationRecord*>> groups;
  for (const auto& record : records) groups[{record.compound_node_id, record.level}].push_back(&record);
  for (const auto& [key, group] : groups) {
    const auto& [compound_id, level] = key;
    auto target = governance::escalation_target(tx.connection(), compound_id, level, tx.now());
    std::string who = code_of(kLevelNames, level);
    if (!target.person_name.empty()) who += target.person_name;
    // A missing link is said aloud: the robot's group sees that nobody holds it.
    if (level != EscalationLevel::Street && !target.person_id) who += "（暂缺，请补齐责任链）";
    if (group.size() > kEscalationsTold) {
      std::string count = std::to_string(group.size());
      notifications::notify(tx, target.user_ids,
                            {"case.escalated", "逾期上报：" + count + " 件案件",
                             count + " 件案件已超过办结时限，按责任链上报至" + who + "，请督办。",
                             "/cases?tab=escalated&node=" + std::to_string(compound_id), compound_id});
      continue;
    }
    for (const auto* record : group) {
      std::string label = case_label(record->case_id, record->item_name);
      notifications::notify(
          tx, target.user_ids,
          {"case.escalated", "逾期上报：" + label, label + " 已超过办结时限，按责任链上报至" + who + "，请督办。",
           case_link(record->case_id), compound_id, case_entity(record->case_id)});
    }
  }
}

void notify_transition(store::Tx& tx, const Case& after, State to) {
  std::string label = case_label(after.id, after.item_name);
  if ((to == State::Assigned || to == State::Transferred) && after.assignee_user_id) {
    notifications::notify(tx, {*after.assignee_user_id},
                          {"case.assigned", "新派案件：" + label,
                           after.compound_name + " " + label + "已派给您办理，办结时限 " + after.resolve_due_at + "。",
                           case_link(after.id), std::nullopt, case_entity(after.id)});
    return;
  }
  if (!after.input.reporter_user_id) return;
  std::string body;
  if (to == State::Resolved) body = "您反映的问题已处理完毕，请查看并评价。";
  if (to == State::Returned) body = "您反映的问题已退回，退回说明请在案件记录中查看。";
  if (to == State::ClosedNotFixed) body = "您反映的问题已办结但未能解决，原因：" + after.close_reason.value_or("");
  if (body.empty()) return;
  notifications::notify(
      tx, {*after.input.reporter_user_id},
      {"case.outcome", label, body, "/m/cases/" + std::to_string(after.id), std::nullopt, case_entity(after.id)});
}

void notify_routed(store::Tx& tx, const Case& routed, const std::vector<std::int64_t>& user_ids,
                   const std::string& reason) {
  if (user_ids.empty()) return;
  std::string label = case_label(routed.id, routed.item_name);
  notifications::notify(tx, user_ids,
                        {"case.routed", "新案件：" + label,
                         routed.compound_name + " " + label + "：" + reason + "，已派给本单位承办人办理，办结时限 " +
                             routed.resolve_due_at + "。",
                         case_link(routed.id), std::nullopt, case_entity(routed.id)});
}

void notify_assigned_in_bulk(store::Tx& tx, std::int64_t assignee_user_id, const std::vector<std::int64_t>& case_ids) {
  std::string numbers;
  for (std::size_t i = 0; i < case_ids.size() && i < 20; ++i)
    numbers += (i ? "、#" : "#") + std::to_string(case_ids[i]);
  if (case_ids.size() > 20) numbers += " 等";
  notifications::notify(tx, {assignee_user_id},
                        {"case.assigned", "批量派单：" + std::to_string(case_ids.size()) + " 件案件",
                         "以下案件已派给您办理：" + numbers + "。", "/cases?tab=mine", std::nullopt});
}

void notify_pre_tasks(store::Tx& tx, const std::vector<PreTask>& tasks) {
  for (const auto& task : tasks) {
    auto commissioner =
        governance::escalation_target(tx.connection(), task.compound_node_id, EscalationLevel::Commissioner, tx.now());
    notifications::notify(tx, commissioner.user_ids,
                          {"case.pre_task", "事前介入：" + case_label(task.case_id, task.item_name),
                           "按街道计划生成事前介入任务" + case_label(task.case_id, task.item_name) + "，请安排落实。",
                           case_link(task.case_id), task.compound_node_id, case_entity(task.case_id)});
  }
}

}  // namespace weizhi::cases
