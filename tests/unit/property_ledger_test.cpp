// A community's ledger as pure arithmetic: a month's subsidy closes its gap and no more, the year's subsidy adds
// the months' (a surplus in one month does not pay for another's gap), self-sufficiency, the owners' share of a
// compound's common parts (negative shown), and the amounts, months, years and codes a record takes.
#include <gtest/gtest.h>

#include <limits>

#include "modules/property/ledger_rules.hpp"
#include "refusal.hpp"

using namespace weizhi::property;
using weizhi::code_of;
using weizhi::Json;
using weizhi::parse_code;

namespace {

std::string refusal(const std::function<void()>& check) { return refusal_of(check, "accepted"); }

MonthSums sums(std::int64_t funding, std::int64_t revenue, std::int64_t contract, std::int64_t other) {
  return {funding, revenue, contract, other};
}

}  // namespace

TEST(PropertyLedgerRules, MonthSubsidyClosesTheGapAndNothingMore) {
  LedgerFigures gap = month_figures(sums(300'000, 50'000, 320'000, 60'000));
  EXPECT_EQ(gap.income_fen, 350'000);
  EXPECT_EQ(gap.costs_fen, 380'000);
  EXPECT_EQ(gap.subsidy_fen, 30'000);

  LedgerFigures surplus = month_figures(sums(300'000, 90'000, 320'000, 60'000));
  EXPECT_EQ(surplus.income_fen, 390'000);
  EXPECT_EQ(surplus.subsidy_fen, 0) << "a surplus is not a negative subsidy";

  LedgerFigures even = month_figures(sums(1, 0, 0, 1));
  EXPECT_EQ(even.subsidy_fen, 0) << "costs equal to income need nothing";
  EXPECT_EQ(month_figures(sums(0, 0, 0, 1)).subsidy_fen, 1) << "one fen short is one fen of subsidy";
  EXPECT_EQ(month_figures(MonthSums{}).subsidy_fen, 0);
}

TEST(PropertyLedgerRules, YearSubsidyIsTheSumOfTheMonthsNotTheYearsGap) {
  // January is 10,000 fen short, February 25,000 over: the year closes with a surplus, yet the street paid
  // January's gap.
  YearLedger ledger =
      year_ledger(2026, {{"2026-01", sums(100'000, 0, 110'000, 0)}, {"2026-02", sums(100'000, 25'000, 100'000, 0)}});
  ASSERT_EQ(ledger.months.size(), 12u);
  EXPECT_EQ(ledger.months.front().month, "2026-01");
  EXPECT_EQ(ledger.months.back().month, "2026-12");
  EXPECT_EQ(ledger.months[0].figures.subsidy_fen, 10'000);
  EXPECT_EQ(ledger.months[1].figures.subsidy_fen, 0);
  EXPECT_EQ(ledger.months[2].figures.income_fen, 0) << "a month without records is all zero";
  EXPECT_EQ(ledger.totals.income_fen, 225'000);
  EXPECT_EQ(ledger.totals.costs_fen, 210'000);
  EXPECT_EQ(ledger.totals.subsidy_fen, 10'000);
  EXPECT_EQ(ledger.totals.sums.funding_fen, 200'000);
  EXPECT_EQ(ledger.totals.sums.revenue_fen, 25'000);
  EXPECT_EQ(ledger.totals.sums.contract_fen, 210'000);
  EXPECT_FALSE(ledger.self_sufficient);
}

TEST(PropertyLedgerRules, SelfSufficientOnlyWithoutSubsidyInAnyMonth) {
  EXPECT_TRUE(year_ledger(2026, {}).self_sufficient);
  EXPECT_TRUE(year_ledger(2026, {{"2026-03", sums(10, 0, 5, 5)}, {"2026-11", sums(0, 10, 0, 9)}}).self_sufficient);
  EXPECT_FALSE(year_ledger(2026, {{"2026-03", sums(10, 0, 5, 5)}, {"2026-12", sums(0, 0, 0, 1)}}).self_sufficient);
  // Records of another year are not this year's months.
  EXPECT_TRUE(year_ledger(2026, {{"2025-12", sums(0, 0, 0, 1)}}).self_sufficient);
}

TEST(PropertyLedgerRules, OwnersShareIsCommonIncomeLessItsCostsNegativeShown) {
  OwnersShare share = owners_share({7, "德胜新村", 120'000, 45'000});
  EXPECT_EQ(share.compound_node_id, 7);
  EXPECT_EQ(share.common_income_fen, 120'000);
  EXPECT_EQ(share.costs_fen, 45'000);
  EXPECT_EQ(share.owners_fen, 75'000);
  EXPECT_EQ(owners_share({8, "西四苑", 10'000, 30'000}).owners_fen, -20'000);
  EXPECT_EQ(owners_share({9, "西五苑", 0, 0}).owners_fen, 0);
}

TEST(PropertyLedgerRules, AmountsAreWholeFenFromZeroToTenToTheTwelfth) {
  EXPECT_EQ(read_amount(Json(0), "amount_fen"), 0);
  EXPECT_EQ(read_amount(Json(kMaxAmountFen), "amount_fen"), kMaxAmountFen);
  EXPECT_EQ(read_amount(Json::parse("1000000000000"), "amount_fen"), kMaxAmountFen);
  EXPECT_EQ(refusal([] { read_amount(Json(kMaxAmountFen + 1), "amount_fen"); }), "400 amount_fen");
  EXPECT_EQ(refusal([] { read_amount(Json::parse("18446744073709551615"), "amount_fen"); }), "400 amount_fen");
  EXPECT_EQ(refusal([] { read_amount(Json(-1), "amount_fen"); }), "400 amount_fen");
  EXPECT_EQ(refusal([] { read_amount(Json(12.5), "amount_fen"); }), "400 amount_fen");
  EXPECT_EQ(refusal([] { read_amount(Json::parse("100.0"), "amount_fen"); }), "400 amount_fen") << "no float at all";
  EXPECT_EQ(refusal([] { read_amount(Json::parse("1e3"), "amount_fen"); }), "400 amount_fen");
  EXPECT_EQ(refusal([] { read_amount(Json("100"), "budget_fen"); }), "400 budget_fen");
  EXPECT_EQ(refusal([] { read_amount(Json(true), "amount_fen"); }), "400 amount_fen");
  EXPECT_EQ(refusal([] { read_amount(Json(nullptr), "amount_fen"); }), "400 amount_fen");
}

TEST(PropertyLedgerRules, MonthsAndYearsAreChecked) {
  for (const char* good : {"2026-01", "2026-12", "1900-01", "2199-12"}) {
    EXPECT_EQ(refusal([&] { check_month(good, "month"); }), "accepted") << good;
  }
  for (const char* bad : {"", "2026-13", "2026-00", "2026-1", "2026/11", "26-11", "2026-11-01", "abcd-ef", "+026-11",
                          "2026--1", "1899-12", "2200-01", "２０２６-11"}) {
    EXPECT_EQ(refusal([&] { check_month(bad, "month"); }), "400 month") << bad;
  }
  EXPECT_EQ(parse_year("2026", "year"), 2026);
  for (const char* bad : {"", "26", "20266", "2o26", "-202", "1899", "2200"}) {
    EXPECT_EQ(refusal([&] { parse_year(bad, "year"); }), "400 year") << bad;
  }
  EXPECT_EQ(year_of("2026-07"), 2026);
  EXPECT_EQ(refusal([] { check_month_in_year("2026-07", 2026, "month"); }), "accepted");
  EXPECT_EQ(refusal([] { check_month_in_year("2025-12", 2026, "month"); }), "422 month");
}

TEST(PropertyLedgerRules, KindsCodesNamesAndNotes) {
  EXPECT_EQ(parse_code(kRevenueKinds, "advertising"), RevenueKind::Advertising);
  EXPECT_EQ(parse_code(kRevenueKinds, "venue"), RevenueKind::Venue);
  EXPECT_EQ(parse_code(kRevenueKinds, "Advertising"), std::nullopt);
  EXPECT_EQ(code_of(kRevenueKinds, RevenueKind::Parking), "parking");
  EXPECT_EQ(parse_code(kCostKinds, "contract_performance"), CostKind::ContractPerformance);
  EXPECT_EQ(parse_code(kCostKinds, "contract"), std::nullopt);
  EXPECT_EQ(code_of(kCostKinds, CostKind::Maintenance), "maintenance");
  EXPECT_TRUE(is_contract_cost(CostKind::ContractBase));
  EXPECT_TRUE(is_contract_cost(CostKind::ContractPerformance));
  EXPECT_FALSE(is_contract_cost(CostKind::Maintenance));
  EXPECT_FALSE(is_contract_cost(CostKind::Other));

  EXPECT_EQ(refusal([] { check_line_code("sanitation-01", "code"); }), "accepted");
  for (const char* bad : {"", "环境卫生", "a b", "a/b", "123456789012345678901234567890123"}) {
    EXPECT_EQ(refusal([&] { check_line_code(bad, "code"); }), "400 code") << bad;
  }
  EXPECT_EQ(refusal([] { check_line_name("环境卫生", "name"); }), "accepted");
  EXPECT_EQ(refusal([] { check_line_name(std::string(30, 'x'), "name"); }), "accepted");
  EXPECT_EQ(refusal([] { check_line_name("   ", "name"); }), "400 name");
  std::string thirty_one_characters;
  for (int i = 0; i < 31; ++i) thirty_one_characters += "经";
  EXPECT_EQ(refusal([&] { check_line_name(thirty_one_characters, "name"); }), "400 name");
  EXPECT_EQ(refusal([] { check_note(std::nullopt, "note"); }), "accepted");
  EXPECT_EQ(refusal([] { check_note(std::string(201, 'x'), "note"); }), "400 note");
}
