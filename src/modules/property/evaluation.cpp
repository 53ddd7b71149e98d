// The monthly three-in-one evaluation as exact arithmetic (docs/rules.md#g-evaluation): sheet and month scores, the
// share of the pool and the pay, and the export that anyone can recompute them from.
#include "modules/property/evaluation.hpp"

#include <algorithm>
#include <set>

#include "core/entries.hpp"
#include "core/error.hpp"
#include "core/json.hpp"
#include "core/json_array.hpp"
#include "core/json_code.hpp"
#include "core/text.hpp"
#include "core/time.hpp"

namespace weizhi::property {

namespace {

// Sums of ratios are formed in 128 bits and reduced; the checks' bounds keep every reduced result in 64.
using Wide = __int128;

struct WideRatio {
  Wide num = 0;
  Wide den = 1;
};

Wide gcd_of(Wide a, Wide b) {
  if (a < 0) a = -a;
  while (b != 0) {
    Wide rest = a % b;
    a = b;
    b = rest;
  }
  return a;
}

WideRatio reduced(Wide num, Wide den) {
  Wide divisor = gcd_of(num, den);
  return {num / divisor, den / divisor};
}

Rational narrow(const WideRatio& ratio) {
  return {static_cast<std::int64_t>(ratio.num), static_cast<std::int64_t>(ratio.den)};
}

// docs/rules.md#g-sheet-score: 100 × Σ points / Σ max.
Rational sheet_score(const Sheet& sheet) {
  Wide points = 0, max = 0;
  for (const auto& item : sheet.items) {
    points += item.points;
    max += item.max;
  }
  return narrow(reduced(100 * points, max));
}

// docs/rules.md#g-share.
Rational share_of(const Rational& score, const EvaluationPolicy& policy) {
  Wide num = score.num, den = score.den;
  if (num < policy.floor * den) return {0, 1};
  if (num >= policy.full * den) return {1, 1};
  return narrow(reduced(num - policy.floor * den, den * (policy.full - policy.floor)));
}

// docs/rules.md#g-pay: pool × share, half a fen and more rounded up.
std::int64_t performance_fen(std::int64_t pool_fen, const Rational& share) {
  Wide twice = Wide{2} * pool_fen * share.num;
  return static_cast<std::int64_t>((twice + share.den) / (Wide{2} * share.den));
}

EvaluationOutcome outcome_of(bool vetoed, const std::optional<Rational>& score, const Rational& share) {
  if (vetoed) return EvaluationOutcome::Vetoed;
  if (!score) return EvaluationOutcome::NotEvaluated;
  if (share.num == 0) return EvaluationOutcome::None;
  return share.num == share.den ? EvaluationOutcome::Full : EvaluationOutcome::Partial;
}

void check_money(std::int64_t fen, const std::string& field) {
  if (fen < 0) fail_invalid(field, field + " 不能为负数");
  if (fen > kMaxEvaluationFen) fail_invalid(field, field + " 不能超过 1000000000000 分");
}

void check_policy(const EvaluationPolicy& policy) {
  std::int64_t sum = 0;
  for (const auto& [party, code] : kEvaluators) {
    std::int64_t weight = policy.weight_of(party);
    std::string field = "policy.weights." + std::string(code);
    if (weight < 0 || weight > 100) fail_invalid(field, field + " 应为 0 到 100 的整数");
    sum += weight;
  }
  if (sum != 100) fail_invalid("policy.weights", "policy.weights 各方权重之和应为 100，此处为 " + std::to_string(sum));
  if (policy.floor < 0 || policy.floor > 100) fail_invalid("policy.floor", "policy.floor 应为 0 到 100 的整数");
  if (policy.full < 0 || policy.full > 100) fail_invalid("policy.full", "policy.full 应为 0 到 100 的整数");
  if (policy.floor >= policy.full) fail_invalid("policy.floor", "policy.floor 应小于 policy.full");
}

void check_item(const SheetItem& item, const std::string& field, std::set<std::string>& codes) {
  check_text(item.code, 64, field + ".code", field + ".code 应为不超过 64 字节的指标代码");
  if (!codes.insert(item.code).second) {
    fail_invalid(field + ".code", field + ".code 「" + item.code + "」在本表中重复");
  }
  if (item.max <= 0) fail_invalid(field + ".max", field + ".max 应大于 0");
  if (item.points < 0) fail_invalid(field + ".points", field + ".points 不能小于 0");
  if (item.points > item.max) {
    fail_invalid(field + ".points", field + ".points 不能大于该项最高分 " + hundredths_text(item.max));
  }
}

void check_sheet(const Sheet& sheet, const std::string& field, std::set<Evaluator>& parties) {
  if (!parties.insert(sheet.party).second) {
    fail_invalid(field + ".party",
                 field + ".party：" + code_of(kEvaluators, sheet.party) + " 本月已有评价表，每方只能填一张");
  }
  std::string items_field = field + ".items";
  if (sheet.items.empty()) fail_invalid(items_field, items_field + " 至少应有一项指标");
  std::set<std::string> codes;
  check_entries(sheet.items, kMaxSheetItems, items_field,
                items_field + " 至多 " + std::to_string(kMaxSheetItems) + " 项指标",
                [&](const SheetItem& item, const std::string& item_field) { check_item(item, item_field, codes); });
  std::int64_t total = 0;
  for (const auto& item : sheet.items) total += item.max;
  if (total > kMaxSheetTotal) {
    fail_invalid(items_field, items_field + " 的最高分合计不能超过 " + hundredths_text(kMaxSheetTotal));
  }
}

void check_veto(const Veto& veto, const std::string& field) {
  check_text(veto.code, 64, field + ".code", field + ".code 应为不超过 64 字节的否决事项代码");
  if (veto.note.size() > 2000) fail_invalid(field + ".note", field + ".note 不能超过 2000 字节");
}

// A decimal of the export: a JSON string of at most two places; a JSON number is refused, since a float
// would not say its places exactly.
std::int64_t decimal_field(JsonObject& object, const std::string& key) {
  const Json& value = object.any(key);
  auto hundredths = value.is_string() ? parse_hundredths(value.get<std::string>()) : std::nullopt;
  if (!hundredths) {
    std::string field = object.field_name(key);
    fail_invalid(field, field + " 应为最多两位小数的数，写作字符串，如 \"18.5\"");
  }
  return *hundredths;
}

// What `read` makes of the object `value`, the field `field`, refusing any field it left unread.
template <class Read>
auto read_object(const Json& value, const std::string& field, Read read) {
  JsonObject object(value, field);
  auto made = read(object);
  object.finish();
  return made;
}

// The array field `key` of `object`, each element an object read by `read`.
template <class Read>
auto list_field(JsonObject& object, const std::string& key, Read read) {
  std::string field = object.field_name(key);
  return read_array(object.any(key), field, field + " 应为数组",
                    [&](const Json& element, const std::string& name) { return read_object(element, name, read); });
}

EvaluationPolicy read_policy(JsonObject& object) {
  EvaluationPolicy policy;
  policy.weights = read_object(object.any("weights"), object.field_name("weights"), [](JsonObject& weights) {
    std::array<std::int64_t, kEvaluatorCount> by_party{};
    for (const auto& [party, code] : kEvaluators) {
      by_party[static_cast<std::size_t>(party)] = weights.integer(std::string(code));
    }
    return by_party;
  });
  policy.floor = object.integer("floor");
  policy.full = object.integer("full");
  return policy;
}

SheetItem read_item(JsonObject& object) {
  return {object.text("code"), decimal_field(object, "max"), decimal_field(object, "points")};
}

Sheet read_sheet(JsonObject& object) {
  Sheet sheet;
  sheet.party = code_field(object, "party", parser_of(kEvaluators),
                           object.field_name("party") + " 应为 street、community 或 committee");
  sheet.items = list_field(object, "items", read_item);
  return sheet;
}

Veto read_veto(JsonObject& object) { return {object.text("code"), object.text("note")}; }

using Ordered = nlohmann::ordered_json;

Ordered policy_json(const EvaluationPolicy& policy) {
  Ordered weights = Ordered::object();
  for (const auto& [party, code] : kEvaluators) weights[std::string(code)] = policy.weight_of(party);
  return Ordered{{"weights", weights}, {"floor", policy.floor}, {"full", policy.full}};
}

Ordered rational_json(const Rational& ratio) { return Ordered{{"num", ratio.num}, {"den", ratio.den}}; }

}  // namespace

std::optional<std::int64_t> parse_hundredths(std::string_view text) {
  bool negative = text.starts_with('-');
  if (negative) text.remove_prefix(1);
  auto point = text.find('.');
  std::string_view whole = text.substr(0, point);
  std::string_view decimals = point == std::string_view::npos ? std::string_view{} : text.substr(point + 1);
  if (whole.empty() || whole.size() > 9) return std::nullopt;
  if (point != std::string_view::npos && (decimals.empty() || decimals.size() > 2)) return std::nullopt;
  // The digits without the point, padded to two places: the value in hundredths.
  std::string digits = std::string(whole) + std::string(decimals) + std::string(2 - decimals.size(), '0');
  if (digits.find_first_not_of("0123456789") != std::string::npos) return std::nullopt;
  std::int64_t hundredths = std::stoll(digits);
  return negative ? -hundredths : hundredths;
}

std::string hundredths_text(std::int64_t hundredths) {
  std::string sign = hundredths < 0 ? "-" : "";
  std::uint64_t magnitude = hundredths < 0 ? 0 - static_cast<std::uint64_t>(hundredths) : hundredths;
  std::string text = sign + std::to_string(magnitude / 100);
  std::uint64_t cents = magnitude % 100;
  if (cents == 0) return text;
  text += "." + std::to_string(cents / 10);
  if (cents % 10 != 0) text += std::to_string(cents % 10);
  return text;
}

void check_evaluation(const EvaluationInput& input) {
  if (input.month.size() != 7 || !parse_date(input.month + "-01")) {
    fail_invalid("month", "month 应为 YYYY-MM 格式的月份，如 2026-11");
  }
  if (input.contract <= 0) fail_invalid("contract", "contract 应为合同编号（正整数）");
  check_money(input.base_fen, "base_fen");
  check_money(input.pool_fen, "pool_fen");
  check_policy(input.policy);
  std::set<Evaluator> parties;
  for (std::size_t i = 0; i < input.sheets.size(); ++i)
    check_sheet(input.sheets[i], element_field("sheets", i), parties);
  check_entries(input.vetoes, kMaxVetoes, "vetoes", "vetoes 至多 " + std::to_string(kMaxVetoes) + " 项", check_veto);
}

EvaluationResult evaluate(const EvaluationInput& input) {
  check_evaluation(input);
  EvaluationResult result;
  result.month = input.month;
  result.policy = input.policy;
  // docs/rules.md#g-month-score: re-weighted over the parties present; one of weight 0 adds nothing to either sum.
  WideRatio weighted_sum;
  Wide weight_present = 0;
  for (const auto& evaluator : kEvaluators) {
    const Evaluator party = evaluator.first;
    auto sheet = std::find_if(input.sheets.begin(), input.sheets.end(),
                              [&](const Sheet& candidate) { return candidate.party == party; });
    std::int64_t weight = input.policy.weight_of(party);
    if (sheet == input.sheets.end()) {
      if (weight > 0) result.missing.push_back(party);
      continue;
    }
    Rational score = sheet_score(*sheet);
    result.sheets.push_back({party, score});
    weighted_sum =
        reduced(weighted_sum.num * score.den + weight * score.num * weighted_sum.den, weighted_sum.den * score.den);
    weight_present += weight;
  }
  result.incomplete = !result.missing.empty();
  if (weight_present > 0) result.score = narrow(reduced(weighted_sum.num, weighted_sum.den * weight_present));
  bool vetoed = !input.vetoes.empty();
  result.share = vetoed || !result.score ? Rational{0, 1} : share_of(*result.score, input.policy);
  result.performance_fen = performance_fen(input.pool_fen, result.share);
  result.total_fen = input.base_fen + result.performance_fen;
  result.outcome = outcome_of(vetoed, result.score, result.share);
  return result;
}

EvaluationInput read_evaluation_json(std::string_view text) {
  auto input = read_object(parse_json_object(text), "", [](JsonObject& object) {
    EvaluationInput read;
    read.month = object.text("month");
    read.contract = object.integer("contract");
    read.base_fen = object.integer("base_fen");
    read.pool_fen = object.integer("pool_fen");
    read.policy = read_object(object.any("policy"), "policy", read_policy);
    read.sheets = list_field(object, "sheets", read_sheet);
    read.vetoes = list_field(object, "vetoes", read_veto);
    return read;
  });
  check_evaluation(input);
  return input;
}

std::string evaluation_json(const EvaluationInput& input) {
  Ordered sheets = Ordered::array();
  for (const auto& sheet : input.sheets) {
    Ordered items = Ordered::array();
    for (const auto& item : sheet.items) {
      items.push_back(
          Ordered{{"code", item.code}, {"max", hundredths_text(item.max)}, {"points", hundredths_text(item.points)}});
    }
    sheets.push_back(Ordered{{"party", code_of(kEvaluators, sheet.party)}, {"items", items}});
  }
  Ordered vetoes = Ordered::array();
  for (const auto& veto : input.vetoes) vetoes.push_back(Ordered{{"code", veto.code}, {"note", veto.note}});
  return Ordered{{"month", input.month},
                 {"contract", input.contract},
                 {"base_fen", input.base_fen},
                 {"pool_fen", input.pool_fen},
                 {"policy", policy_json(input.policy)},
                 {"sheets", sheets},
                 {"vetoes", vetoes}}
             .dump(2) +
         "\n";
}

std::string evaluation_result_json(const EvaluationResult& result) {
  Ordered sheets = Ordered::array();
  for (const auto& sheet : result.sheets) {
    sheets.push_back(Ordered{{"party", code_of(kEvaluators, sheet.party)}, {"score", rational_json(sheet.score)}});
  }
  Ordered missing = Ordered::array();
  for (Evaluator party : result.missing) missing.push_back(code_of(kEvaluators, party));
  return Ordered{{"month", result.month},
                 {"sheets", sheets},
                 {"score", result.score ? rational_json(*result.score) : Ordered(nullptr)},
                 {"share", rational_json(result.share)},
                 {"performance_fen", result.performance_fen},
                 {"total_fen", result.total_fen},
                 {"outcome", code_of(kEvaluationOutcomes, result.outcome)},
                 {"incomplete", result.incomplete},
                 {"missing", missing},
                 {"policy", policy_json(result.policy)}}
             .dump(2) +
         "\n";
}

}  // namespace weizhi::property
