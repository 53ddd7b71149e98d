// SQL of funding lines, own revenue, costs, their voids, and the community ledger read from what is not voided.
#include "modules/property/ledger_store.hpp"

#include "core/time.hpp"
#include "modules/org/org.hpp"
#include "modules/property/ledger_rules.hpp"
#include "modules/report.hpp"
#include "store/rows.hpp"

namespace weizhi::property {

using modules::joined;

namespace {

// PostgreSQL sums BIGINT columns as NUMERIC, which reaches us as a float: the sum is cast back to whole fen.
std::string whole_fen(const std::string& sum) { return "CAST(" + sum + " AS BIGINT)"; }

// A year's months as the bounds of `month >= ? AND month <= ?`.
store::Params months_of(std::int64_t year) {
  std::string text = std::to_string(year);
  return {text + "-01", text + "-12"};
}

// Only what is not voided counts: in a line's payments, the ledger's sums and the common parts.
const std::string kCounts = " AND r.voided_at IS NULL";

const std::string kFundingLineSelect =
    "SELECT l.id, l.street_node_id, l.year, l.code, l.name, l.budget_fen, l.created_at, " +
    whole_fen("COALESCE((SELECT SUM(r.amount_fen) FROM property_funding_payments r WHERE r.line_id = l.id" + kCounts +
              "), 0)") +
    ", (SELECT COUNT(DISTINCT r.community_node_id) FROM property_funding_payments r WHERE r.line_id = l.id" + kCounts +
    ") FROM property_funding_lines l ";

FundingLine to_funding_line(const store::Row& row) {
  return {
      row.i64(0), {row.i64(1), row.i64(2), row.text(3), row.text(4), row.i64(5)}, row.i64(7), row.i64(8), row.text(6)};
}

// The void of a record from its columns voided_at, voided_by and void_reason, the first at `column`.
std::optional<EntryVoid> to_void(const store::Row& row, int column) {
  auto at = row.optional_text(column);
  if (!at) return std::nullopt;
  return EntryVoid{*at, row.optional_i64(column + 1), row.optional_text(column + 2).value_or("")};
}

const std::string kPaymentSelect =
    "SELECT r.id, r.line_id, r.community_node_id, r.month, r.amount_fen, r.note, l.code, l.name, l.street_node_id, "
    "m.name, r.recorded_by, r.created_at, r.voided_at, r.voided_by, r.void_reason FROM property_funding_payments r "
    "JOIN property_funding_lines l ON l.id = r.line_id JOIN org_nodes m ON m.id = r.community_node_id ";

Payment to_payment(const store::Row& row) {
  return {row.i64(0),           {row.i64(1), row.i64(2), row.text(3), row.i64(4), row.optional_text(5)},
          row.text(6),          row.text(7),
          row.i64(8),           row.text(9),
          row.optional_i64(10), row.text(11),
          to_void(row, 12)};
}

// Revenues and costs share their first columns and their names: community, compound, month, kind, common parts,
// amount, note, who and when, and the void.
std::string record_select(const std::string& table, const std::string& extra) {
  return "SELECT r.id, r.community_node_id, m.name, r.compound_node_id, k.name, r.month, r.kind, r.common_parts, "
         "r.amount_fen, r.note, r.recorded_by, r.created_at, r.voided_at, r.voided_by, r.void_reason" +
         extra + " FROM " + table + " r JOIN org_nodes m ON m.id = r.community_node_id " +
         "LEFT JOIN org_nodes k ON k.id = r.compound_node_id ";
}

const std::string kRevenueSelect = record_select("property_revenues", "");
const std::string kCostSelect = record_select("property_costs", ", r.contract_id, r.evaluation_id");

Revenue to_revenue(const store::Row& row) {
  return {row.i64(0),
          {row.i64(1), row.optional_i64(3), row.text(5),
           parse_code(kRevenueKinds, row.text(6)).value_or(RevenueKind::Other), row.i64(7) != 0, row.i64(8),
           row.optional_text(9)},
          row.text(2),
          row.optional_text(4),
          row.optional_i64(10),
          row.text(11),
          to_void(row, 12)};
}

Cost to_cost(const store::Row& row) {
  return {row.i64(0),
          {row.i64(1), row.optional_i64(3), row.text(5), parse_code(kCostKinds, row.text(6)).value_or(CostKind::Other),
           row.optional_i64(15), row.i64(7) != 0, row.i64(8), row.optional_text(9)},
          row.text(2),
          row.optional_text(4),
          row.optional_i64(10),
          row.text(11),
          to_void(row, 12),
          row.optional_i64(16)};
}

// Voids the row `id` of `table` unless it is voided already; whether this call voided it. The condition on
// voided_at makes a burst of voids of one row void it once, on either database.
bool void_row(store::Tx& tx, const std::string& table, std::int64_t id, const std::string& reason,
              std::optional<std::int64_t> user_id) {
  return tx.exec("UPDATE " + table +
                     " SET voided_at = ?, voided_by = ?, void_reason = ? WHERE id = ? AND voided_at IS NULL",
                 {iso_utc(tx.now()), user_id, reason, id}) == 1;
}

// "'contract_base', 'contract_performance'": the kinds of cost that are a contract's pay.
std::string contract_kinds() {
  return "'" + code_of(kCostKinds, CostKind::ContractBase) + "', '" +
         code_of(kCostKinds, CostKind::ContractPerformance) + "'";
}

// The rows of `select` (payments, revenues or costs) of a community's year, by month then id.
store::Rows community_year_rows(store::Connection& connection, const std::string& select, std::int64_t community_id,
                                std::int64_t year) {
  return connection.query(
      select + "WHERE r.community_node_id = ? AND r.month >= ? AND r.month <= ? ORDER BY r.month, r.id",
      joined({{community_id}, months_of(year)}));
}

}  // namespace

std::int64_t insert_funding_line(store::Tx& tx, const FundingLineInput& input, std::optional<std::int64_t> user_id) {
  return tx.scalar(
      "INSERT INTO property_funding_lines (street_node_id, year, code, name, budget_fen, recorded_by, created_at) "
      "VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id",
      {input.street_node_id, input.year, input.code, input.name, input.budget_fen, user_id, iso_utc(tx.now())});
}

bool funding_line_code_in_use(store::Connection& connection, std::int64_t street_id, std::int64_t year,
                              const std::string& code) {
  return connection.scalar(
             "SELECT COUNT(*) FROM property_funding_lines WHERE street_node_id = ? AND year = ? AND code = ?",
             {street_id, year, code}) > 0;
}

std::optional<FundingLine> find_funding_line(store::Connection& connection, std::int64_t id) {
  return store::map_row(connection.query_one(kFundingLineSelect + "WHERE l.id = ?", {id}), to_funding_line);
}

std::vector<FundingLine> funding_lines(store::Connection& connection, std::int64_t street_id,
                                       std::optional<std::int64_t> year) {
  std::string sql = kFundingLineSelect + "WHERE l.street_node_id = ?";
  store::Params params{street_id};
  if (year) {
    sql += " AND l.year = ?";
    params.push_back(*year);
  }
  return store::map_rows(connection.query(sql + " ORDER BY l.year, l.code", params), to_funding_line);
}

std::int64_t insert_payment(store::Tx& tx, const PaymentInput& input, std::optional<std::int64_t> user_id) {
  return tx.scalar(
      "INSERT INTO property_funding_payments (line_id, community_node_id, month, amount_fen, note, recorded_by, "
      "created_at) VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id",
      {input.line_id, input.community_node_id, input.month, input.amount_fen, input.note, user_id, iso_utc(tx.now())});
}

std::int64_t insert_revenue(store::Tx& tx, const RevenueInput& input, std::optional<std::int64_t> user_id) {
  return tx.scalar(
      "INSERT INTO property_revenues (community_node_id, compound_node_id, month, kind, common_parts, amount_fen, "
      "note, recorded_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
      {input.community_node_id, input.compound_node_id, input.month, code_of(kRevenueKinds, input.kind),
       input.common_parts, input.amount_fen, input.note, user_id, iso_utc(tx.now())});
}

std::int64_t insert_cost(store::Tx& tx, const CostInput& input, std::optional<std::int64_t> user_id) {
  return tx.scalar(
      "INSERT INTO property_costs (community_node_id, compound_node_id, month, kind, contract_id, common_parts, "
      "amount_fen, note, recorded_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
      {input.community_node_id, input.compound_node_id, input.month, code_of(kCostKinds, input.kind), input.contract_id,
       input.common_parts, input.amount_fen, input.note, user_id, iso_utc(tx.now())});
}

std::optional<Payment> find_payment(store::Connection& connection, std::int64_t id) {
  return store::map_row(connection.query_one(kPaymentSelect + "WHERE r.id = ?", {id}), to_payment);
}

std::vector<Payment> payments_of(store::Connection& connection, std::int64_t community_id, std::int64_t year) {
  return store::map_rows(community_year_rows(connection, kPaymentSelect, community_id, year), to_payment);
}

std::optional<Revenue> find_revenue(store::Connection& connection, std::int64_t id) {
  return store::map_row(connection.query_one(kRevenueSelect + "WHERE r.id = ?", {id}), to_revenue);
}

std::optional<Cost> find_cost(store::Connection& connection, std::int64_t id) {
  return store::map_row(connection.query_one(kCostSelect + "WHERE r.id = ?", {id}), to_cost);
}

std::vector<Revenue> revenues_of(store::Connection& connection, std::int64_t community_id, std::int64_t year) {
  return store::map_rows(community_year_rows(connection, kRevenueSelect, community_id, year), to_revenue);
}

std::vector<Cost> costs_of(store::Connection& connection, std::int64_t community_id, std::int64_t year) {
  return store::map_rows(community_year_rows(connection, kCostSelect, community_id, year), to_cost);
}

bool void_payment(store::Tx& tx, std::int64_t id, const std::string& reason, std::optional<std::int64_t> user_id) {
  return void_row(tx, "property_funding_payments", id, reason, user_id);
}

bool void_revenue(store::Tx& tx, std::int64_t id, const std::string& reason, std::optional<std::int64_t> user_id) {
  return void_row(tx, "property_revenues", id, reason, user_id);
}

bool void_cost(store::Tx& tx, std::int64_t id, const std::string& reason, std::optional<std::int64_t> user_id) {
  return void_row(tx, "property_costs", id, reason, user_id);
}

std::optional<std::int64_t> contract_compound(store::Connection& connection, std::int64_t contract_id) {
  return store::map_row(
      connection.query_one("SELECT compound_node_id FROM property_contracts WHERE id = ?", {contract_id}),
      store::first_integer);
}

std::vector<CommunityRef> communities_under(store::Connection& connection, const std::string& path) {
  return store::map_rows(connection.query("SELECT c.id, c.name FROM org_nodes c WHERE c.kind = 'community' AND " +
                                              org::subtree_condition(connection.dialect(), "c.path") + " ORDER BY c.id",
                                          org::subtree_params(path)),
                         [](const store::Row& row) {
                           return CommunityRef{row.i64(0), row.text(1)};
                         });
}

std::map<std::int64_t, std::map<std::string, MonthSums>> month_sums_under(store::Connection& connection,
                                                                          const std::string& path, std::int64_t year) {
  const std::string in_subtree = org::subtree_condition(connection.dialect(), "c.path");
  const store::Params params = joined({org::subtree_params(path), months_of(year)});
  auto per_month = [&](const std::string& table, const std::string& sums) {
    return connection.query("SELECT r.community_node_id, r.month, " + sums + " FROM " + table +
                                " r JOIN org_nodes c ON c.id = r.community_node_id WHERE " + in_subtree +
                                " AND r.month >= ? AND r.month <= ?" + kCounts +
                                " GROUP BY r.community_node_id, r.month",
                            params);
  };
  std::map<std::int64_t, std::map<std::string, MonthSums>> sums;
  for (const auto& row : per_month("property_funding_payments", whole_fen("SUM(r.amount_fen)"))) {
    sums[row.i64(0)][row.text(1)].funding_fen = row.i64(2);
  }
  for (const auto& row : per_month("property_revenues", whole_fen("SUM(r.amount_fen)"))) {
    sums[row.i64(0)][row.text(1)].revenue_fen = row.i64(2);
  }
  for (const auto& row :
       per_month("property_costs",
                 whole_fen("SUM(CASE WHEN r.kind IN (" + contract_kinds() + ") THEN r.amount_fen ELSE 0 END)") + ", " +
                     whole_fen("SUM(CASE WHEN r.kind IN (" + contract_kinds() + ") THEN 0 ELSE r.amount_fen END)"))) {
    MonthSums& month = sums[row.i64(0)][row.text(1)];
    month.contract_fen = row.i64(2);
    month.other_fen = row.i64(3);
  }
  return sums;
}

std::vector<CommonPartSums> common_part_sums(store::Connection& connection, std::int64_t community_id,
                                             std::int64_t year) {
  auto common = [](const std::string& table) {
    return whole_fen("COALESCE((SELECT SUM(r.amount_fen) FROM " + table +
                     " r WHERE r.compound_node_id = k.id AND r.common_parts = 1 AND r.month >= ? AND r.month <= ?" +
                     kCounts + "), 0)");
  };
  return store::map_rows(
      connection.query("SELECT k.id, k.name, " + common("property_revenues") + ", " + common("property_costs") +
                           " FROM org_nodes k WHERE k.parent_id = ? AND k.kind = 'compound' ORDER BY k.id",
                       joined({months_of(year), months_of(year), {community_id}})),
      [](const store::Row& row) {
        return CommonPartSums{row.i64(0), row.text(1), row.i64(2), row.i64(3)};
      });
}

bool company_serves_account(store::Connection& connection, std::int64_t user_id, const std::string& path) {
  return connection.scalar(
             "SELECT CASE WHEN NOT EXISTS (SELECT 1 FROM property_company_staff s WHERE s.user_id = ?) OR EXISTS "
             "(SELECT 1 FROM property_company_staff s JOIN property_contracts k ON k.company_id = s.company_id "
             "JOIN org_nodes c ON c.id = k.compound_node_id WHERE s.user_id = ? AND k.state <> 'draft' AND " +
                 org::subtree_condition(connection.dialect(), "c.path") + ") THEN 1 ELSE 0 END",
             joined({{user_id, user_id}, org::subtree_params(path)})) != 0;
}

PropertyCounts property_counts(store::Connection& connection, const std::string& path, std::int64_t street_id,
                               const std::string& today, std::int64_t year) {
  const std::string in_subtree = org::subtree_condition(connection.dialect(), "c.path");
  const store::Params subtree = org::subtree_params(path);
  PropertyCounts counts;
  const std::string clusters_here =
      "SELECT DISTINCT cc.cluster_id FROM property_cluster_communities cc JOIN org_nodes c ON c.id = "
      "cc.community_node_id WHERE " +
      in_subtree;
  counts.clusters = connection.scalar("SELECT COUNT(*) FROM (" + clusters_here + ") x", subtree);
  auto companies = connection.query_one(
      "SELECT COUNT(*), COALESCE(SUM(CASE WHEN origin = 'local' THEN 1 ELSE 0 END), 0), "
      "COALESCE(SUM(CASE WHEN origin = 'external' THEN 1 ELSE 0 END), 0) FROM property_companies "
      "WHERE street_node_id = ?",
      {street_id});
  counts.companies = companies->i64(0);
  counts.local_companies = companies->i64(1);
  counts.external_companies = companies->i64(2);
  // A joint operation (以大带小) is a cluster whose lead works beside at least one partner today.
  const std::string operating =
      "o.cluster_id = x.cluster_id AND o.since <= ? AND (o.until IS NULL OR o.until >= ?) AND o.role = ";
  counts.joint_operations = connection.scalar(
      "SELECT COUNT(*) FROM (" + clusters_here + ") x WHERE EXISTS (SELECT 1 FROM property_cluster_operators o WHERE " +
          operating + "'lead') AND EXISTS (SELECT 1 FROM property_cluster_operators o WHERE " + operating +
          "'partner')",
      joined({subtree, {today, today}, {today, today}}));
  counts.compounds_under_contract = connection.scalar(
      "SELECT COUNT(DISTINCT k.compound_node_id) FROM property_contracts k JOIN org_nodes c ON c.id "
      "= k.compound_node_id WHERE k.state = 'in_force' AND " +
          in_subtree,
      subtree);
  counts.tasks_transferred = connection.scalar(
      "SELECT COUNT(*) FROM property_tasks WHERE street_node_id = ? AND holder = 'property'", {street_id});
  counts.funding_lines = connection.scalar(
      "SELECT COUNT(*) FROM property_funding_lines WHERE street_node_id = ? AND year = ?", {street_id, year});
  counts.evaluations_closed = connection.scalar(
      "SELECT COUNT(*) FROM property_evaluations e JOIN property_contracts k ON k.id = e.contract_id "
      "JOIN org_nodes c ON c.id = k.compound_node_id WHERE e.state = 'closed' AND e.month >= ? AND e.month <= ? AND " +
          in_subtree,
      joined({months_of(year), subtree}));
  return counts;
}

}  // namespace weizhi::property
