// Pure covenant rules (see rules.hpp): exact integer arithmetic on days and 0.01 m² areas.
#include "modules/covenant/rules.hpp"

#include <algorithm>
#include <chrono>
#include <limits>
#include <set>
#include <stdexcept>

#include "core/code_table.hpp"
#include "core/error.hpp"
#include "core/text.hpp"
#include "core/time.hpp"

namespace weizhi::covenant {

namespace {

constexpr std::int64_t kMaxAreaCentiM2 = 100'000'000;

bool is_type_code(const std::string& text) {
  return !text.empty() && text.size() <= 40 && std::all_of(text.begin(), text.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
  });
}

}  // namespace

Policy default_policy() { return Policy{{"stairwell_clutter", "pets", "noise"}}; }

void check_policy(const Policy& policy) {
  if (policy.extra_clause_types.empty() || policy.extra_clause_types.size() > 10) {
    fail_invalid("extra_clause_types", "公约条款类型应有 1 至 10 项");
  }
  std::set<std::string> seen{kParking, kIllegalStructure};
  for (std::size_t i = 0; i < policy.extra_clause_types.size(); ++i) {
    const std::string& type = policy.extra_clause_types[i];
    std::string field = "extra_clause_types[" + std::to_string(i) + "]";
    if (!is_type_code(type)) fail_invalid(field, "条款类型代码应为 1 至 40 个小写字母、数字或下划线");
    if (!seen.insert(type).second) fail_invalid(field, "条款类型 " + type + " 重复");
  }
}

std::vector<std::string> clause_types(const Policy& policy) {
  std::vector<std::string> types{kParking, kIllegalStructure};
  types.insert(types.end(), policy.extra_clause_types.begin(), policy.extra_clause_types.end());
  return types;
}

void check_version(const std::string& title, const std::vector<Clause>& clauses, const Policy& policy) {
  check_text(title, 200, "title", "请填写公约标题（不超过 200 字节）");
  if (clauses.empty() || clauses.size() > 50) fail_invalid("clauses", "公约应有 1 至 50 条条款");
  auto types = clause_types(policy);
  for (std::size_t i = 0; i < clauses.size(); ++i) {
    const Clause& clause = clauses[i];
    std::string prefix = "clauses[" + std::to_string(i) + "].";
    if (clause.number != static_cast<std::int64_t>(i) + 1) {
      fail_invalid(prefix + "number", "条款应从 1 起依次编号，此处应为第 " + std::to_string(i + 1) + " 条");
    }
    if (std::find(types.begin(), types.end(), clause.type) == types.end()) {
      std::string list;
      for (const auto& type : types) list += (list.empty() ? "" : "、") + type;
      fail_invalid(prefix + "type", "条款类型应为 " + list + " 之一");
    }
    check_text(clause.text, 2000, prefix + "text", "请填写条款内容（不超过 2000 字节）");
    if (clause.rectification_days < 1 || clause.rectification_days > 90) {
      fail_invalid(prefix + "rectification_days", "整改期限应为 1 至 90 天");
    }
    if (clause.escalation_days < 1 || clause.escalation_days > 90) {
      fail_invalid(prefix + "escalation_days", "逾期上报间隔应为 1 至 90 天");
    }
  }
}

ViolationKind kind_of_clause_type(std::string_view type) {
  if (type == kIllegalStructure) return ViolationKind::IllegalStructure;
  if (type == kParking) return ViolationKind::Parking;
  return ViolationKind::Other;
}

void check_adopting_vote(const VoteFacts& vote, std::int64_t covenant_compound_node_id, std::int64_t item) {
  if (item < 1) fail_invalid("vote_item", "表决事项序号应从 1 起");
  if (vote.compound_node_id != covenant_compound_node_id) fail_conflict("该表决不是本小区的表决", "vote_id");
  if (vote.matter != 2) fail_conflict("该表决不是制定或修改管理规约的表决（事项 2）", "vote_id");
  if (!vote.counted) fail_conflict("该表决尚未结束计票", "vote_id");
  if (item > vote.item_count) fail_invalid("vote_item", "该表决只有 " + std::to_string(vote.item_count) + " 项");
  if (!vote.item_passed) fail_conflict("该表决事项未获通过，不能据此通过公约", "vote_id");
}

