// What the cases module adds to a person's work for today: overdue, unassigned and fixed-but-unchecked
// cases under each node where they may act on them, every open case assigned to them, and each of their
// own reports whose fix waits for their rating (the H5's case page is the link).
#include <string>

#include "modules/cases/cases.hpp"
#include "modules/cases/module.hpp"
#include "modules/cases/rules.hpp"

namespace weizhi::cases {

namespace {

constexpr std::int64_t kMineShown = 50;
constexpr std::int64_t kReportsLookedAt = 50;

struct Group {
  const char* kind;
  const char* permission;
  const char* action;      // what to do with them, before the count
  const char* list_query;  // the inbox's tab and state showing them
  CaseFilter filter;
};

std::vector<Group> groups() {
  return {
      {"cases.overdue", "cases.read", "督办逾期服务事项", "tab=overdue", CaseFilter{.overdue_only = true}},
      {"cases.unassigned", "cases.assign", "分派服务事项", "tab=unassigned", CaseFilter{.unassigned_only = true}},
      {"cases.to_verify", "cases.verify", "验收已办结服务事项", "tab=all&state=resolved",
       CaseFilter{.state = State::Resolved}},
  };
}

modules::TodayItem mine_item(const Case& record, TimePoint now) {
  TimePoint response_due = parse_iso(record.response_due_at).value_or(now);
  TimePoint resolve_due = parse_iso(record.resolve_due_at).value_or(now);
  std::string where = record.compound_name + (record.input.address.empty() ? "" : " " + record.input.address);
  return {.kind = record.reopened ? "cases.reopened" : "cases.mine",
          .title = std::string(record.reopened ? "重新办理：" : "办理：") + record.item_name + "（" + where + "）",
          .node_id = record.input.compound_node_id,
          .node_name = record.compound_name,
          .due_at = resolve_due,
          .overdue = is_overdue(record.state, response_due, resolve_due, now),
          .link = "/cases/" + std::to_string(record.id)};
}

modules::TodayItem rate_item(const Case& record) {
  return {.kind = "cases.rate",
          .title = "评价：" + record.item_name + "（" + record.compound_name + "）",
          .node_id = record.input.compound_node_id,
          .node_name = record.compound_name,
          .link = "/cases/" + std::to_string(record.id)};
}

}  // namespace

std::vector<modules::TodayItem> today_items(const modules::TodayAsk& ask) {
  std::vector<modules::TodayItem> items;
  for (const auto& group : groups()) {
    for (const auto& scope : ask.scopes_with(group.permission)) {
      std::int64_t count = count_cases(ask.connection, scope.path, group.filter, ask.now);
      if (count == 0) continue;
      items.push_back({.kind = group.kind,
                       .title = std::string(group.action) + "（" + std::to_string(count) + " 件）",
                       .node_id = scope.node_id,
                       .node_name = scope.name,
                       .overdue = group.filter.overdue_only,
                       .link = "/cases?node=" + std::to_string(scope.node_id) + "&" + group.list_query,
                       .count = count});
    }
  }
  CaseFilter assigned_to_me{.assignee_user_id = ask.caller.user_id, .limit = kMineShown};
  for (const auto& record : list_cases(ask.connection, "", assigned_to_me, ask.now)) {
    if (is_open(record.state)) items.push_back(mine_item(record, ask.now));
  }
  CaseFilter reported_by_me{.reporter_user_id = ask.caller.user_id, .limit = kReportsLookedAt};
  for (const auto& record : list_cases(ask.connection, "", reported_by_me, ask.now)) {
    if (awaiting_rating(record)) items.push_back(rate_item(record));
  }
  return items;
}

}  // namespace weizhi::cases
