// The course of a month's evaluation (docs/rules.md#g-month-course): templates, the street's policy, system items,
// a submitted sheet, due days and reviews. The arithmetic itself is evaluation.cpp's.
#include "modules/property/evaluation_rules.hpp"

#include <algorithm>
#include <chrono>
#include <set>

#include "core/entries.hpp"
#include "core/error.hpp"
#include "core/json_array.hpp"
#include "core/text.hpp"
#include "core/time.hpp"

namespace weizhi::property {

namespace {

constexpr std::size_t kMaxItemCodeBytes = 40;
constexpr std::size_t kMaxItemNameBytes = 120;
constexpr std::int64_t kMaxDueDay = 28;    // every month has it
constexpr std::int64_t kStars = 5;         // a resident's rating is 1–5 stars
constexpr std::int64_t kOverdueSteps = 5;  // each violation open past its deadline takes a fifth of the item

bool valid_item_code(const std::string& code) {
  return !code.empty() && code.size() <= kMaxItemCodeBytes &&
         std::all_of(code.begin(), code.end(), [](unsigned char c) {
           return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
         });
}

std::int64_t decimal_field(const Json& value, const std::string& field) {
  auto hundredths = value.is_string() ? parse_hundredths(value.get<std::string>()) : std::nullopt;
  if (!hundredths) fail_invalid(field, "字段 " + field + " 应为至多两位小数的文字，如 \"18.5\"");
  return *hundredths;
}

std::chrono::year_month month_of(const std::string& month) {
  return std::chrono::year{std::stoi(month.substr(0, 4))} / std::chrono::month{unsigned(std::stoi(month.substr(5)))};
}

std::string month_text(std::chrono::year_month month) { return date_text(month / std::chrono::day{1}).substr(0, 7); }

}  // namespace

std::vector<TemplateItem> read_template_items(const Json& items) {
  auto read = read_array(items, "items", "字段 items 应为指标数组", [](const Json& item, const std::string& field) {
    if (!item.is_object()) fail_invalid(field, "字段 " + field + " 应为对象");
    JsonObject object(item, field);
    TemplateItem read_item;
    read_item.code = object.text("code");
    if (!valid_item_code(read_item.code)) {
      fail_invalid(field + ".code", "指标代码应为 1–40 个小写字母、数字、_ 或 -");
    }
    read_item.name = object.text("name");
    check_text(read_item.name, kMaxItemNameBytes, field + ".name", "指标名称不能为空，且不超过 40 个字");
    read_item.max = decimal_field(object.any("max"), field + ".max");
    if (read_item.max <= 0) fail_invalid(field + ".max", "指标最高分应大于 0");
    if (const Json* source = object.optional_any("source"); source && !source->is_null()) {
      auto parsed = source->is_string() ? parse_code(kItemSources, source->get<std::string>()) : std::nullopt;
      if (!parsed)
        fail_invalid(field + ".source",
                     "数据来源应为 cases_on_time、resident_rating、violations_overdue 或 satisfaction_survey");
      read_item.source = parsed;
    }
    object.finish();
    return read_item;
  });
  if (read.empty() || read.size() > kMaxSheetItems) fail_invalid("items", "考核表应有 1 到 100 个指标");
  std::set<std::string> codes;
  std::int64_t total = 0;
  for (std::size_t i = 0; i < read.size(); ++i) {
    if (!codes.insert(read[i].code).second) fail_invalid(element_field("items", i) + ".code", "指标代码重复");
    total += read[i].max;
  }
  if (total > kMaxSheetTotal) fail_invalid("items", "考核表各项最高分合计不能超过 500 分");
  return read;
}

Json template_items_json(const std::vector<TemplateItem>& items) {
  Json json = Json::array();
  for (const auto& item : items) {
    json.push_back({{"code", item.code},
                    {"name", item.name},
                    {"max", hundredths_text(item.max)},
                    {"source", item.source ? Json(code_of(kItemSources, *item.source)) : Json(nullptr)}});
  }
  return json;
}

StreetEvaluationPolicy policy_for_contract(StreetEvaluationPolicy street, const std::optional<EvaluationPolicy>& own) {
  if (own) {
    street.scoring = *own;
    street.scoring_of_contract = true;
  }
  return street;
}

StreetEvaluationPolicy policy_for_contract(const StreetEvaluationPolicy& street,
                                           const std::map<std::int64_t, EvaluationPolicy>& own_scorings,
                                           std::int64_t contract_id) {
  auto own = own_scorings.find(contract_id);
  return policy_for_contract(street, own == own_scorings.end() ? std::nullopt : std::optional(own->second));
}

void check_scoring(const EvaluationPolicy& scoring) {
  std::int64_t sum = 0;
  for (std::int64_t weight : scoring.weights) {
    if (weight < 0 || weight > 100) fail_invalid("weights", "各方权重应为 0 到 100 的整数");
    sum += weight;
  }
  if (sum != 100) fail_invalid("weights", "街道、社区、自管会的权重之和应为 100");
  if (scoring.floor < 0 || scoring.floor > 100) fail_invalid("floor", "起评分应为 0 到 100 的整数");
  if (scoring.full <= scoring.floor || scoring.full > 100) fail_invalid("full", "满额分应大于起评分且不超过 100");
}

void check_street_policy(const StreetEvaluationPolicy& policy) {
  check_scoring(policy.scoring);
  if (policy.due_day < 1 || policy.due_day > kMaxDueDay) fail_invalid("due_day", "考核表截止日应为次月 1 到 28 日");
}

std::int64_t system_points(ItemSource source, const RecordFigures& figures, std::int64_t max) {
  switch (source) {
    case ItemSource::CasesOnTime:
      return figures.cases == 0 ? max : max * figures.cases_on_time / figures.cases;
    case ItemSource::ResidentRating:
      return figures.ratings == 0 ? max : max * figures.rating_stars / (kStars * figures.ratings);
    case ItemSource::ViolationsOverdue:
      return max * std::max<std::int64_t>(0, kOverdueSteps - figures.violations_overdue) / kOverdueSteps;
    case ItemSource::SatisfactionSurvey:
      // The mean rating mapped from 1–5 onto 0–max: max × (mean − 1) / 4.
      return figures.satisfaction_answers == 0 ? max
                                               : max * (figures.satisfaction_sum - figures.satisfaction_answers) /
                                                     ((kStars - 1) * figures.satisfaction_answers);
  }
  return 0;
}

std::vector<SheetItem> read_sheet_items(const std::vector<TemplateItem>& items, const Json& given,
                                        const RecordFigures& figures) {
  struct Given {
    std::string code;
    std::int64_t points;
  };
  auto read = read_array(given, "items", "字段 items 应为指标数组", [](const Json& item, const std::string& field) {
    if (!item.is_object()) fail_invalid(field, "字段 " + field + " 应为对象");
    JsonObject object(item, field);
    Given read_item{object.text("code"), decimal_field(object.any("points"), field + ".points")};
    object.finish();
    return read_item;
  });
  std::vector<SheetItem> sheet;
  std::set<std::string> seen;
  for (std::size_t i = 0; i < read.size(); ++i) {
    std::string field = element_field("items", i);
    auto item = std::find_if(items.begin(), items.end(), [&](const TemplateItem& t) { return t.code == read[i].code; });
    if (item == items.end()) fail_invalid(field + ".code", "考核表没有指标 " + read[i].code);
    if (!seen.insert(read[i].code).second) fail_invalid(field + ".code", "指标 " + read[i].code + " 重复填写");
    if (read[i].points < 0 || read[i].points > item->max) {
      fail_invalid(field + ".points", "得分应在 0 到该项最高分 " + hundredths_text(item->max) + " 之间");
    }
    if (item->source && read[i].points != system_points(*item->source, figures, item->max)) {
      fail_unprocessable("指标 " + item->name + " 由系统按记录计算为 " +
                             hundredths_text(system_points(*item->source, figures, item->max)) +
                             " 分，只能确认，不能改填",
                         field + ".points");
    }
  }
  for (const auto& item : items) {
    auto found = std::find_if(read.begin(), read.end(), [&](const Given& g) { return g.code == item.code; });
    if (found == read.end()) fail_invalid("items", "缺少指标 " + item.code + " 的得分");
    sheet.push_back(SheetItem{item.code, item.max, found->points});
  }
  return sheet;
}

std::string first_day(const std::string& month) { return month + "-01"; }

std::string last_day(const std::string& month) {
  return date_text(std::chrono::year_month_day_last{month_of(month) / std::chrono::last});
}

std::string previous_month(const std::string& month) { return month_text(month_of(month) - std::chrono::months{1}); }

std::string due_date(const std::string& month, std::int64_t due_day) {
  return date_text((month_of(month) + std::chrono::months{1}) / std::chrono::day{unsigned(due_day)});
}

bool in_force_during(const Contract& contract, const std::string& month) {
  if (contract.state == ContractState::Draft || !contract.adopted_on) return false;
  const std::string& last = contract.ended_on ? *contract.ended_on : contract.terms.ends_on;
  return *contract.adopted_on <= last_day(month) && contract.terms.starts_on <= last_day(month) &&
         last >= first_day(month);
}

bool below_floor(const EvaluationResult& result) {
  if (!result.score) return false;
  return result.score->num < result.policy.floor * result.score->den;
}

std::string score_text(const Rational& score) {
  // A score is at most 100 and its ratio fits in 64 bits, but 100 × num may not: the rounding is done in 128.
  __int128 doubled = static_cast<__int128>(score.num) * 200 + score.den;
  return hundredths_text(static_cast<std::int64_t>(doubled / (static_cast<__int128>(score.den) * 2)));
}

std::string yuan_text(std::int64_t fen) {
  std::string yuan = std::to_string(fen / 100);
  for (auto at = static_cast<std::ptrdiff_t>(yuan.size()) - 3; at > 0; at -= 3) yuan.insert(std::size_t(at), ",");
  std::string cents = std::to_string(fen % 100);
  return "¥" + yuan + "." + (cents.size() < 2 ? "0" : "") + cents;
}

std::optional<ReminderDay> reminder_day(const std::string& due_on, const std::string& today) {
  auto due = parse_date(due_on);
  auto day = parse_date(today);
  if (!due || !day) return std::nullopt;
  auto days_left = (std::chrono::sys_days(*due) - std::chrono::sys_days(*day)).count();
  if (days_left == 1) return ReminderDay::Eve;
  if (days_left == 0) return ReminderDay::DueDay;
  return std::nullopt;
}

}  // namespace weizhi::property
