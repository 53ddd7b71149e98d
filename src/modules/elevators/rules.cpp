// Pure elevator-retrofit rules (see rules.hpp): integers throughout — fen, 0.01 m², weights as
// scaled integers — with 128-bit products so a split is exact for any amount the API accepts.
#include "modules/elevators/rules.hpp"

#include <algorithm>
#include <chrono>
#include <set>
#include <utility>

#include "core/code_table.hpp"
#include "core/error.hpp"
#include "core/order.hpp"
#include "core/text.hpp"
#include "core/time.hpp"
#include "modules/covenant/covenant.hpp"

namespace weizhi::elevators {

namespace {

// The stages a project moves through to in service; withdrawn stands outside the way.
constexpr Stage kWayToService[] = {Stage::Proposal,     Stage::Consent,    Stage::Design,   Stage::Approval,
                                   Stage::Construction, Stage::Acceptance, Stage::InService};
struct StageDays {
  Stage stage;
  std::chrono::days days;
};
constexpr StageDays kExpectedStageDays[] = {
    {Stage::Proposal, std::chrono::days(30)},     {Stage::Consent, std::chrono::days(30)},
    {Stage::Design, std::chrono::days(60)},       {Stage::Approval, std::chrono::days(30)},
    {Stage::Construction, std::chrono::days(90)}, {Stage::Acceptance, std::chrono::days(30)}};

constexpr std::int64_t kMaxFen = 1'000'000'000'000;  // ten billion yuan
constexpr int kMaxWeightDecimals = 6;
constexpr std::int64_t kMaxWeight = 1000;

bool all_digits(std::string_view text) {
  return !text.empty() && std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
}

std::int64_t power_of_ten(int exponent) {
  std::int64_t value = 1;
  for (int i = 0; i < exponent; ++i) value *= 10;
  return value;
}

// "12.5" → {125, 1}: whole digits and up to `max_decimals` decimals; nullopt otherwise or when
// the whole part has more than 12 digits (so 18 digits at most fit in 64 bits).
std::optional<std::pair<std::int64_t, int>> parse_decimal(const std::string& text, int max_decimals) {
  auto dot = text.find('.');
  std::string whole = text.substr(0, dot);
  std::string fraction = dot == std::string::npos ? "" : text.substr(dot + 1);
  if (!all_digits(whole) || whole.size() > 12) return std::nullopt;
  if (dot != std::string::npos && (!all_digits(fraction) || fraction.size() > static_cast<std::size_t>(max_decimals))) {
    return std::nullopt;
  }
  return std::pair{std::stoll(whole + fraction), static_cast<int>(fraction.size())};
}

}  // namespace

void check_policy(const Policy& policy) {
  if (policy.min_floors < 2 || policy.min_floors > 30) fail_invalid("min_floors", "加装电梯的最低楼层数应为 2 至 30");
  if (policy.group_size < 1 || policy.group_size > 20) fail_invalid("group_size", "工作小组人数应为 1 至 20");
  if (policy.publicity_days < 1 || policy.publicity_days > 60) fail_invalid("publicity_days", "公示天数应为 1 至 60");
}

Eligibility eligibility(const UnitFacts& facts, const Policy& policy) {
  Eligibility result;
  if (!facts.floors) {
    result.reasons.push_back("楼栋层数未登记");
  } else if (*facts.floors < policy.min_floors) {
    result.reasons.push_back("楼栋共 " + std::to_string(*facts.floors) + " 层，不足 " +
                             std::to_string(policy.min_floors) + " 层");
  }
  if (facts.has_elevator) result.reasons.push_back("楼栋已有电梯");
  if (!facts.state_owned_land) result.reasons.push_back("楼栋建在集体土地上，加装电梯仅适用于国有土地上的住宅");
  if (facts.owners == 0) {
    result.reasons.push_back("单元尚无登记业主");
  } else if (facts.owners == 1) {
    result.reasons.push_back("单元只有 1 位业主，加装电梯适用于多位业主的单元");
  }
  result.eligible = result.reasons.empty();
  return result;
}

std::int64_t parse_yuan(const std::string& text, const std::string& field) {
  auto parsed = parse_decimal(text, 2);
  if (!parsed) fail_invalid(field, "金额应为元，最多两位小数，如 \"386000.50\"");
  std::int64_t fen = parsed->first * power_of_ten(2 - parsed->second);
  if (fen > kMaxFen) fail_invalid(field, "金额超出范围");
  return fen;
}

std::string yuan_text(std::int64_t fen) {
  std::string cents = std::to_string(fen % 100);
  return std::to_string(fen / 100) + "." + (cents.size() < 2 ? "0" : "") + cents;
}

Weight parse_weight(const std::string& text, const std::string& field) {
  auto parsed = parse_decimal(text, kMaxWeightDecimals);
  if (!parsed || parsed->first > kMaxWeight * power_of_ten(parsed->second)) {
    fail_invalid(field, "分摊系数应为 0 至 1000 的数，最多 6 位小数，如 \"0.5\"");
  }
  return Weight{text, parsed->first, parsed->second};
}

void check_floor_weights(const std::map<std::int64_t, Weight>& weights, const std::vector<SharePart>& parts,
                         std::int64_t building_floors) {
  for (const auto& [floor, weight] : weights) {
    if (floor < 1 || floor > building_floors) {
      fail_invalid("floor_weights",
                   "楼层 " + std::to_string(floor) + " 不在 1 至 " + std::to_string(building_floors) + " 层之间");
    }
  }
  std::set<std::int64_t> missing;
  for (const auto& part : parts) {
    if (!weights.count(part.floor)) missing.insert(part.floor);
  }
  if (!missing.empty()) {
    std::string list;
    for (std::int64_t floor : missing) list += (list.empty() ? "" : "、") + std::to_string(floor);
    fail_invalid("floor_weights", "缺少第 " + list + " 层的分摊系数");
  }
  if (std::none_of(parts.begin(), parts.end(),
                   [&](const SharePart& part) { return weights.at(part.floor).scaled > 0; })) {
    fail_invalid("floor_weights", "本单元住宅所在楼层的分摊系数不能全为 0");
  }
}

Split split_cost(std::int64_t total_fen, const std::optional<std::map<std::int64_t, Weight>>& floor_weights,
                 std::vector<SharePart> parts) {
  if (parts.empty()) fail_conflict("该单元没有住宅房屋，无法分摊费用");
  std::sort(parts.begin(), parts.end(), [](const SharePart& a, const SharePart& b) { return a.part_id < b.part_id; });
  Split split{floor_weights ? Method::Floor : Method::Area, total_fen, {}};
  int decimals = 0;
  if (floor_weights) {
    for (const auto& [floor, weight] : *floor_weights) decimals = std::max(decimals, weight.decimals);
  }
  // Each part's weight on one common scale, and their sum: the denominator of every share.
  std::vector<__int128> weights;
  __int128 sum = 0;
  for (const auto& part : parts) {
    __int128 weight = part.area_centi_m2;
    if (floor_weights) {
      auto found = floor_weights->find(part.floor);
      weight =
          found == floor_weights->end() ? 0 : found->second.scaled * power_of_ten(decimals - found->second.decimals);
    }
    weights.push_back(weight);
    sum += weight;
  }
  if (sum <= 0) fail_conflict("分摊系数（面积）合计为 0，无法分摊费用");
  std::vector<__int128> remainders;
  std::int64_t given = 0;
  for (std::size_t i = 0; i < parts.size(); ++i) {
    __int128 exact = static_cast<__int128>(total_fen) * weights[i];
    auto share = static_cast<std::int64_t>(exact / sum);
    remainders.push_back(exact % sum);
    given += share;
    std::optional<std::string> weight_text;
    if (floor_weights) {
      auto found = floor_weights->find(parts[i].floor);
      if (found != floor_weights->end()) weight_text = found->second.text;
    }
    split.shares.push_back(Share{parts[i], weight_text, share});
  }
  std::vector<std::size_t> order(parts.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  // Parts are sorted by id, so a stable sort leaves ties in id order.
  std::stable_sort(order.begin(), order.end(),
                   [&](std::size_t a, std::size_t b) { return remainders[a] > remainders[b]; });
  for (std::int64_t left = total_fen - given, i = 0; left > 0; --left, ++i)
    ++split.shares[order[static_cast<std::size_t>(i)]].share_fen;
  return split;
}

std::optional<Stage> next_stage(Stage stage) { return next_in(kWayToService, stage); }

std::optional<std::string> stage_due_on(Stage stage, const std::string& since) {
  auto expected = std::find_if(std::begin(kExpectedStageDays), std::end(kExpectedStageDays),
                               [&](const StageDays& entry) { return entry.stage == stage; });
  auto first = parse_date(since);
  if (expected == std::end(kExpectedStageDays) || !first) return std::nullopt;
  return date_text(std::chrono::year_month_day{std::chrono::sys_days(*first) + expected->days});
}

std::string publicity_last_day(const std::string& starts_on, std::int64_t days) {
  auto first = parse_date(starts_on);
  if (!first) fail_invalid("starts_on", "日期应为 YYYY-MM-DD");
  return date_text(std::chrono::year_month_day{std::chrono::sys_days(*first) + std::chrono::days(days - 1)});
}

void check_publicity(Stage stage) {
  if (stage != Stage::Design)
    fail_conflict("设计方案只在 design 阶段公示，项目现处于 " + code_of(kStages, stage) + " 阶段", "stage");
}

void check_advance(Stage from, Stage to, const ConsentFacts& consent, const Project& project, const std::string& on) {
  if (to == Stage::Withdrawn) {
    if (from == Stage::Construction || from == Stage::Acceptance || from == Stage::InService ||
        from == Stage::Withdrawn) {
      fail_conflict("项目处于 " + code_of(kStages, from) + " 阶段，不能撤回", "to");
    }
    return;
  }
  if (next_stage(from) != to) {
    fail_conflict("项目处于 " + code_of(kStages, from) + " 阶段，只能进入下一阶段" +
                      (next_stage(from) ? " " + code_of(kStages, *next_stage(from)) : std::string()) +
                      "，不能跳过或回退",
                  "to");
  }
  if (to == Stage::Consent) fail_conflict("发起本单元的同意表决后自动进入 consent 阶段", "to");
  if (to == Stage::Design && !consent.counted) fail_conflict("同意表决尚未结束计票，不能进入设计阶段", "to");
  if (to == Stage::Design && !consent.passed) fail_conflict("同意表决未获通过，不能进入设计阶段", "to");
  if (to == Stage::Approval) {
    if (!project.publicity_ends_on) fail_conflict("设计方案尚未公示，公示期满后才能进入报批阶段", "to");
    if (on <= *project.publicity_ends_on) {
      fail_conflict("设计方案公示至 " + *project.publicity_ends_on + "，公示期满后才能进入报批阶段", "to");
    }
  }
}

void check_open(Stage stage) {
  if (stage == Stage::Withdrawn) fail_conflict("项目已撤回", "stage");
}

void check_members(const std::vector<Member>& members) {
  if (members.empty() || members.size() > 20) fail_invalid("members", "工作小组应有 1 至 20 名成员");
  std::set<std::int64_t> people;
  for (std::size_t i = 0; i < members.size(); ++i) {
    const Member& member = members[i];
    std::string prefix = "members[" + std::to_string(i) + "]";
    if (member.person_id && !member.name.empty()) fail_invalid(prefix, "成员请填写 person_id 或 name 之一");
    if (!member.person_id && (blank(member.name) || member.name.size() > 150)) {
      fail_invalid(prefix + ".name", "请填写成员姓名（不超过 50 字）或 person_id");
    }
    if (member.person_id && !people.insert(*member.person_id).second) fail_invalid(prefix + ".person_id", "成员重复");
    check_text(member.role, 40, prefix + ".role", "请填写成员职责（不超过 40 字节）");
  }
}

void check_member_owners(const std::vector<Member>& members, const std::vector<std::int64_t>& unit_owners) {
  for (std::size_t i = 0; i < members.size(); ++i) {
    const auto& person = members[i].person_id;
    if (person && std::find(unit_owners.begin(), unit_owners.end(), *person) == unit_owners.end()) {
      fail_unprocessable("成员 " + std::to_string(*person) + " 不是本单元的业主；其他成员请填写姓名 name",
                         "members[" + std::to_string(i) + "].person_id");
    }
  }
}

void check_mediator_home(const std::string& home_path, const std::string& community_path) {
  if (community_path.empty() || home_path.rfind(community_path, 0) != 0) {
    fail_unprocessable("调解员应为本社区登记的人员；其他调解员请填写姓名 mediator_name", "mediator_person_id");
  }
}

std::string contract_label(const Contract& contract) {
  return std::to_string(contract.maintenance_years) + "+" + std::to_string(contract.warranty_years);
}

void check_contract(const Contract& contract) {
  check_text(contract.provider, 100, "provider", "请填写维保单位（不超过 100 字节）");
  if (contract.maintenance_years < 1 || contract.maintenance_years > 50) {
    fail_invalid("maintenance_years", "维保年限应为 1 至 50 年");
  }
  if (contract.warranty_years < 0 || contract.warranty_years > 20)
    fail_invalid("warranty_years", "质保年限应为 0 至 20 年");
  if (contract.response_minutes && (*contract.response_minutes < 1 || *contract.response_minutes > 1440)) {
    fail_invalid("response_minutes", "救援响应时间应为 1 至 1440 分钟");
  }
  if (contract.note.size() > 2000) fail_invalid("note", "备注不超过 2000 字节");
}

void check_mediation(const MediationInput& input) {
  if (input.parties.empty() || input.parties.size() > 20) fail_invalid("parties", "请列出 1 至 20 个当事方");
  for (std::size_t i = 0; i < input.parties.size(); ++i) {
    check_text(input.parties[i], 100, "parties[" + std::to_string(i) + "]", "当事方应为 1 至 100 字节的文字");
  }
  if (input.mediator_person_id && input.mediator_name) {
    fail_invalid("mediator_name", "调解人请填写 mediator_person_id 或 mediator_name 之一");
  }
  if (input.mediator_name) check_text(*input.mediator_name, 150, "mediator_name", "调解人姓名不超过 50 字");
  check_text(input.issue, 2000, "issue", "请填写争议事项（不超过 2000 字节）");
  if (input.outcome == MediationOutcome::Agreed && (!input.agreement || blank(*input.agreement))) {
    fail_invalid("agreement", "达成调解协议时请填写协议内容");
  }
  if (input.agreement && input.agreement->size() > 2000) fail_invalid("agreement", "协议内容不超过 2000 字节");
}

void check_stage_day(const std::string& on, const std::optional<std::string>& last_stage_day) {
  covenant::checked_date(on, "on");
  if (last_stage_day) covenant::check_not_before(on, *last_stage_day, "on", "上一阶段的日期");
}

void check_project_request(const std::optional<std::string>& title, const std::string& on) {
  covenant::checked_date(on, "on");
  if (title) check_text(*title, 200, "title", "项目名称应为 1 至 200 字节");
}

void check_unit_free(const UnitRecord& unit, const Eligibility& eligibility) {
  if (!eligibility.eligible) {
    std::string reasons;
    for (const auto& reason : eligibility.reasons) reasons += (reasons.empty() ? "" : "；") + reason;
    fail_conflict("该单元不符合加装电梯条件：" + reasons, "unit_id");
  }
  if (unit.project_id)
    fail_conflict("该单元已有加装电梯项目（编号 " + std::to_string(*unit.project_id) + "）", "unit_id");
}

void check_consent_start(Stage stage) {
  if (stage != Stage::Proposal) {
    fail_conflict("只有 proposal 阶段的项目才能发起同意表决，该项目处于 " + code_of(kStages, stage) + " 阶段", "stage");
  }
}

void check_publicity_start(const std::string& starts_on, const std::string& design_day) {
  if (starts_on < design_day) fail_invalid("starts_on", "公示不能早于进入设计阶段的日期 " + design_day);
}

}  // namespace weizhi::elevators
