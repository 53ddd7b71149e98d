// Pure rules of cases (see rules.hpp): the transition table is data, one row per allowed step.
#include "modules/cases/rules.hpp"

#include <algorithm>
#include <chrono>

#include "core/code_table.hpp"
#include "core/error.hpp"
#include "core/text.hpp"

namespace weizhi::cases {

namespace {

struct Step {
  State from;
  State to;
  const char* permission;
};

constexpr const char* kAccept = "cases.accept";
constexpr const char* kAssign = "cases.assign";
constexpr const char* kResolve = "cases.resolve";
constexpr const char* kVerify = "cases.verify";
constexpr const char* kClose = "cases.close";

constexpr Step kSteps[] = {
    {State::Reported, State::Accepted, kAccept},        {State::Reported, State::Returned, kAccept},
    {State::Reported, State::Duplicate, kAccept},       {State::Reported, State::ClosedNotFixed, kClose},
    {State::Accepted, State::Assigned, kAssign},        {State::Accepted, State::Returned, kAccept},
    {State::Accepted, State::Duplicate, kAccept},       {State::Accepted, State::ClosedNotFixed, kClose},
    {State::Assigned, State::InProgress, kResolve},     {State::Assigned, State::Transferred, kAssign},
    {State::Assigned, State::ClosedNotFixed, kClose},   {State::Transferred, State::InProgress, kResolve},
    {State::Transferred, State::Assigned, kAssign},     {State::Transferred, State::ClosedNotFixed, kClose},
    {State::InProgress, State::Resolved, kResolve},     {State::InProgress, State::Transferred, kAssign},
    {State::InProgress, State::ClosedNotFixed, kClose}, {State::Resolved, State::Verified, kVerify},
    {State::Resolved, State::InProgress, kVerify},      {State::Verified, State::Closed, kClose},
    {State::Returned, State::Accepted, kAccept},
};

bool is_code(const std::string& text) {
  return !text.empty() && text.size() <= 40 && std::all_of(text.begin(), text.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
  });
}

// A node of `kind` in the compound: 404 when there is none, 422 naming the field when it lies elsewhere.
void check_inside(const std::optional<org::Node>& node, org::NodeKind kind, const org::Node& compound,
                  const std::string& field, const std::string& what) {
  if (!node || node->kind != kind) fail_not_found("找不到该" + what);
  if (node->path.rfind(compound.path, 0) != 0) fail_unprocessable("该" + what + "不在本小区", field);
}

}  // namespace

EscalationLevel escalation_level(State state, TimePoint resolve_due_at, std::int64_t resolution_days, TimePoint now) {
  if (!resolution_overdue(state, resolve_due_at, now) || resolution_days < 1) return EscalationLevel::None;
  std::int64_t missed = (now - resolve_due_at) / std::chrono::hours(24 * resolution_days);
  return governance::escalation_after(missed + 1);
}

StateType state_type(State state) {
  switch (state) {
    case State::Resolved:
    case State::Verified:
      return StateType::Fixed;
    case State::Closed:
    case State::Returned:
    case State::Duplicate:
    case State::ClosedNotFixed:
      return StateType::Closed;
    default:
      return StateType::Open;
  }
}

bool is_open(State state) { return state_type(state) == StateType::Open; }

void check_item(const Item& item) {
  if (!is_code(item.code)) fail_invalid("code", "事项代码应为 1 至 40 个小写字母、数字、下划线或连字符");
  check_text(item.name, 100, "name", "请填写事项名称（不超过 100 字节）");
  check_text(item.category, 40, "category", "请填写事项类别（不超过 40 字节）");
  if (item.response_hours < 1 || item.response_hours > 720)
    fail_invalid("response_hours", "响应时限应为 1 至 720 小时");
  if (item.resolution_days < 1 || item.resolution_days > 365)
    fail_invalid("resolution_days", "办结时限应为 1 至 365 天");
  check_pre_schedule(item.pre, item.pre_schedule);
}

void check_pre_schedule(bool pre, const std::vector<std::string>& month_days) {
  if (month_days.empty()) return;
  if (!pre) fail_invalid("pre_schedule", "只有适用事前介入的事项可以设置计划日期");
  if (month_days.size() > 12) fail_invalid("pre_schedule", "计划日期最多 12 个");
  for (std::size_t i = 0; i < month_days.size(); ++i) {
    const std::string& day = month_days[i];
    // 2025 is not a leap year, so 02-29 is refused: a task must come every year.
    if (day.size() != 5 || !parse_date("2025-" + day)) {
      fail_invalid("pre_schedule[" + std::to_string(i) + "]", "计划日期应为 MM-DD，如 05-01");
    }
    if (std::find(month_days.begin(), month_days.begin() + static_cast<std::ptrdiff_t>(i), day) !=
        month_days.begin() + static_cast<std::ptrdiff_t>(i)) {
      fail_invalid("pre_schedule[" + std::to_string(i) + "]", "计划日期 " + day + " 重复");
    }
  }
}

