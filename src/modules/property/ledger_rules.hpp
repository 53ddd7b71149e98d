// Pure decisions of a community's ledger (docs/modules/property.md#money-and-the-ledger): the amounts, months
// and codes a record takes, a month's income, costs and the street's subsidy, the year's totals, whether the
// community ran without subsidy, and the owners' share of a compound's common parts. Integers (fen) only.
#pragma once
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/json.hpp"
#include "modules/property/ledger.hpp"

namespace weizhi::property {

// The largest amount one record takes: 10^12 fen (¥10 billion), beyond any street's money.
inline constexpr std::int64_t kMaxAmountFen = 1'000'000'000'000;

std::string revenue_kind_code(RevenueKind kind);
std::optional<RevenueKind> parse_revenue_kind(const std::string& code);
std::string cost_kind_code(CostKind kind);
std::optional<CostKind> parse_cost_kind(const std::string& code);
// Whether a cost is a contract's pay (its base or its performance part) rather than another expense.
bool is_contract_cost(CostKind kind);

// An amount as a request gives it: a JSON integer from 0 to kMaxAmountFen; 400 naming `field` for a float, a
// text, a negative or a larger number.
std::int64_t read_amount(const Json& value, const std::string& field);
// A month YYYY-MM of the years the server takes (kFirstYear to kLastYear); 400 naming `field` otherwise.
void check_month(const std::string& month, const std::string& field);
// A year YYYY from a query string, or given as a number, within the same years; 400 naming `field` otherwise.
std::int64_t parse_year(const std::string& text, const std::string& field);
void check_year(std::int64_t year, const std::string& field);
// The year of a checked month.
std::int64_t year_of(const std::string& month);
// A payment of a line is for a month of the line's year: 422 naming `field` otherwise.
void check_month_in_year(const std::string& month, std::int64_t year, const std::string& field);
// A funding line's code (letters, digits, - and _, at most 32) and name (at most 30 characters).
void check_line_code(const std::string& code, const std::string& field);
void check_line_name(const std::string& name, const std::string& field);
// A record's optional note: at most 200 characters.
void check_note(const std::optional<std::string>& note, const std::string& field);

// One month of a ledger, or a year's totals: what came in, what went out, and what the street paid to close the
// gap. The subsidy of a month is max(0, costs − income): a surplus is not carried over to another month.
struct LedgerFigures {
  MonthSums sums;
  std::int64_t income_fen = 0;
  std::int64_t costs_fen = 0;
  std::int64_t subsidy_fen = 0;
};

struct LedgerMonth {
  std::string month;  // YYYY-MM
  LedgerFigures figures;
};

struct YearLedger {
  std::vector<LedgerMonth> months;  // January to December
  LedgerFigures totals;             // its subsidy is the sum of the months' subsidies, not the year's gap
  bool self_sufficient = true;      // no month needed a subsidy
};

LedgerFigures month_figures(const MonthSums& sums);
// The twelve months of `year` from the sums of the months that have records (keyed YYYY-MM).
YearLedger year_ledger(std::int64_t year, const std::map<std::string, MonthSums>& by_month);

// The owners' share of a compound's common parts (Art. 282): the income from them less the costs spent on them.
// A negative share is shown as it is: the owners see that their common parts cost more than they earned.
struct OwnersShare {
  std::int64_t compound_node_id;
  std::string compound_name;
  std::int64_t common_income_fen;
  std::int64_t costs_fen;
  std::int64_t owners_fen;
};
OwnersShare owners_share(const CommonPartSums& sums);

}  // namespace weizhi::property
