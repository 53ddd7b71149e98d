// People rules: field checks, GB 11643-1999 check digit, talent tags, the §B voting roll.
#include "modules/people/rules.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <map>
#include <set>

#include "core/address.hpp"
#include "core/masking.hpp"
#include "core/text.hpp"

namespace weizhi::people {

namespace {

std::string trimmed(const std::string& text) {
  auto is_space = [](unsigned char c) { return std::isspace(c) != 0; };
  auto first = std::find_if_not(text.begin(), text.end(), is_space);
  auto last = std::find_if_not(text.rbegin(), text.rend(), is_space).base();
  return first < last ? std::string(first, last) : std::string();
}

bool is_digit(char c) { return c >= '0' && c <= '9'; }

}  // namespace

const std::vector<std::string>& talent_tags() {
  static const std::vector<std::string> tags{
      "civic_supervisor",      "gold_mediator",          "building_leader", "resident_group_leader", "social_worker",
      "enthusiastic_resident", "party_member_volunteer", "legal_advisor",   "medical_worker",        "retired_cadre"};
  return tags;
}

std::optional<std::string> name_problem(const std::string& name) {
  std::string value = trimmed(name);
  if (value.empty()) return "姓名不能为空";
  if (characters(value) > 50) return "姓名不能超过 50 个字";
  for (unsigned char c : value) {
    if (c < 0x20 || c == 0x7F) return "姓名不能含控制字符";
  }
  return std::nullopt;
}

std::optional<std::string> phone_problem(const std::string& phone) {
  for (char c : phone) {
    if (!is_digit(c) && c != ' ' && c != '-' && c != '+') return "手机号只能含数字、空格、短横线和 +86";
  }
  std::string digits = normalise_phone(phone);
  if (digits.size() != 11 || digits[0] != '1' || digits[1] < '3') return "应为 11 位大陆手机号（1[3-9] 开头）";
  return std::nullopt;
}

SearchKind search_kind(const std::string& text) {
  if (!phone_problem(text)) return SearchKind::Phone;
  std::string key = address_key(text);
  return std::any_of(key.begin(), key.end(), is_digit) ? SearchKind::Address : SearchKind::Name;
}

char id_check_character(const std::string& first_seventeen_digits) {
  static constexpr std::array<int, 17> kWeights{7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
  static constexpr char kCheck[] = "10X98765432";
  int sum = 0;
  for (std::size_t i = 0; i < kWeights.size(); ++i) sum += (first_seventeen_digits[i] - '0') * kWeights[i];
  return kCheck[sum % 11];
}

std::optional<std::string> id_number_problem(const std::string& id_number) {
  if (id_number.size() != 18) return "身份证号应为 18 位";
  if (!std::all_of(id_number.begin(), id_number.begin() + 17, is_digit)) return "身份证号前 17 位应为数字";
  if (normalise_id_number(id_number).back() != id_check_character(id_number.substr(0, 17))) {
    return "身份证号校验位不符（GB 11643-1999）";
  }
  return std::nullopt;
}

std::optional<std::string> birth_year_problem(std::int64_t year, std::int64_t current_year) {
  if (year < 1900 || year > current_year) return "出生年份应在 1900 到 " + std::to_string(current_year) + " 之间";
  return std::nullopt;
}

std::optional<std::string> tags_problem(const std::vector<std::string>& tags) {
  const auto& known = talent_tags();
  std::set<std::string> seen;
  for (const auto& tag : tags) {
    if (std::find(known.begin(), known.end(), tag) == known.end()) return "不认识的能人标签 " + tag;
    if (!seen.insert(tag).second) return "能人标签 " + tag + " 重复";
  }
  return std::nullopt;
}

std::optional<std::string> unmask_reason_problem(const std::string& reason) {
  std::size_t length = characters(trimmed(reason));
  if (length < 5 || length > 200) return "查看原文须说明理由（5–200 字）";
  return std::nullopt;
}

std::optional<std::string> proxy_reference_problem(const std::string& reference) {
  std::size_t length = characters(trimmed(reference));
  if (length < 1 || length > 100) return "委托书编号应为 1–100 字";
  return std::nullopt;
}

std::optional<FieldProblem> change_problem(const PersonChange& change, std::int64_t current_year) {
  auto problem_of = [](const std::string& field, const std::optional<std::string>& message) {
    return message ? std::optional<FieldProblem>(FieldProblem{field, *message}) : std::nullopt;
  };
  if (change.name) {
    if (auto found = problem_of("name", name_problem(*change.name))) return found;
  }
  if (change.phone && *change.phone) {
    if (auto found = problem_of("phone", phone_problem(**change.phone))) return found;
  }
  if (change.id_number && *change.id_number) {
    if (auto found = problem_of("id_number", id_number_problem(**change.id_number))) return found;
  }
  if (change.birth_year && *change.birth_year) {
    if (auto found = problem_of("birth_year", birth_year_problem(**change.birth_year, current_year))) return found;
  }
  if (change.tags) return problem_of("tags", tags_problem(*change.tags));
  return std::nullopt;
}

std::vector<std::string> changed_field_names(const PersonChange& change) {
  std::vector<std::string> names;
  if (change.home_node_id) names.push_back("home_node_id");
  if (change.name) names.push_back("name");
  if (change.phone) names.push_back("phone");
  if (change.id_number) names.push_back("id_number");
  if (change.birth_year) names.push_back("birth_year");
  if (change.party_member) names.push_back("party_member");
  if (change.tags) names.push_back("tags");
  if (change.is_developer) names.push_back("is_developer");
  return names;
}

PersonChange as_change(const PersonInput& input) {
  PersonChange change;
  change.home_node_id = input.home_node_id;
  change.name = input.name;
  change.phone.emplace(input.phone);
  change.id_number.emplace(input.id_number);
  change.birth_year.emplace(input.birth_year);
  change.party_member = input.party_member;
  change.tags = input.tags;
  change.is_developer = input.is_developer;
  return change;
}

std::string normalise_name(const std::string& name) { return trimmed(name); }

std::string normalise_id_number(const std::string& id_number) {
  std::string value = id_number;
  if (!value.empty() && value.back() == 'x') value.back() = 'X';
  return value;
}

bool counts_for_voting(const std::string& part_use) { return part_use != "parking" && part_use != "stall"; }

VotingRoll build_roll(const std::vector<OwnedPart>& parts) {
  VotingRoll roll;
  std::map<std::int64_t, Voter> voters;  // by the person casting the vote
  std::optional<Voter> developer;
  auto credit = [](Voter& voter, const OwnedPart& part) {
    voter.area_centi_m2 += part.area_centi_m2;
    voter.part_ids.push_back(part.part_id);
  };
  for (const auto& part : parts) {
    if (!counts_for_voting(part.use)) continue;
    roll.total_area_centi_m2 += part.area_centi_m2;
    if (part.owners.empty()) {
      roll.parts_without_owner.push_back(part.part_id);
      continue;
    }
    auto developer_owner =
        std::find_if(part.owners.begin(), part.owners.end(), [](const PartOwner& owner) { return owner.is_developer; });
    if (developer_owner != part.owners.end()) {
      if (!developer) developer = Voter{developer_owner->person_id, true, 0, {}};
      developer->person_id = std::min(developer->person_id, developer_owner->person_id);
      credit(*developer, part);
      continue;
    }
    std::optional<std::int64_t> caster;
    if (part.owners.size() == 1) {
      caster = part.owners.front().person_id;
    } else {
      auto designated = std::count_if(part.owners.begin(), part.owners.end(),
                                      [](const PartOwner& owner) { return owner.designated_voter; });
      if (designated == 1) {
        caster = std::find_if(part.owners.begin(), part.owners.end(), [](const PartOwner& owner) {
                   return owner.designated_voter;
                 })->person_id;
      }
    }
    if (!caster) {
      roll.parts_without_designated_voter.push_back(part.part_id);
      continue;
    }
    credit(voters.try_emplace(*caster, Voter{*caster, false, 0, {}}).first->second, part);
  }
  for (auto& [person_id, voter] : voters) roll.voters.push_back(std::move(voter));
  if (developer) {
    roll.voters.push_back(std::move(*developer));
    std::sort(roll.voters.begin(), roll.voters.end(),
              [](const Voter& a, const Voter& b) { return a.person_id < b.person_id; });
  }
  roll.owner_count = static_cast<std::int64_t>(roll.voters.size() + roll.parts_without_designated_voter.size() +
                                               roll.parts_without_owner.size());
  return roll;
}

std::optional<ApiError> change_refusal(const PersonChange& change, const ChangeFacts& facts) {
  if (change.home_node_id) {
    if (!facts.home_kind) return ApiError(404, "not_found", "找不到登记所在的组织节点", "home_node_id");
    if (*facts.home_kind != "compound" && *facts.home_kind != "community") {
      return ApiError(422, "unprocessable", "人员应登记在小区（或社区工作人员登记在社区）", "home_node_id");
    }
  }
  if (facts.phone_holders > 0) return ApiError(409, "conflict", "该手机号已登记在另一人名下", "phone");
  return std::nullopt;
}

std::optional<ApiError> link_refusal(const LinkInput& link, const LinkFacts& facts) {
  if (!facts.part_kind) return ApiError(404, "not_found", "找不到该户");
  if (*facts.part_kind != "part")
    return ApiError(422, "unprocessable", "只能关联到户（房屋），该节点不是户", "part_id");
  if (!facts.person_exists) return ApiError(404, "not_found", "找不到该人员", "person_id");
  if (link.designated_voter && link.relation != Relation::Owner) {
    return ApiError(422, "unprocessable", "只有业主（共有人）可以被指定为投票人", "designated_voter");
  }
  if (facts.already_linked) return ApiError(409, "conflict", "该人员与该户的这一关系已登记", "person_id");
  if (link.designated_voter && facts.part_has_designated) {
    return ApiError(409, "conflict", "该户已有指定投票人，一户只能指定一人", "designated_voter");
  }
  return std::nullopt;
}

}  // namespace weizhi::people