bool pre_task_due(const Item& item, const std::string& street_day) {
  if (!item.active || !item.pre || street_day.size() != 10) return false;
  std::string month_day = street_day.substr(5);
  return std::find(item.pre_schedule.begin(), item.pre_schedule.end(), month_day) != item.pre_schedule.end();
}

std::optional<std::string> transition_permission(State from, State to) {
  for (const auto& step : kSteps) {
    if (step.from == from && step.to == to) return std::string(step.permission);
  }
  return std::nullopt;
}

std::string check_transition(State from, State to) {
  auto permission = transition_permission(from, to);
  if (!permission)
    fail_conflict("案件当前状态为 " + code_of(kStates, from) + "，不能转为 " + code_of(kStates, to), "to");
  return *permission;
}

std::vector<std::string> permissions_into(State to) {
  std::vector<std::string> permissions;
  for (const auto& step : kSteps) {
    if (step.to == to && std::find(permissions.begin(), permissions.end(), step.permission) == permissions.end()) {
      permissions.emplace_back(step.permission);
    }
  }
  if (permissions.empty()) fail_invalid("to", "案件不能转为 " + code_of(kStates, to));
  return permissions;
}

void check_verifier(bool holds_property_role, bool is_assignee) {
  if (holds_property_role) fail_forbidden("物业不能验收自己承办的工作");
  if (is_assignee) fail_forbidden("承办人不能验收自己办理的案件");
}

TimePoint response_due(TimePoint reported_at, std::int64_t response_hours) {
  return reported_at + std::chrono::hours(response_hours);
}

std::string resolve_due_on(TimePoint reported_at, std::int64_t resolution_days) {
  auto report_day = parse_date(street_date(reported_at));
  return date_text(
      std::chrono::year_month_day{std::chrono::sys_days(*report_day) + std::chrono::days(resolution_days)});
}

std::string due_day_ending(TimePoint day_end) {
  auto next_day = parse_date(street_date(day_end));
  return date_text(std::chrono::year_month_day{std::chrono::sys_days(*next_day) - std::chrono::days(1)});
}

TimePoint resolve_due(TimePoint reported_at, std::int64_t resolution_days) {
  return *street_day_end(resolve_due_on(reported_at, resolution_days));
}

bool response_overdue(State state, TimePoint response_due_at, TimePoint now) {
  return state == State::Reported && now > response_due_at;
}

bool resolution_overdue(State state, TimePoint resolve_due_at, TimePoint now) {
  return is_open(state) && now > resolve_due_at;
}

bool is_overdue(State state, TimePoint response_due_at, TimePoint resolve_due_at, TimePoint now) {
  return response_overdue(state, response_due_at, now) || resolution_overdue(state, resolve_due_at, now);
}

void check_rating(std::int64_t score, const std::string& comment) {
  if (score < 1 || score > 5) fail_invalid("score", "评分应为 1 至 5");
  if (comment.size() > 1000) fail_invalid("comment", "评价不超过 1000 字节");
}

void check_rateable(State state) {
  if (state != State::Resolved && state != State::Verified && state != State::Closed) {
    fail_conflict("案件办结后才能评价，当前状态为 " + code_of(kStates, state), "state");
  }
}

bool awaiting_rating(const Case& record) {
  if (record.state != State::Resolved && record.state != State::Verified && record.state != State::Closed) return false;
  // Residents rate what they reported on the H5; staff's own registrations are followed up by telephone.
  if (record.input.channel != Channel::ResidentH5 || !record.input.reporter_user_id) return false;
  if (!record.reporter_rated_at) return true;
  return record.resolved_at && *record.resolved_at > *record.reporter_rated_at;
}

bool rating_reopens(std::int64_t score, bool already_reopened) { return score <= 2 && !already_reopened; }

void check_not_duplicate(State state, std::optional<std::int64_t> original_id) {
  if (state == State::Duplicate) {
    std::string original = original_id ? std::to_string(*original_id) : "";
    fail_conflict("该案件与案件 " + original + " 重复，请在原案件上办理", "original_id");
  }
}

void check_new_item(const Item& item, bool code_taken) {
  check_item(item);
  if (code_taken) fail_conflict("事项代码 " + item.code + " 已存在", "code");
}

void check_resident_category(const ResidentCategory& category, const Item& item) {
  if (!is_code(category.code)) fail_invalid("code", "类别代码应为 1 至 40 个小写字母、数字、下划线或连字符");
  auto length = characters(category.name);
  if (category.name.find_first_not_of(" \t\r\n") == std::string::npos || length > 10) {
    fail_invalid("name", "请填写类别名称（不超过 10 个字）");
  }
  if (!item.active || item.street_node_id != category.street_node_id) {
    fail_unprocessable("默认服务事项应为本街道在用的事项", "item_code");
  }
  if (category.code == kOtherCategory && !category.active) fail_conflict("“其他”类别始终可选，不能停用", "active");
}

