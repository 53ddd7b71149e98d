// The money of the property capability: the street's funding lines and what they paid each community, a
// community's own revenue and its costs, each recorded per month in fen, and the ledger and figures read from them.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

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

// A recorded revenue or cost as the lists show it.
struct Revenue {
  std::int64_t id;
  RevenueInput input;
  std::string community_name;
  std::optional<std::string> compound_name;
  std::optional<std::int64_t> recorded_by;
  std::string created_at;
};

struct Cost {
  std::int64_t id;
  CostInput input;
  std::string community_name;
  std::optional<std::string> compound_name;
  std::optional<std::int64_t> recorded_by;
  std::string created_at;
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

}  // namespace weizhi::property
