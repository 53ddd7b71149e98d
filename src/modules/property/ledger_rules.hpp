// The money of the property capability and its pure decisions (docs/modules/property.md#money-and-the-ledger):
// funding lines and their payments, own revenue and costs as recorded; the amounts, months and codes a record
// takes, a month's income, costs and the street's subsidy, the year's totals, whether the community ran without
// subsidy, and the owners' share of a compound's common parts; a record is never edited or deleted but voided with
// a reason, and then counts nowhere. Integers (fen) only.
#pragma once
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/code_table.hpp"
#include "core/json.hpp"

namespace weizhi::property {

// 8项条线经费: a line of the street's budget for one year that pays communities month by month.
struct FundingLineInput {
  std::int64_t street_node_id;
  std::int64_t year;
  std::string code;
  std::string name;
  std::int64_t budget_fen;
};

struct FundingLine {
  std::int64_t id;
  FundingLineInput input;
  std::int64_t paid_fen;     // the payments recorded on it
  std::int64_t communities;  // how many communities it paid
  std::string created_at;
};

struct PaymentInput {
  std::int64_t line_id;
  std::int64_t community_node_id;
  std::string month;  // YYYY-MM
  std::int64_t amount_fen;
  std::optional<std::string> note;
};

enum class RevenueKind { Advertising, Parking, Venue, Other };
enum class CostKind { ContractBase, ContractPerformance, Maintenance, Other };

// 自营收入: what a community (or one of its compounds) earned itself. Income from a compound's common parts
// (共有部分: its walls for advertising, its parking spaces) belongs to the owners after its costs (Civil Code
// Art. 282), so it is marked.
struct RevenueInput {
  std::int64_t community_node_id;
  std::optional<std::int64_t> compound_node_id;
  std::string month;
  RevenueKind kind;
  bool common_parts;
  std::int64_t amount_fen;
  std::optional<std::string> note;
};

// A cost of running a community: a contract's pay or another expense. A cost spent on a compound's common parts
// is marked, so that the owners' share is that income less those costs.
struct CostInput {
  std::int64_t community_node_id;
  std::optional<std::int64_t> compound_node_id;
  std::string month;
  CostKind kind;
  std::optional<std::int64_t> contract_id;
  bool common_parts;
  std::int64_t amount_fen;
  std::optional<std::string> note;
};

// How a wrong record was corrected: voided, when, by whom and why. A voided record stays listed and counts nowhere.
struct EntryVoid {
  std::string voided_at;
  std::optional<std::int64_t> voided_by;
  std::string reason;
};

// A recorded payment of a line as the lists show it.
struct Payment {
  std::int64_t id;
  PaymentInput input;
  std::string line_code;
  std::string line_name;
  std::int64_t street_node_id;  // the line's
  std::string community_name;
  std::optional<std::int64_t> recorded_by;
  std::string created_at;
  std::optional<EntryVoid> voided;
};

// A recorded revenue or cost as the lists show it.
struct Revenue {
  std::int64_t id;
  RevenueInput input;
  std::string community_name;
  std::optional<std::string> compound_name;
  std::optional<std::int64_t> recorded_by;
  std::string created_at;
  std::optional<EntryVoid> voided;
};

struct Cost {
  std::int64_t id;
  CostInput input;
  std::string community_name;
  std::optional<std::string> compound_name;
  std::optional<std::int64_t> recorded_by;
  std::string created_at;
  std::optional<EntryVoid> voided;
  std::optional<std::int64_t> evaluation_id;  // the closed month whose close wrote this contract pay
};

// The sums of one month's records of a community, or of a year's.
struct MonthSums {
  std::int64_t funding_fen = 0;
  std::int64_t revenue_fen = 0;
  std::int64_t contract_fen = 0;  // contract_base and contract_performance costs
  std::int64_t other_fen = 0;     // maintenance and other costs
};

// One compound's common parts over a year: income from them and the costs spent on them.
struct CommonPartSums {
  std::int64_t compound_node_id;
  std::string compound_name;
  std::int64_t income_fen = 0;
  std::int64_t costs_fen = 0;
};

// The largest amount one record takes: 10^12 fen (¥10 billion), beyond any street's money.
inline constexpr std::int64_t kMaxAmountFen = 1'000'000'000'000;

// The codes rows and JSON speak (read with code_of, parse_code and parser_of).
constexpr CodeTable<RevenueKind> kRevenueKinds = {{RevenueKind::Advertising, "advertising"},
                                                  {RevenueKind::Parking, "parking"},
                                                  {RevenueKind::Venue, "venue"},
                                                  {RevenueKind::Other, "other"}};
constexpr CodeTable<CostKind> kCostKinds = {{CostKind::ContractBase, "contract_base"},
                                            {CostKind::ContractPerformance, "contract_performance"},
                                            {CostKind::Maintenance, "maintenance"},
                                            {CostKind::Other, "other"}};
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

// The reason a record is voided: required, at most 600 characters; 400 naming `field` otherwise.
void check_void_reason(const std::string& reason, const std::string& field);
// A record is voided once: 409 naming `id` when it is already.
void check_not_voided(const std::optional<EntryVoid>& voided);
// A contract's pay of a month whose evaluation is closed was written by the close: it is corrected by reopening
// that month, which withdraws it, never by voiding it (409 naming `id`).
void check_cost_voidable(const Cost& cost);

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
// Adds `figures` to `total`, subsidy included: the sum of months, or of communities.
void add_figures(LedgerFigures& total, const LedgerFigures& figures);
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
