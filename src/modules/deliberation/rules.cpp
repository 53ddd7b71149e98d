// Pure deliberation rules (see rules.hpp): step order, checks naming the field, exact fen.
#include "modules/deliberation/rules.hpp"

#include <algorithm>
#include <set>

#include "core/code_table.hpp"
#include "core/entries.hpp"
#include "core/error.hpp"
#include "core/text.hpp"
#include "modules/covenant/covenant.hpp"

namespace weizhi::deliberation {

namespace {

constexpr std::int64_t kMaxCostFen = 100'000'000'000;

}  // namespace

std::optional<Step> next_step(Step step) {
  if (step == Step::Done) return std::nullopt;
  return static_cast<Step>(static_cast<int>(step) + 1);
}

void check_advance(Step current, Step requested) {
  if (next_step(current) == requested) return;
  if (current == Step::Done) fail_conflict("议题已办结，不能再进入「" + code_of(kStepLabels, requested) + "」", "to");
  fail_conflict("议题当前处于「" + code_of(kStepLabels, current) + "」，下一步应为「" +
                    code_of(kStepLabels, *next_step(current)) + "」，不能进入「" + code_of(kStepLabels, requested) +
                    "」",
                "to");
}

void check_return_to_drafting(Step current, const std::optional<VoteStatus>& vote) {
  if (current != Step::Voting) {
    fail_conflict("只有处于「居民表决」的议题才能退回「拟定方案」，该议题处于「" + code_of(kStepLabels, current) +
                  "」");
  }
  if (!vote || !vote->counted) fail_conflict("表决尚未结束计票，不能退回「拟定方案」");
  if (vote->passed) fail_conflict("表决已获通过，应形成决议，不能退回「拟定方案」");
}

void check_step(Step current, Step needed, const std::string& action) {
  if (current != needed) {
    fail_conflict(action + "只能在「" + code_of(kStepLabels, needed) + "」阶段进行，该议题处于「" +
                  code_of(kStepLabels, current) + "」");
  }
}

ProposerKind proposer_kind_of(const std::vector<std::string>& roles) {
  auto holds = [&](const char* role) { return std::find(roles.begin(), roles.end(), role) != roles.end(); };
  if (holds("commissioner")) return ProposerKind::Commissioner;
  if (holds("committee_member")) return ProposerKind::CommitteeMember;
  bool staff = std::any_of(roles.begin(), roles.end(), [](const std::string& role) { return role != "resident"; });
  return staff ? ProposerKind::Staff : ProposerKind::Resident;
}

void check_topic(const TopicInput& input) {
  if (blank(input.title) || characters(input.title) > 100) fail_invalid("title", "议题标题应为 1–100 个字");
  check_text(input.description, 5000, "description", "请填写议题说明（不超过 5000 字节）");
}

void check_comment(const std::string& text) { check_text(text, 2000, "text", "请填写意见（不超过 2000 字节）"); }

void check_hide_reason(const std::string& reason) {
  check_text(reason, 500, "reason", "请填写屏蔽理由（不超过 500 字节）");
}

void check_meeting(const MeetingInput& input) {
  covenant::checked_date(input.held_on, "held_on");
  check_text(input.place, 200, "place", "请填写会议地点（不超过 200 字节）");
  check_entries(input.attendees, 200, "attendees", "参会人名单最多 200 人",
                [](const std::string& attendee, const std::string& field) {
                  check_text(attendee, 50, field, "参会人姓名应为 1–50 字节");
                });
  if (input.attendee_count < 1 || input.attendee_count > 100'000 ||
      input.attendee_count < static_cast<std::int64_t>(input.attendees.size())) {
    fail_invalid("attendee_count", "参会人数应为 1–100000，且不少于名单人数");
  }
  check_text(input.minutes, 20'000, "minutes", "请填写会议纪要（不超过 20000 字节）");
  check_entries(input.positions, 50, "positions", "各方意见最多 50 条",
                [](const Position& entry, const std::string& field) {
                  check_text(entry.party, 100, field + ".party", "请填写发言方（不超过 100 字节）");
                  check_text(entry.position, 2000, field + ".position", "请填写该方意见（不超过 2000 字节）");
                });
  check_entries(input.members, 30, "members", "圆桌会成员最多 30 人",
                [seen = std::set<std::int64_t>()](std::int64_t member, const std::string& field) mutable {
                  if (!seen.insert(member).second) fail_invalid(field, "圆桌会成员重复");
                });
}

void check_member(std::size_t index, const std::optional<std::string>& home_path, const std::string& compound_path,
                  const std::optional<std::string>& community_path, bool in_compound_parts) {
  bool in_compound = home_path && !compound_path.empty() && home_path->rfind(compound_path, 0) == 0;
  if (home_path && (in_compound || in_compound_parts || home_path == community_path)) return;
  fail_unprocessable("圆桌会成员应为本小区或所属社区登记的人员", element_field("members", index));
}

void check_plan(const PlanInput& input) {
  if (blank(input.title) || characters(input.title) > 100) fail_invalid("title", "方案标题应为 1–100 个字");
  check_text(input.body, 20'000, "body", "请填写方案内容（不超过 20000 字节）");
  check_entries(input.attachments, 20, "attachments", "附件最多 20 个",
                [](const Attachment& attachment, const std::string& field) {
                  check_text(attachment.name, 200, field + ".name", "附件名称应为 1–200 字节");
                  check_text(attachment.reference, 200, field + ".reference", "附件编号应为 1–200 字节");
                });
}

void check_action(const ActionInput& input) {
  check_text(input.title, 200, "title", "请填写事项（不超过 200 字节）");
  if (input.owner_name.has_value() == input.owner_person_id.has_value()) {
    fail_invalid("owner_name", "责任人应填写 owner_name 或 owner_person_id 之一");
  }
  if (input.owner_name) check_text(*input.owner_name, 50, "owner_name", "责任人姓名应为 1–50 字节");
  covenant::checked_date(input.due_on, "due_on");
}

void check_action_owner(const std::string& home_path, const std::string& compound_path, bool in_compound_parts) {
  if (in_compound_parts || (!compound_path.empty() && home_path.rfind(compound_path, 0) == 0)) return;
  fail_unprocessable("责任人应为本小区登记的人员；其他责任人请填写姓名 owner_name", "owner_person_id");
}

std::optional<std::int64_t> parse_cost_fen(std::string_view yuan) {
  auto point = yuan.find('.');
  std::string_view whole = yuan.substr(0, point);
  std::string_view decimals = point == std::string_view::npos ? std::string_view{} : yuan.substr(point + 1);
  auto digits = [](std::string_view text) {
    return std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
  };
  if (whole.empty() || whole.size() > 12 || !digits(whole)) return std::nullopt;
  if (point != std::string_view::npos && (decimals.empty() || decimals.size() > 2 || !digits(decimals))) {
    return std::nullopt;
  }
  std::int64_t fen = 0;
  for (char c : whole) fen = fen * 10 + (c - '0');
  fen *= 100;
  if (decimals.size() >= 1) fen += (decimals[0] - '0') * 10;
  if (decimals.size() == 2) fen += decimals[1] - '0';
  if (fen > kMaxCostFen) return std::nullopt;
  return fen;
}

std::string yuan_text(std::int64_t fen) {
  std::string cents = std::to_string(fen % 100);
  return std::to_string(fen / 100) + "." + (cents.size() == 1 ? "0" : "") + cents;
}

bool is_overdue(const std::string& due_on, const std::optional<std::string>& done_on, const std::string& today) {
  return !done_on && covenant::days_between(due_on, today).value_or(0) > 0;
}

void check_topic_compound(const std::optional<org::Node>& compound) {
  if (!compound) throw ApiError(404, "not_found", "找不到该小区", "compound_id");
  if (compound->kind != org::NodeKind::Compound) fail_unprocessable("议题应在小区内提出", "compound_id");
}

org::NodeKind scope_node_kind(voting::ScopeKind kind) {
  switch (kind) {
    case voting::ScopeKind::Buildings:
      return org::NodeKind::Building;
    case voting::ScopeKind::Units:
      return org::NodeKind::Unit;
    default:
      return org::NodeKind::Part;
  }
}

void check_scope(const voting::VoteScope& scope, const std::vector<std::optional<org::Node>>& nodes,
                 const org::Node& compound) {
  if (scope.kind == voting::ScopeKind::Compound) {
    if (!scope.node_ids.empty()) fail_invalid("scope.node_ids", "范围为整个小区时不列节点");
    return;
  }
  if (scope.node_ids.empty()) fail_invalid("scope.node_ids", "请列出范围内的楼幢、单元或房屋");
  for (std::size_t i = 0; i < scope.node_ids.size(); ++i) {
    std::string field = "scope.node_ids[" + std::to_string(i) + "]";
    std::int64_t id = scope.node_ids[i];
    if (std::count(scope.node_ids.begin(), scope.node_ids.end(), id) > 1) fail_invalid(field, "节点重复");
    const auto& node = nodes[i];
    if (!node) throw ApiError(404, "not_found", "找不到组织节点 " + std::to_string(id), field);
    org::NodeKind kind = scope_node_kind(scope.kind);
    if (node->kind != kind)
      fail_unprocessable("节点 " + std::to_string(id) + " 不是 " + code_of(org::kNodeKinds, kind), field);
    if (node->path.rfind(compound.path, 0) != 0)
      fail_unprocessable("节点 " + std::to_string(id) + " 不在该小区内", field);
  }
}

void check_manual_advance(Step current, Step to) {
  check_advance(current, to);
  if (to != Step::Commenting && to != Step::Consulting && to != Step::Drafting) {
    fail_conflict("进入「" + code_of(kStepLabels, to) + "」须通过" + (to == Step::Voting ? "发起表决" : "形成决议"),
                  "to");
  }
}

Plan check_send_to_vote(const Topic& topic, std::int64_t plan_id, const VoteSending& facts) {
  check_step(topic.step, Step::Drafting, "发起表决");
  if (facts.meetings == 0) fail_conflict("尚未召开民主协商会议，不能发起表决");
  if (facts.plans.empty()) fail_conflict("尚无方案，不能发起表决");
  if (!facts.plan_topic_id) throw ApiError(404, "not_found", "找不到该方案", "plan_id");
  if (*facts.plan_topic_id != topic.id) fail_unprocessable("该方案不属于本议题", "plan_id");
  return *std::find_if(facts.plans.begin(), facts.plans.end(), [&](const Plan& plan) { return plan.id == plan_id; });
}

void check_resolution(Step current, const std::string& summary, const std::optional<VoteStatus>& vote) {
  check_step(current, Step::Voting, "形成决议");
  if (blank(summary) || summary.size() > 5000) {
    fail_invalid("summary", "请填写决议内容（不超过 5000 字节）");
  }
  if (!vote || !vote->counted) fail_conflict("表决尚未结束计票，不能形成决议");
  if (!vote->passed) fail_conflict("表决未获通过，不能形成决议；可退回「拟定方案」修改后重新表决");
}

void check_completion(const std::string& done_on, const std::string& note) {
  covenant::checked_date(done_on, "done_on");
  if (note.size() > 2000) fail_invalid("note", "办结说明不超过 2000 字节");
}

}  // namespace weizhi::deliberation