void check_classify(const Case& record, const Item& item, std::int64_t street_node_id) {
  check_not_duplicate(record.state, record.original_id);
  if (record.state != State::Reported && record.state != State::Accepted) {
    fail_conflict("案件已派单，不能再改服务事项，当前状态为 " + code_of(kStates, record.state), "state");
  }
  if (!item.active || item.street_node_id != street_node_id) {
    fail_unprocessable("服务事项应为本街道在用的事项", "item_code");
  }
}

void check_new_case(const NewCase& input, const Item& item, const CaseSite& site) {
  if (!site.compound || site.compound->kind != org::NodeKind::Compound) fail_not_found("找不到该小区");
  if (!item.active) fail_unprocessable("该服务事项已停用", "item_code");
  if (item.street_node_id != org::street_of(site.compound->path)) {
    fail_unprocessable("该服务事项不属于本街道", "item_code");
  }
  if (input.part_node_id) check_inside(site.part, org::NodeKind::Part, *site.compound, "part_id", "房屋");
  if (input.building_node_id) {
    check_inside(site.building, org::NodeKind::Building, *site.compound, "building_id", "楼幢");
  }
  if (input.address.size() > 200) fail_invalid("address", "地址不超过 200 字节");
  check_text(input.description, 2000, "description", "请填写问题描述（不超过 2000 字节）");
  if (input.photos.size() > 6) fail_invalid("photos", "照片最多 6 张");
}

void check_transition_step(const Case& record, const TransitionInput& input, const TransitionFacts& facts) {
  check_not_duplicate(record.state, record.original_id);
  check_transition(record.state, input.to);
  if (input.note.size() > 2000) fail_invalid("note", "说明不超过 2000 字节");
  switch (input.to) {
    case State::Assigned:
    case State::Transferred:
      if (!input.assignee_user_id) fail_invalid("assignee_user_id", "请指定承办人");
      if (!facts.assignee_enabled) fail_unprocessable("找不到该用户或已停用", "assignee_user_id");
      break;
    case State::Duplicate: {
      if (!input.original_id) fail_invalid("original_id", "请指定原案件");
      const auto& original = facts.original;
      if (!original) fail_unprocessable("找不到原案件", "original_id");
      if (original->id == record.id) fail_unprocessable("案件不能与自身重复", "original_id");
      if (original->state == State::Duplicate)
        fail_unprocessable("原案件本身是重复案件，请指定其原案件", "original_id");
      if (original->input.compound_node_id != record.input.compound_node_id) {
        fail_unprocessable("原案件不在同一小区", "original_id");
      }
      break;
    }
    case State::ClosedNotFixed:
      check_text(input.reason, 600, "reason", "请填写未解决的原因（不超过 200 字），居民可见");
      break;
    default:
      break;
  }
}

State bulk_assign_step(State current) {
  return current == State::Assigned || current == State::InProgress ? State::Transferred : State::Assigned;
}

void check_note(const Case& record, const std::string& note) {
  check_not_duplicate(record.state, record.original_id);
  check_text(note, 2000, "note", "请填写备注（不超过 2000 字节）");
}

void check_revisit(const Case& record, const std::string& on, const std::string& note) {
  check_not_duplicate(record.state, record.original_id);
  if (!parse_date(on)) fail_invalid("on", "日期应为 YYYY-MM-DD");
  if (note.size() > 2000) fail_invalid("note", "回访记录不超过 2000 字节");
  if (record.state != State::Resolved && record.state != State::Verified && record.state != State::Closed) {
    fail_conflict("案件办结后才能回访，当前状态为 " + code_of(kStates, record.state), "state");
  }
  if (on < street_date(record.input.reported_at)) {
    fail_invalid("on", "回访日期不能早于报告日期");
  }
}

std::vector<EscalationLevel> escalations_due(State state, TimePoint resolve_due_at, std::int64_t resolution_days,
                                             std::int64_t recorded_level, TimePoint now) {
  auto level = static_cast<std::int64_t>(escalation_level(state, resolve_due_at, resolution_days, now));
  std::vector<EscalationLevel> due;
  for (std::int64_t reached = recorded_level + 1; reached <= level; ++reached) {
    due.push_back(static_cast<EscalationLevel>(reached));
  }
  return due;
}

std::optional<double> median(std::vector<double> values) {
  if (values.empty()) return std::nullopt;
  std::sort(values.begin(), values.end());
  std::size_t middle = values.size() / 2;
  if (values.size() % 2 == 1) return values[middle];
  return (values[middle - 1] + values[middle]) / 2.0;
}

}  // namespace weizhi::cases
