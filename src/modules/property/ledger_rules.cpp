// Pure decisions of a community's ledger: its income, its costs, the street's subsidy, and which record may be voided.
#include <algorithm>
#include <cctype>
#include <cstdio>

#include "core/code_table.hpp"
#include "core/error.hpp"
#include "core/text.hpp"
#include "core/time.hpp"
#include "modules/property/ledger_rules.hpp"

namespace weizhi::property {

namespace {

bool all_digits(std::string_view text) {
  return std::all_of(text.begin(), text.end(), [](unsigned char c) { return std::isdigit(c) != 0; });
}

}  // namespace

bool is_contract_cost(CostKind kind) { return kind == CostKind::ContractBase || kind == CostKind::ContractPerformance; }

std::int64_t read_amount(const Json& value, const std::string& field) {
  const std::string message = "字段 " + field + " 应为以分计的整数金额，0 到 1000000000000";
  if (!value.is_number_integer()) fail_invalid(field, message);
  if (value.is_number_unsigned()) {
    if (value.get<std::uint64_t>() > static_cast<std::uint64_t>(kMaxAmountFen)) fail_invalid(field, message);
    return value.get<std::int64_t>();
  }
  std::int64_t fen = value.get<std::int64_t>();
  if (fen < 0 || fen > kMaxAmountFen) fail_invalid(field, message);
  return fen;
}

void check_month(const std::string& month, const std::string& field) {
  bool shaped = month.size() == 7 && month[4] == '-' && all_digits(month.substr(0, 4)) && all_digits(month.substr(5));
  int number = shaped ? std::stoi(month.substr(5)) : 0;
  int year = shaped ? std::stoi(month.substr(0, 4)) : 0;
  if (number < 1 || number > 12 || year < kFirstYear || year > kLastYear) {
    fail_invalid(field, "字段 " + field + " 应为 YYYY-MM 格式的月份，如 2026-11");
  }
}

std::int64_t parse_year(const std::string& text, const std::string& field) {
  if (text.size() != 4 || !all_digits(text)) fail_invalid(field, "字段 " + field + " 应为四位年份，如 2026");
  std::int64_t year = std::stoi(text);
  check_year(year, field);
  return year;
}

void check_year(std::int64_t year, const std::string& field) {
  if (year < kFirstYear || year > kLastYear) {
    fail_invalid(field, "字段 " + field + " 应为 " + std::to_string(kFirstYear) + " 到 " + std::to_string(kLastYear) +
                            " 之间的年份");
  }
}

std::int64_t year_of(const std::string& month) { return std::stoi(month.substr(0, 4)); }

void check_month_in_year(const std::string& month, std::int64_t year, const std::string& field) {
  if (year_of(month) != year)
    fail_unprocessable("该条线经费属于 " + std::to_string(year) + " 年，月份不在其年度内", field);
}

void check_line_code(const std::string& code, const std::string& field) {
  bool valid = !code.empty() && code.size() <= 32 && std::all_of(code.begin(), code.end(), [](unsigned char c) {
    return std::isalnum(c) != 0 || c == '-' || c == '_';
  });
  if (!valid) fail_invalid(field, "字段 " + field + " 应为 1 到 32 位字母、数字、- 或 _");
}

void check_line_name(const std::string& name, const std::string& field) {
  if (blank(name) || characters(name) > 30) fail_invalid(field, "字段 " + field + " 不能为空，且不超过 30 字");
}

void check_note(const std::optional<std::string>& note, const std::string& field) {
  if (note && characters(*note) > 200) fail_invalid(field, "字段 " + field + " 不超过 200 字");
}

void check_void_reason(const std::string& reason, const std::string& field) {
  if (blank(reason) || characters(reason) > 600) fail_invalid(field, "请填写作废原因（不超过 600 字）");
}

void check_not_voided(const std::optional<EntryVoid>& voided) {
  if (voided) fail_conflict("该记录已作废，原因：" + voided->reason, "id");
}

void check_cost_voidable(const Cost& cost) {
  check_not_voided(cost.voided);
  if (cost.evaluation_id) {
    fail_conflict(
        "该笔合同支出由 " + cost.input.month + " 月度考核结账写入，不能作废：请重新打开该月考核，结账时将重新写入",
        "id");
  }
}

LedgerFigures month_figures(const MonthSums& sums) {
  LedgerFigures figures{sums, sums.funding_fen + sums.revenue_fen, sums.contract_fen + sums.other_fen, 0};
  figures.subsidy_fen = std::max<std::int64_t>(0, figures.costs_fen - figures.income_fen);
  return figures;
}

void add_figures(LedgerFigures& total, const LedgerFigures& figures) {
  total.sums.funding_fen += figures.sums.funding_fen;
  total.sums.revenue_fen += figures.sums.revenue_fen;
  total.sums.contract_fen += figures.sums.contract_fen;
  total.sums.other_fen += figures.sums.other_fen;
  total.income_fen += figures.income_fen;
  total.costs_fen += figures.costs_fen;
  total.subsidy_fen += figures.subsidy_fen;
}

YearLedger year_ledger(std::int64_t year, const std::map<std::string, MonthSums>& by_month) {
  YearLedger ledger;
  for (int number = 1; number <= 12; ++number) {
    char month[16];
    std::snprintf(month, sizeof month, "%04d-%02d", static_cast<int>(year), number);
    auto found = by_month.find(month);
    LedgerFigures figures = month_figures(found == by_month.end() ? MonthSums{} : found->second);
    add_figures(ledger.totals, figures);
    if (figures.subsidy_fen > 0) ledger.self_sufficient = false;
    ledger.months.push_back({month, figures});
  }
  return ledger;
}

OwnersShare owners_share(const CommonPartSums& sums) {
  return {sums.compound_node_id, sums.compound_name, sums.income_fen, sums.costs_fen, sums.income_fen - sums.costs_fen};
}

}  // namespace weizhi::property
