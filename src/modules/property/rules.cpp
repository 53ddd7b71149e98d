// Pure decisions on property companies, clusters, contracts and the task catalogue (docs/rules.md).
#include "modules/property/rules.hpp"

#include <algorithm>
#include <chrono>
#include <set>

#include "core/code_table.hpp"
#include "core/entries.hpp"
#include "core/error.hpp"
#include "core/text.hpp"
#include "core/time.hpp"

namespace weizhi::property {

namespace {

constexpr CodeTable<Holder> kHolderLabels = {{Holder::Community, "社区社工"}, {Holder::Property, "物业企业"}};

// GB 32100-2015 table 1: the characters of a code, each standing for its position (0–30).
constexpr std::string_view kCreditCodeCharacters = "0123456789ABCDEFGHJKLMNPQRTUWXY";
constexpr int kCreditCodeModulus = 31;
constexpr std::size_t kCreditCodeLength = 18;
// Matter 4 of Civil Code Art. 278 para. 1: choosing and dismissing the property service company.
constexpr int kPropertyMatter = 4;
constexpr std::int64_t kMostFenPerMonth = 10'000'000'000;

void check_characters(const std::string& text, std::size_t most, const std::string& field, const std::string& what) {
  if (blank(text) || characters(text) > most) {
    fail_invalid(field, what + "应为 1–" + std::to_string(most) + " 个字");
  }
}

template <class T>
void check_distinct(const std::vector<T>& list, const std::string& field, const std::string& message) {
  if (std::set<T>(list.begin(), list.end()).size() != list.size()) fail_invalid(field, message);
}

}  // namespace

std::optional<char> credit_code_check_character(std::string_view first_seventeen) {
  if (first_seventeen.size() != kCreditCodeLength - 1) return std::nullopt;
  // The weight of position i (from 0) is 3^i mod 31.
  int weight = 1;
  int sum = 0;
  for (char c : first_seventeen) {
    auto value = kCreditCodeCharacters.find(c);
    if (value == std::string_view::npos) return std::nullopt;
    sum = (sum + static_cast<int>(value) * weight) % kCreditCodeModulus;
    weight = weight * 3 % kCreditCodeModulus;
  }
  return kCreditCodeCharacters[(kCreditCodeModulus - sum) % kCreditCodeModulus];
}

bool credit_code_valid(std::string_view code) {
  if (code.size() != kCreditCodeLength) return false;
  auto check = credit_code_check_character(code.substr(0, kCreditCodeLength - 1));
  return check && *check == code.back();
}

void check_company(const CompanyInput& input) {
  check_characters(input.name, 100, "name", "企业名称");
  if (!credit_code_valid(input.credit_code)) {
    fail_invalid("credit_code", "统一社会信用代码应为 18 位（数字及除 I、O、S、V、Z 外的大写字母），且校验码正确");
  }
  check_entries(
      input.specialities, 20, "specialities", "专长最多 20 项",
      [](const std::string& speciality, const std::string& field) { check_characters(speciality, 20, field, "专长"); });
  check_distinct(input.specialities, "specialities", "专长重复");
  check_entries(input.contacts, 10, "contacts", "联系人最多 10 位",
                [](const Contact& contact, const std::string& field) {
                  check_characters(contact.name, 40, field + ".name", "联系人姓名");
                  if (characters(contact.title) > 40) fail_invalid(field + ".title", "职务最多 40 个字");
                  check_characters(contact.phone, 20, field + ".phone", "联系电话");
                });
  check_entries(input.licence_photos, 10, "licence_photos", "证照照片最多 10 张",
                [](const std::string&, const std::string&) {});
  check_distinct(input.licence_photos, "licence_photos", "证照照片重复");
}

void check_contract_vote(const VoteFacts& vote, std::int64_t compound_node_id, std::int64_t item) {
  if (vote.compound_node_id != compound_node_id) fail_unprocessable("该表决不是本小区的表决", "vote_id");
  if (vote.matter != kPropertyMatter) {
    fail_unprocessable("该表决不是选聘或解聘物业服务企业的表决（事项 4）", "vote_id");
  }
  if (!vote.counted) fail_unprocessable("该表决尚未结束计票", "vote_id");
  if (item < 1 || item > vote.item_count) {
    fail_unprocessable("该表决只有 " + std::to_string(vote.item_count) + " 项", "vote_item");
  }
  if (!vote.item_passed) fail_unprocessable("该表决事项未获通过", "vote_item");
}

void check_contract_terms(const ContractTerms& terms) {
  covenant::checked_date(terms.starts_on, "starts_on");
  covenant::checked_date(terms.ends_on, "ends_on");
  if (terms.ends_on <= terms.starts_on) fail_invalid("ends_on", "合同终止日期应晚于起始日期");
  for (const auto& [fen, field] : {std::pair{terms.base_fen, "base_fen"}, std::pair{terms.pool_fen, "pool_fen"}}) {
    if (fen < 0 || fen > kMostFenPerMonth) fail_invalid(field, "金额应为 0 至 100000000 元之间的整数分");
  }
  check_entries(
      terms.services, 30, "services", "服务事项最多 30 项",
      [](const std::string& service, const std::string& field) { check_characters(service, 30, field, "服务事项"); });
  check_distinct(terms.services, "services", "服务事项重复");
  check_distinct(terms.gate_tiers, "gate_tiers", "门岗层级重复");
}

void check_draft(const Contract& contract) {
  if (contract.state != ContractState::Draft) {
    fail_conflict("合同当前状态为 " + code_of(kContractStates, contract.state) + "，只有草拟中的合同可以修改或通过",
                  "state");
  }
}

void check_adoption(const Contract& contract, const VoteFacts& vote, std::int64_t item, const std::string& adopted_on,
                    const std::optional<Contract>& in_force) {
  check_draft(contract);
  check_contract_vote(vote, contract.terms.compound_node_id, item);
  covenant::checked_date(adopted_on, "adopted_on");
  if (adopted_on > contract.terms.ends_on) fail_invalid("adopted_on", "生效日期不能晚于合同终止日期");
  if (in_force && in_force->adopted_on) {
    covenant::check_not_before(adopted_on, *in_force->adopted_on, "adopted_on", "现行合同的生效日期");
  }
}

void check_ending(const Contract& contract, const VoteFacts& vote, std::int64_t item, const std::string& ended_on,
                  const std::string& reason) {
  if (contract.state != ContractState::InForce) fail_conflict("只有履行中的合同可以解除", "state");
  check_contract_vote(vote, contract.terms.compound_node_id, item);
  covenant::checked_date(ended_on, "ended_on");
  if (contract.adopted_on) covenant::check_not_before(ended_on, *contract.adopted_on, "ended_on", "合同生效日期");
  check_text(reason, 500, "reason", "请填写解聘原因（最多 500 字节）");
}

bool operating_on(const Operator& op, const std::string& day) {
  return op.since <= day && (!op.until || day <= *op.until);
}

OperatorChange check_new_operator(const std::vector<Operator>& operators, std::int64_t company_id, OperatorRole role,
                                  const std::string& since) {
  covenant::checked_date(since, "since");
  OperatorChange change;
  for (const auto& op : operators) {
    bool open = !op.until;
    if (op.company_id == company_id && (open || since <= *op.until)) {
      fail_conflict("该企业此时已在运营本片区组团", "company_id");
    }
    if (role == OperatorRole::Lead && op.role == OperatorRole::Lead && open) {
      if (since <= op.since) fail_unprocessable("新牵头企业的起始日期应晚于现牵头企业的起始日期", "since");
      change.ended_lead_id = op.id;
      change.ended_until = *day_before(since);
    }
  }
  return change;
}

void check_operator_end(const Operator& op, const std::string& until) {
  if (op.until) fail_conflict("该企业的运营已于 " + *op.until + " 结束", "until");
  covenant::checked_date(until, "until");
  covenant::check_not_before(until, op.since, "until", "运营起始日期");
}

void check_community_move(std::optional<std::int64_t> from, std::int64_t to,
                          const std::optional<std::string>& last_move_on, const std::string& on) {
  if (from == to) fail_conflict("该社区已属于本片区组团", "community_id");
  covenant::checked_date(on, "on");
  if (last_move_on) covenant::check_not_before(on, *last_move_on, "on", "该社区上次调整组团的日期");
}

void check_task(const TaskInput& input) {
  if (input.code.empty() || input.code.size() > 40 ||
      input.code.find_first_not_of("abcdefghijklmnopqrstuvwxyz0123456789-") != std::string::npos) {
    fail_invalid("code", "编码应为 1–40 个小写字母、数字或 -");
  }
  check_characters(input.name, 40, "name", "事务名称");
  covenant::checked_date(input.since, "since");
  check_entries(input.service_items, 20, "service_items", "服务事项最多 20 项",
                [](const std::string&, const std::string&) {});
  check_distinct(input.service_items, "service_items", "服务事项重复");
}

void check_task_move(const Task& task, Holder to, const std::string& on, const std::string& note) {
  if (task.input.holder == to) fail_conflict("该事务已由" + code_of(kHolderLabels, to) + "承担", "holder");
  covenant::checked_date(on, "on");
  covenant::check_not_before(on, task.input.since, "on", "该事务由现承担方承担的日期");
  if (note.size() > 500) fail_invalid("note", "说明最多 500 字节");
}

std::optional<std::string> day_before(const std::string& day) {
  auto date = parse_date(day);
  if (!date) return std::nullopt;
  return date_text(std::chrono::year_month_day(std::chrono::sys_days(*date) - std::chrono::days(1)));
}

std::optional<Holder> holder_on(const Task& task, const std::vector<TaskMove>& moves, const std::string& day) {
  auto later = std::find_if(moves.begin(), moves.end(), [&](const TaskMove& move) { return move.on > day; });
  if (later != moves.end()) return later->from;
  if (task.input.since > day) return std::nullopt;
  return task.input.holder;
}

}  // namespace weizhi::property