bool transition_allowed(ViolationState from, ViolationState to) {
  using S = ViolationState;
  switch (to) {
    case S::Notified:
      return from == S::Reported;
    case S::Rectifying:
      return from == S::Notified;
    case S::Removed:
      return from == S::Notified || from == S::Rectifying;
    case S::Closed:
      return is_open(from);
    case S::Reported:
      return false;
  }
  return false;
}

void check_transition(ViolationState from, ViolationState to) {
  if (!transition_allowed(from, to)) {
    fail_conflict(
        "违约记录当前状态为 " + code_of(kViolationStates, from) + "，不能转为 " + code_of(kViolationStates, to),
        "state");
  }
}

bool is_open(ViolationState state) { return state != ViolationState::Removed && state != ViolationState::Closed; }

void check_removal(const std::vector<Inspection>& inspections) {
  if (inspections.empty()) fail_conflict("尚未复查，复查合格后才能登记拆除", "state");
  if (!inspections.back().passed) fail_conflict("最近一次复查不合格，复查合格后才能登记拆除", "state");
}

std::optional<std::string> deadline(const std::string& notified_on, std::int64_t rectification_days) {
  auto day = parse_date(notified_on);
  if (!day) return std::nullopt;
  return date_text(std::chrono::year_month_day{std::chrono::sys_days(*day) + std::chrono::days(rectification_days)});
}

std::optional<std::int64_t> days_between(const std::string& from, const std::string& to) {
  auto start = parse_date(from);
  auto end = parse_date(to);
  if (!start || !end) return std::nullopt;
  return (std::chrono::sys_days(*end) - std::chrono::sys_days(*start)).count();
}

std::int64_t days_overdue(const std::string& deadline_on, const std::string& today) {
  return std::max<std::int64_t>(0, days_between(deadline_on, today).value_or(0));
}

EscalationLevel escalation_level(ViolationState state, const std::optional<std::string>& deadline_on,
                                 std::int64_t escalation_days, const std::string& today) {
  if (!is_open(state) || !deadline_on || escalation_days < 1) return EscalationLevel::None;
  return governance::escalation_after(days_overdue(*deadline_on, today) / escalation_days);
}

void check_area(std::int64_t area_centi_m2, const std::string& field) {
  if (area_centi_m2 < 1 || area_centi_m2 > kMaxAreaCentiM2) {
    fail_invalid(field, "面积以 0.01 平方米为单位，应为 1 至 100000000");
  }
}

std::int64_t area_sum(const std::vector<std::int64_t>& areas_centi_m2) {
  std::int64_t total = 0;
  for (std::int64_t area : areas_centi_m2) {
    if (__builtin_add_overflow(total, area, &total)) throw std::overflow_error("area sum overflows");
  }
  return total;
}

std::string checked_date(const std::string& text, const std::string& field) {
  if (!parse_date(text)) fail_invalid(field, "日期应为 YYYY-MM-DD");
  return text;
}

void check_not_before(const std::string& later, const std::string& earlier, const std::string& field,
                      const std::string& earlier_name) {
  if (days_between(earlier, later).value_or(0) < 0)
    fail_invalid(field, "日期不能早于" + earlier_name + "（" + earlier + "）");
}

std::string last_step_day(const Violation& violation) {
  std::string day = violation.input.reported_on;
  if (violation.notified_on) day = *violation.notified_on;
  if (!violation.inspections.empty() && violation.inspections.back().inspected_on > day) {
    day = violation.inspections.back().inspected_on;
  }
  return day;
}

void check_part_of(const std::optional<org::Node>& part, const std::optional<org::Node>& compound,
                   const std::string& field) {
  if (!part || part->kind != org::NodeKind::Part) fail_not_found("找不到该房屋");
  if (!compound || compound->kind != org::NodeKind::Compound) fail_not_found("找不到该小区");
  if (part->path.rfind(compound->path, 0) != 0) fail_unprocessable("该房屋不在本小区", field);
}

