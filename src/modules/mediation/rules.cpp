// Pure rules of mediation (see rules.hpp): the transition table is data, one row per allowed step.
#include "modules/mediation/rules.hpp"

#include <algorithm>
#include <set>
#include <utility>

#include "core/code_table.hpp"
#include "core/error.hpp"
#include "core/text.hpp"
#include "core/time.hpp"
#include "modules/people/people.hpp"

namespace weizhi::mediation {

namespace {

constexpr std::pair<State, State> kSteps[] = {
    {State::Open, State::InMediation},      {State::Open, State::Withdrawn},        {State::InMediation, State::Agreed},
    {State::InMediation, State::NotAgreed}, {State::InMediation, State::Withdrawn}, {State::Agreed, State::InMediation},
};

// A real day not after `today` (both YYYY-MM-DD, which compare as text).
bool past_or_today(const std::string& date, const std::string& today) { return parse_date(date) && date <= today; }

}  // namespace

const std::vector<Category>& categories() {
  static const std::vector<Category> list{{"neighbour_noise", "邻里噪声"},  {"water_leak", "楼上楼下漏水"},
                                          {"parking", "停车纠纷"},          {"pets", "宠物饲养"},
                                          {"shared_space", "公共空间占用"}, {"elevator_retrofit", "加装电梯"},
                                          {"property_fee", "物业费纠纷"},   {"other", "其他"}};
  return list;
}

std::optional<std::string> category_name(std::string_view code) {
  for (const auto& category : categories()) {
    if (code == category.code) return std::string(category.name);
  }
  return std::nullopt;
}

void check_details(const std::string& category, const std::string& summary) {
  if (!category_name(category)) {
    fail_invalid(
        "category",
        "纠纷类别应为 neighbour_noise、water_leak、parking、pets、shared_space、elevator_retrofit、property_fee 或 other");
  }
  check_text(summary, 2000, "summary", "请填写纠纷概况（不超过 2000 字节）");
}

void check_parties(const std::vector<PartyInput>& parties) {
  if (parties.size() < 2 || parties.size() > 10) fail_invalid("parties", "当事人应为 2 至 10 人");
  std::set<std::int64_t> people;
  bool applicant = false, respondent = false;
  for (std::size_t i = 0; i < parties.size(); ++i) {
    const auto& party = parties[i];
    std::string field = "parties[" + std::to_string(i) + "]";
    if (party.person_id && !party.name.empty()) fail_invalid(field + ".name", "当事人请填写登记人员或姓名之一");
    if (party.person_id) {
      if (!people.insert(*party.person_id).second) fail_invalid(field + ".person_id", "同一人不能重复列为当事人");
    } else if (auto problem = people::name_problem(party.name)) {
      fail_invalid(field + ".name", "当事人姓名：" + *problem);
    }
    applicant = applicant || party.role == Role::Applicant;
    respondent = respondent || party.role == Role::Respondent;
  }
  if (!applicant || !respondent) fail_invalid("parties", "当事人中应至少有一名申请人和一名被申请人");
}

bool is_reopen(State from, State to) { return from == State::Agreed && to == State::InMediation; }

void check_transition(State from, State to, bool latest_visit_broken, bool reopened) {
  bool listed = std::any_of(std::begin(kSteps), std::end(kSteps),
                            [&](const auto& step) { return step.first == from && step.second == to; });
  if (!listed) fail_conflict("调解不能从 " + code_of(kStates, from) + " 转为 " + code_of(kStates, to), "to");
  if (is_reopen(from, to)) {
    if (reopened) fail_conflict("该调解已重新调解过一次，不能再次重启", "to");
    if (!latest_visit_broken) fail_conflict("最近一次回访确认协议未履行后才能重新调解", "to");
  }
}

void check_outcome(State to, const std::optional<std::string>& agreement, const std::optional<std::string>& signed_on,
                   const std::optional<std::string>& reason, const std::string& today) {
  if (to == State::Agreed) {
    if (!agreement || blank(*agreement) || agreement->size() > 5000) {
      fail_invalid("agreement", "达成协议时请填写协议内容（不超过 5000 字节）");
    }
    if (!signed_on || !past_or_today(*signed_on, today))
      fail_invalid("signed_on", "请填写签订日期（YYYY-MM-DD，不晚于今天）");
  } else {
    if (agreement) fail_invalid("agreement", "只有达成协议时才填写协议内容");
    if (signed_on) fail_invalid("signed_on", "只有达成协议时才填写签订日期");
  }
  bool needs_reason = to == State::NotAgreed || to == State::Withdrawn;
  if (needs_reason && (!reason || blank(*reason))) fail_invalid("reason", "请填写未达成协议或撤回的原因");
  if (reason && reason->size() > 500) fail_invalid("reason", "原因不超过 500 字节");
}

void check_session_allowed(State state) {
  if (state != State::Open && state != State::InMediation) {
    fail_conflict("调解已结束，不能再记录调解会，当前状态为 " + code_of(kStates, state), "state");
  }
}

void check_session(const SessionInput& input, std::int64_t party_count, const std::string& today) {
  if (!past_or_today(input.held_on, today)) fail_invalid("held_on", "调解日期应为 YYYY-MM-DD 且不晚于今天");
  check_text(input.place, 200, "place", "请填写调解地点（不超过 200 字节）");
  if (input.attendees.empty()) fail_invalid("attendees", "请选择到场的当事人");
  std::set<std::int64_t> seen;
  for (std::size_t i = 0; i < input.attendees.size(); ++i) {
    std::int64_t index = input.attendees[i];
    std::string field = "attendees[" + std::to_string(i) + "]";
    if (index < 0 || index >= party_count)
      fail_invalid(field, "到场人应为当事人序号 0 至 " + std::to_string(party_count - 1));
    if (!seen.insert(index).second) fail_invalid(field, "到场人不能重复");
  }
  check_text(input.notes, 2000, "notes", "请填写调解记录（不超过 2000 字节）");
  if (input.next_step.size() > 500) fail_invalid("next_step", "下一步安排不超过 500 字节");
}

void check_follow_up(State state, const FollowUpInput& input, const std::optional<std::string>& signed_on,
                     const std::string& today) {
  if (state != State::Agreed) fail_conflict("达成协议后才能回访，当前状态为 " + code_of(kStates, state), "state");
  if (!past_or_today(input.visited_on, today) || (signed_on && input.visited_on < *signed_on)) {
    fail_invalid("visited_on", "回访日期应为 YYYY-MM-DD，在协议签订日与今天之间");
  }
  if (input.note.size() > 1000) fail_invalid("note", "回访记录不超过 1000 字节");
}

std::optional<std::string> follow_up_due_on(const std::string& signed_on) {
  constexpr std::chrono::days kFollowUpDays{30};
  auto signed_day = parse_date(signed_on);
  if (!signed_day) return std::nullopt;
  return date_text(std::chrono::year_month_day{std::chrono::sys_days(*signed_day) + kFollowUpDays});
}

std::optional<std::string> visit_due_on(const Mediation& record, const std::vector<FollowUp>& visits) {
  if (record.state != State::Agreed || !record.signed_on) return std::nullopt;
  bool visited = std::any_of(visits.begin(), visits.end(),
                             [&](const FollowUp& visit) { return visit.input.visited_on >= *record.signed_on; });
  if (visited) return std::nullopt;
  return follow_up_due_on(*record.signed_on);
}

Ratio agreement_rate(std::int64_t agreed, std::int64_t not_agreed) { return Ratio{agreed, agreed + not_agreed}; }

Ratio kept_share(const std::vector<bool>& latest_visit_kept) {
  return Ratio{static_cast<std::int64_t>(std::count(latest_visit_kept.begin(), latest_visit_kept.end(), true)),
               static_cast<std::int64_t>(latest_visit_kept.size())};
}

namespace {

// A node of `kind` inside the subtree at `within`: 404 when there is none, 422 naming the field
// when it lies elsewhere.
void check_inside(const std::optional<org::Node>& node, org::NodeKind kind, const std::string& within,
                  const std::string& field, const std::string& what) {
  if (!node || node->kind != kind) fail_not_found("找不到该" + what);
  if (node->path.rfind(within, 0) != 0) fail_unprocessable("该" + what + "不在本小区", field);
}

}  // namespace

void check_references(const Details& details, const DetailFacts& facts) {
  check_details(details.category, details.summary);
  check_parties(details.parties);
  const auto& compound = facts.compound;
  if (!compound || compound->kind != org::NodeKind::Compound) fail_not_found("找不到该小区");
  if (details.building_node_id) {
    check_inside(facts.building, org::NodeKind::Building, compound->path, "building_id", "楼幢");
  }
  if (details.part_node_id) {
    std::string within = details.building_node_id ? facts.building->path : compound->path;
    check_inside(facts.part, org::NodeKind::Part, within, "part_id", "房屋");
  }
  for (std::size_t i = 0; i < details.parties.size(); ++i) {
    const auto& party = details.parties[i];
    if (!facts.party_person_found[i])
      fail_unprocessable("找不到该人员", "parties[" + std::to_string(i) + "].person_id");
    if (party.person_id == details.mediator_person_id) {
      fail_unprocessable("调解员不能同时是当事人", "mediator_person_id");
    }
  }
  const auto& tags = facts.mediator_tags;
  bool gold = std::find(tags.begin(), tags.end(), kMediatorTag) != tags.end();
  const auto& home = facts.mediator_home_path;
  if (!gold || !home || home->rfind(facts.community_path, 0) != 0) {
    fail_unprocessable("调解员应为本社区登记的金牌调解员", "mediator_person_id");
  }
  if (details.case_id && facts.case_compound_id != details.compound_node_id) {
    fail_unprocessable("关联案件应为本小区的服务案件", "case_id");
  }
}

void check_update(const Mediation& record, const Details& details) {
  if (record.state != State::Open) fail_conflict("调解开始后不能再修改纠纷信息", "state");
  if (details.compound_node_id != record.details.compound_node_id) fail_invalid("compound_id", "不能更改纠纷所在小区");
}

bool session_starts_mediation(State state) { return state == State::Open; }

}  // namespace weizhi::mediation
