// SQL of funding lines, own revenue, costs, their voids and the community ledger read from what is not voided, and
// the counts of the property figures (GET /api/v1/stats/property).
#pragma once
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "modules/property/ledger_rules.hpp"
#include "store/db.hpp"

namespace weizhi::property {

// --- Funding lines and their payments ---

std::int64_t insert_funding_line(store::Tx& tx, const FundingLineInput& input, std::optional<std::int64_t> user_id);
bool funding_line_code_in_use(store::Connection& connection, std::int64_t street_id, std::int64_t year,
                              const std::string& code);
std::optional<FundingLine> find_funding_line(store::Connection& connection, std::int64_t id);
// A street's lines, of one year or of all, by year and code.
std::vector<FundingLine> funding_lines(store::Connection& connection, std::int64_t street_id,
                                       std::optional<std::int64_t> year);
std::int64_t insert_payment(store::Tx& tx, const PaymentInput& input, std::optional<std::int64_t> user_id);
std::optional<Payment> find_payment(store::Connection& connection, std::int64_t id);
// A community's payments of one year from every line, by month then id.
std::vector<Payment> payments_of(store::Connection& connection, std::int64_t community_id, std::int64_t year);

// --- Own revenue and costs ---

std::int64_t insert_revenue(store::Tx& tx, const RevenueInput& input, std::optional<std::int64_t> user_id);
std::int64_t insert_cost(store::Tx& tx, const CostInput& input, std::optional<std::int64_t> user_id);
std::optional<Revenue> find_revenue(store::Connection& connection, std::int64_t id);
std::optional<Cost> find_cost(store::Connection& connection, std::int64_t id);
// A community's records of one year, by month then id.
std::vector<Revenue> revenues_of(store::Connection& connection, std::int64_t community_id, std::int64_t year);
std::vector<Cost> costs_of(store::Connection& connection, std::int64_t community_id, std::int64_t year);

// --- Voids ---

// Each voids a record with `reason` unless it is voided already; whether this call voided it (a concurrent void
// of the same record makes one of them false).
bool void_payment(store::Tx& tx, std::int64_t id, const std::string& reason, std::optional<std::int64_t> user_id);
bool void_revenue(store::Tx& tx, std::int64_t id, const std::string& reason, std::optional<std::int64_t> user_id);
bool void_cost(store::Tx& tx, std::int64_t id, const std::string& reason, std::optional<std::int64_t> user_id);

// The compound a contract is for; nullopt when there is no such contract.
std::optional<std::int64_t> contract_compound(store::Connection& connection, std::int64_t contract_id);

// --- The ledger ---

struct CommunityRef {
  std::int64_t id;
  std::string name;
};
// The communities of the subtree at `path`, by id.
std::vector<CommunityRef> communities_under(store::Connection& connection, const std::string& path);
// The month sums of the year of every community of the subtree at `path` that has records, keyed by community
// then month (YYYY-MM).
std::map<std::int64_t, std::map<std::string, MonthSums>> month_sums_under(store::Connection& connection,
                                                                          const std::string& path, std::int64_t year);
// Every compound of the community with the year's income from its common parts and the costs spent on them.
std::vector<CommonPartSums> common_part_sums(store::Connection& connection, std::int64_t community_id,
                                             std::int64_t year);

// --- Access ---

// Whether the account may see the money of the subtree at `path` as far as companies go: an account linked to a
// company only where that company holds a contract (in force or ended, not a draft) for a compound of it.
bool company_serves_account(store::Connection& connection, std::int64_t user_id, const std::string& path);

// --- The property figures ---

// What the figures count from records; the subsidy figures come from the ledgers.
struct PropertyCounts {
  std::int64_t clusters = 0;
  std::int64_t companies = 0;
  std::int64_t local_companies = 0;
  std::int64_t external_companies = 0;
  std::int64_t joint_operations = 0;
  std::int64_t compounds_under_contract = 0;
  std::int64_t tasks_transferred = 0;
  std::int64_t funding_lines = 0;
  std::int64_t evaluations_closed = 0;
};
// Clusters, joint operations, compounds under contract and closed evaluations are those of the subtree at
// `path`; companies, tasks and funding lines are the street's registries. `today` is the street's date,
// `year` its year.
PropertyCounts property_counts(store::Connection& connection, const std::string& path, std::int64_t street_id,
                               const std::string& today, std::int64_t year);

}  // namespace weizhi::property