void check_adoptable(const Version& version) {
  if (version.state != VersionState::Draft)
    fail_conflict("只有草案才能表决通过，该版本已是 " + code_of(kVersionStates, version.state));
}

void check_acknowledgement(const Version& version, const std::optional<org::Node>& part,
                           const std::optional<org::Node>& compound, bool already_acknowledged) {
  if (version.state != VersionState::Adopted) fail_conflict("只能签署现行有效的公约");
  check_part_of(part, compound, "part_id");
  if (already_acknowledged) fail_conflict("该户已签署本公约", "part_id");
}

Clause check_report(const ViolationInput& input, const std::optional<Version>& adopted) {
  checked_date(input.reported_on, "reported_on");
  if (!adopted) fail_conflict("本小区尚无通过的公约，不能登记违约", "compound_id");
  check_not_before(input.reported_on, *adopted->adopted_on, "reported_on", "公约通过日期");
  auto clause = std::find_if(adopted->clauses.begin(), adopted->clauses.end(),
                             [&](const Clause& c) { return c.number == input.clause_number; });
  if (clause == adopted->clauses.end()) fail_invalid("clause_number", "现行公约没有该条款");
  switch (kind_of_clause_type(clause->type)) {
    case ViolationKind::IllegalStructure:
      if (input.location.empty() || input.location.size() > 200)
        fail_invalid("location", "请填写违建位置（不超过 200 字节）");
      check_area(input.area_centi_m2, "area_centi_m2");
      if (input.photos.size() > 20) fail_invalid("photos", "照片最多 20 张");
      break;
    case ViolationKind::Parking:
      if (input.plate.empty() || input.plate.size() > 20) fail_invalid("plate", "请填写车牌号");
      if (input.place.empty() || input.place.size() > 200) fail_invalid("place", "请填写停放位置（不超过 200 字节）");
      break;
    case ViolationKind::Other:
      if (input.description.empty() || input.description.size() > 2000) {
        fail_invalid("description", "请填写违约情况（不超过 2000 字节）");
      }
      break;
  }
  return *clause;
}

void check_notify(const Violation& violation, const std::string& notified_on) {
  checked_date(notified_on, "notified_on");
  check_not_before(notified_on, violation.input.reported_on, "notified_on", "发现日期");
  check_transition(violation.state, ViolationState::Notified);
}

void check_rectifying(const Violation& violation, const std::string& on) {
  checked_date(on, "on");
  check_not_before(on, last_step_day(violation), "on", "上一步的日期");
  check_transition(violation.state, ViolationState::Rectifying);
}

void check_remove(const Violation& violation, const std::string& removed_on) {
  checked_date(removed_on, "removed_on");
  check_transition(violation.state, ViolationState::Removed);
  check_removal(violation.inspections);
  check_not_before(removed_on, last_step_day(violation), "removed_on", "上一步的日期");
}

void check_close(const Violation& violation, const std::string& reason, const std::string& closed_on) {
  check_text(reason, 600, "reason", "请填写关闭原因（不超过 200 字）");
  checked_date(closed_on, "closed_on");
  check_not_before(closed_on, violation.input.reported_on, "closed_on", "发现日期");
  check_transition(violation.state, ViolationState::Closed);
}

void check_inspection(const Violation& violation, const std::string& inspected_on, const std::string& note) {
  if (violation.state != ViolationState::Notified && violation.state != ViolationState::Rectifying) {
    fail_conflict("只有已通知或整改中的违约记录才能复查", "state");
  }
  checked_date(inspected_on, "inspected_on");
  check_not_before(inspected_on, last_step_day(violation), "inspected_on", "上一步的日期");
  if (note.size() > 2000) fail_invalid("note", "复查说明不超过 2000 字节");
}

std::vector<EscalationLevel> escalations_due(const Violation& violation, const std::string& today) {
  auto level = static_cast<std::int64_t>(
      escalation_level(violation.state, violation.deadline_on, violation.escalation_days, today));
  std::vector<EscalationLevel> due;
  for (std::int64_t reached = violation.recorded_level + 1; reached <= level; ++reached) {
    due.push_back(static_cast<EscalationLevel>(reached));
  }
  return due;
}

}  // namespace weizhi::covenant
