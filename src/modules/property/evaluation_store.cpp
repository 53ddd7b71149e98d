// SQL of the monthly evaluation: templates, policy, sheets, vetoes, the month's close, its ledger rows and reviews.
#include "modules/property/evaluation_store.hpp"

#include <algorithm>

#include "core/time.hpp"
#include "modules/org/org.hpp"
#include "store/rows.hpp"

namespace weizhi::property {

namespace {

Evaluator party_of(const std::string& code) { return parse_code(kEvaluators, code).value_or(Evaluator::Street); }

constexpr const char* kTemplateColumns =
    "SELECT id, street_node_id, party, version, items, created_by, created_at FROM property_evaluation_templates ";

EvaluationTemplate to_template(const store::Row& row) {
  return {
      row.i64(0),          row.i64(1), party_of(row.text(2)), row.i64(3), read_template_items(Json::parse(row.text(4))),
      row.optional_i64(5), row.text(6)};
}

std::string sheet_items_text(const std::vector<SheetItem>& items) {
  Json json = Json::array();
  for (const auto& item : items) json.push_back({{"code", item.code}, {"points", item.points}});
  return json.dump();
}

constexpr const char* kEvaluationColumns =
    "SELECT id, contract_id, month, state, input, result, closed_at, closed_by FROM property_evaluations ";

StoredEvaluation to_evaluation(const store::Row& row) {
  return {row.i64(0),           row.i64(1),           row.text(2),          row.text(3) == "closed",
          row.optional_text(4), row.optional_text(5), row.optional_text(6), row.optional_i64(7)};
}

constexpr const char* kReviewColumns =
    "SELECT r.id, r.contract_id, k.compound_node_id, r.first_month, r.second_month, r.opened_at, r.state, r.note, "
    "r.closed_by, r.closed_at FROM property_evaluation_reviews r JOIN property_contracts k ON k.id = r.contract_id ";

Review to_review(const store::Row& row) {
  return {row.i64(0),
          row.i64(1),
          row.i64(2),
          row.text(3),
          row.text(4),
          row.text(5),
          row.text(6) == "open",
          row.optional_text(7),
          row.optional_i64(8),
          row.optional_text(9)};
}

}  // namespace

// --- Templates and policy ---

std::vector<EvaluationTemplate> current_templates(store::Connection& connection, std::int64_t street_id) {
  std::vector<EvaluationTemplate> templates;
  for (const auto& [party, code] : kEvaluators) {
    if (auto found = current_template(connection, street_id, party)) templates.push_back(std::move(*found));
  }
  return templates;
}

std::optional<EvaluationTemplate> current_template(store::Connection& connection, std::int64_t street_id,
                                                   Evaluator party) {
  return store::map_row(connection.query_one(std::string(kTemplateColumns) +
                                                 "WHERE street_node_id = ? AND party = ? ORDER BY version DESC LIMIT 1",
                                             {street_id, code_of(kEvaluators, party)}),
                        to_template);
}

std::optional<EvaluationTemplate> find_template(store::Connection& connection, std::int64_t id) {
  return store::map_row(connection.query_one(std::string(kTemplateColumns) + "WHERE id = ?", {id}), to_template);
}

std::int64_t insert_template(store::Tx& tx, std::int64_t street_id, Evaluator party,
                             const std::vector<TemplateItem>& items, std::optional<std::int64_t> user_id) {
  return tx.scalar(
      "INSERT INTO property_evaluation_templates (street_node_id, party, version, items, created_by, created_at) "
      "SELECT ?, ?, COALESCE(MAX(version), 0) + 1, ?, CAST(? AS BIGINT), ? FROM property_evaluation_templates "
      "WHERE street_node_id = ? AND party = ? RETURNING id",
      {street_id, code_of(kEvaluators, party), template_items_json(items).dump(), user_id, iso_utc(tx.now()), street_id,
       code_of(kEvaluators, party)});
}

StreetEvaluationPolicy evaluation_policy_of(store::Connection& connection, std::int64_t street_id) {
  auto row = connection.query_one(
      "SELECT street_weight, community_weight, committee_weight, floor, full_score, due_day "
      "FROM property_evaluation_policies WHERE street_node_id = ?",
      {street_id});
  if (!row) return {};
  StreetEvaluationPolicy policy;
  policy.scoring.weights = {row->i64(0), row->i64(1), row->i64(2)};
  policy.scoring.floor = row->i64(3);
  policy.scoring.full = row->i64(4);
  policy.due_day = row->i64(5);
  return policy;
}

void save_evaluation_policy(store::Tx& tx, std::int64_t street_id, const StreetEvaluationPolicy& policy) {
  const auto& weights = policy.scoring.weights;
  tx.exec(
      "INSERT INTO property_evaluation_policies (street_node_id, street_weight, community_weight, committee_weight, "
      "floor, full_score, due_day, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (street_node_id) DO UPDATE "
      "SET street_weight = excluded.street_weight, community_weight = excluded.community_weight, "
      "committee_weight = excluded.committee_weight, floor = excluded.floor, full_score = excluded.full_score, "
      "due_day = excluded.due_day, updated_at = excluded.updated_at",
      {street_id, weights[0], weights[1], weights[2], policy.scoring.floor, policy.scoring.full, policy.due_day,
       iso_utc(tx.now())});
}

// --- A contract's own scoring ---

namespace {

constexpr const char* kContractScoringColumns =
    "SELECT contract_id, street_weight, community_weight, committee_weight, floor, full_score "
    "FROM property_contract_scorings ";

EvaluationPolicy scoring_of_row(const store::Row& row) {
  EvaluationPolicy scoring;
  scoring.weights = {row.i64(1), row.i64(2), row.i64(3)};
  scoring.floor = row.i64(4);
  scoring.full = row.i64(5);
  return scoring;
}

}  // namespace

std::optional<EvaluationPolicy> contract_scoring(store::Connection& connection, std::int64_t contract_id) {
  auto row = connection.query_one(std::string(kContractScoringColumns) + "WHERE contract_id = ?", {contract_id});
  if (!row) return std::nullopt;
  return scoring_of_row(*row);
}

std::map<std::int64_t, EvaluationPolicy> contract_scorings(store::Connection& connection) {
  std::map<std::int64_t, EvaluationPolicy> scorings;
  for (const auto& row : connection.query(kContractScoringColumns)) scorings.emplace(row.i64(0), scoring_of_row(row));
  return scorings;
}

void save_contract_scoring(store::Tx& tx, std::int64_t contract_id, const EvaluationPolicy& scoring,
                           std::optional<std::int64_t> user_id) {
  const auto& weights = scoring.weights;
  tx.exec(
      "INSERT INTO property_contract_scorings (contract_id, street_weight, community_weight, committee_weight, floor, "
      "full_score, updated_by, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (contract_id) DO UPDATE "
      "SET street_weight = excluded.street_weight, community_weight = excluded.community_weight, "
      "committee_weight = excluded.committee_weight, floor = excluded.floor, full_score = excluded.full_score, "
      "updated_by = excluded.updated_by, updated_at = excluded.updated_at",
      {contract_id, weights[0], weights[1], weights[2], scoring.floor, scoring.full, user_id, iso_utc(tx.now())});
}

bool remove_contract_scoring(store::Tx& tx, std::int64_t contract_id) {
  return tx.exec("DELETE FROM property_contract_scorings WHERE contract_id = ?", {contract_id}) > 0;
}

StreetEvaluationPolicy evaluation_policy_of_contract(store::Connection& connection, std::int64_t street_id,
                                                     std::int64_t contract_id) {
  return policy_for_contract(evaluation_policy_of(connection, street_id), contract_scoring(connection, contract_id));
}

// --- Evaluators ---

std::vector<EvaluatorScope> evaluator_scopes(store::Connection& connection, TimePoint now) {
  std::string at = iso_utc(now);
  const std::string prefix = "property.evaluate.";
  std::vector<EvaluatorScope> scopes;
  for (
      const auto& row : connection.query(
          "SELECT DISTINCT ra.user_id, p.permission, n.path FROM role_assignments ra JOIN users u ON u.id = ra.user_id "
          "JOIN org_nodes n ON n.id = ra.scope_node_id JOIN role_permissions p ON p.role = ra.role "
          "WHERE p.permission LIKE 'property.evaluate.%' AND u.disabled = 0 AND ra.valid_from <= ? "
          "AND (ra.valid_to IS NULL OR ra.valid_to > ?) ORDER BY ra.user_id, p.permission, n.path",
          {at, at})) {
    auto party = parse_code(kEvaluators, row.text(1).substr(prefix.size()));
    if (party) scopes.push_back({row.i64(0), *party, row.text(2)});
  }
  return scopes;
}

// --- Sheets and vetoes ---

std::vector<StoredSheet> sheets_of(store::Connection& connection, std::int64_t contract_id, const std::string& month) {
  std::vector<StoredSheet> sheets;
  for (const auto& row : connection.query(
           "SELECT s.id, s.party, s.template_id, s.items, s.filled_by, s.filled_at, s.updated_at, t.items "
           "FROM property_evaluation_sheets s JOIN property_evaluation_templates t ON t.id = s.template_id "
           "WHERE s.contract_id = ? AND s.month = ?",
           {contract_id, month})) {
    auto maxima = read_template_items(Json::parse(row.text(7)));
    std::map<std::string, std::int64_t> points;
    for (const auto& item : Json::parse(row.text(3))) points[item["code"]] = item["points"].get<std::int64_t>();
    StoredSheet sheet{row.i64(0), party_of(row.text(1)), row.i64(2), {}, row.optional_i64(4), row.text(5), row.text(6)};
    for (const auto& item : maxima) sheet.items.push_back({item.code, item.max, points[item.code]});
    sheets.push_back(std::move(sheet));
  }
  std::sort(sheets.begin(), sheets.end(), [](const StoredSheet& a, const StoredSheet& b) { return a.party < b.party; });
  return sheets;
}

std::optional<std::int64_t> insert_sheet(store::Tx& tx, std::int64_t contract_id, const std::string& month,
                                         Evaluator party, std::int64_t template_id, const std::vector<SheetItem>& items,
                                         std::optional<std::int64_t> user_id) {
  std::string now = iso_utc(tx.now());
  auto inserted = tx.query_one(
      "INSERT INTO property_evaluation_sheets (contract_id, month, party, template_id, items, filled_by, filled_at, "
      "updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (contract_id, month, party) DO NOTHING RETURNING id",
      {contract_id, month, code_of(kEvaluators, party), template_id, sheet_items_text(items), user_id, now, now});
  return store::map_row(inserted, store::first_integer);
}

void update_sheet(store::Tx& tx, std::int64_t id, const std::vector<SheetItem>& items,
                  std::optional<std::int64_t> user_id) {
  tx.exec("UPDATE property_evaluation_sheets SET items = ?, filled_by = ?, updated_at = ? WHERE id = ?",
          {sheet_items_text(items), user_id, iso_utc(tx.now()), id});
}

std::vector<StoredVeto> vetoes_of(store::Connection& connection, std::int64_t contract_id, const std::string& month) {
  return store::map_rows(
      connection.query("SELECT id, code, note, photos, recorded_by, recorded_at FROM property_evaluation_vetoes "
                       "WHERE contract_id = ? AND month = ? ORDER BY id",
                       {contract_id, month}),
      [](const store::Row& row) {
        return StoredVeto{row.i64(0),
                          {row.text(1), row.text(2)},
                          Json::parse(row.text(3)).get<std::vector<std::string>>(),
                          row.optional_i64(4),
                          row.text(5)};
      });
}

std::int64_t insert_veto(store::Tx& tx, std::int64_t contract_id, const std::string& month, const Veto& veto,
                         const std::vector<std::string>& photos, std::optional<std::int64_t> user_id) {
  return tx.scalar(
      "INSERT INTO property_evaluation_vetoes (contract_id, month, code, note, photos, recorded_by, recorded_at) "
      "VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id",
      {contract_id, month, veto.code, veto.note, Json(photos).dump(), user_id, iso_utc(tx.now())});
}

// --- The month's close ---

std::optional<StoredEvaluation> evaluation_of(store::Connection& connection, std::int64_t contract_id,
                                              const std::string& month) {
  return store::map_row(connection.query_one(std::string(kEvaluationColumns) + "WHERE contract_id = ? AND month = ?",
                                             {contract_id, month}),
                        to_evaluation);
}

std::optional<StoredEvaluation> find_evaluation(store::Connection& connection, std::int64_t id) {
  return store::map_row(connection.query_one(std::string(kEvaluationColumns) + "WHERE id = ?", {id}), to_evaluation);
}

std::vector<StoredEvaluation> closed_evaluations_of_compound(store::Connection& connection,
                                                             std::int64_t compound_node_id) {
  return store::map_rows(
      connection.query(std::string(kEvaluationColumns) +
                           "WHERE state = 'closed' AND contract_id IN (SELECT id FROM property_contracts WHERE "
                           "compound_node_id = ?) ORDER BY month DESC, id DESC",
                       {compound_node_id}),
      to_evaluation);
}

std::vector<StoredEvaluation> evaluations_closed_since(store::Connection& connection, const std::string& since) {
  return store::map_rows(
      connection.query(std::string(kEvaluationColumns) +
                           "WHERE state = 'closed' AND closed_at >= ? ORDER BY closed_at DESC, id DESC",
                       {since}),
      to_evaluation);
}

bool month_closed(store::Connection& connection, std::int64_t contract_id, const std::string& month) {
  return connection.scalar(
             "SELECT COUNT(*) FROM property_evaluations WHERE contract_id = ? AND month = ? AND "
             "state = 'closed'",
             {contract_id, month}) > 0;
}

std::map<std::int64_t, MonthProgress> month_progress(store::Connection& connection, const std::string& month) {
  std::map<std::int64_t, MonthProgress> progress;
  for (const auto& row : connection.query(
           "SELECT contract_id, party FROM property_evaluation_sheets WHERE month = ? ORDER BY contract_id", {month})) {
    progress[row.i64(0)].sheets.push_back(party_of(row.text(1)));
  }
  for (const auto& row : connection.query(
           "SELECT contract_id, COUNT(*) FROM property_evaluation_vetoes WHERE month = ? GROUP BY contract_id",
           {month})) {
    progress[row.i64(0)].vetoes = row.i64(1);
  }
  for (const auto& row : connection.query(std::string(kEvaluationColumns) + "WHERE month = ?", {month})) {
    progress[row.i64(1)].evaluation = to_evaluation(row);
  }
  for (auto& [contract, month_progress] : progress) {
    std::sort(month_progress.sheets.begin(), month_progress.sheets.end());
  }
  return progress;
}

std::optional<std::int64_t> close_evaluation(store::Tx& tx, std::int64_t contract_id, const std::string& month,
                                             const std::string& input, const std::string& result,
                                             std::optional<std::int64_t> user_id) {
  tx.exec(
      "INSERT INTO property_evaluations (contract_id, month, state) VALUES (?, ?, 'open') "
      "ON CONFLICT (contract_id, month) DO NOTHING",
      {contract_id, month});
  std::int64_t changed = tx.exec(
      "UPDATE property_evaluations SET state = 'closed', input = ?, result = ?, closed_at = ?, closed_by = ? "
      "WHERE contract_id = ? AND month = ? AND state = 'open'",
      {input, result, iso_utc(tx.now()), user_id, contract_id, month});
  if (changed == 0) return std::nullopt;
  return tx.scalar("SELECT id FROM property_evaluations WHERE contract_id = ? AND month = ?", {contract_id, month});
}

void reopen_evaluation(store::Tx& tx, const StoredEvaluation& evaluation, const std::string& reason,
                       std::optional<std::int64_t> user_id) {
  tx.exec(
      "INSERT INTO property_evaluation_reopenings (evaluation_id, reason, result, reopened_by, reopened_at) "
      "VALUES (?, ?, ?, ?, ?)",
      {evaluation.id, reason, evaluation.result.value_or(""), user_id, iso_utc(tx.now())});
  tx.exec(
      "UPDATE property_evaluations SET state = 'open', input = NULL, result = NULL, closed_at = NULL, "
      "closed_by = NULL WHERE id = ?",
      {evaluation.id});
}

namespace {

// Voids the contract's pay of the month that still counts, only the closes' rows when `close_rows_only`.
void void_contract_pay(store::Tx& tx, std::int64_t contract_id, const std::string& month, const std::string& reason,
                       std::optional<std::int64_t> user_id, bool close_rows_only) {
  tx.exec(std::string("UPDATE property_costs SET voided_at = ?, voided_by = ?, void_reason = ? WHERE contract_id = ? "
                      "AND month = ? AND kind IN ('contract_base', 'contract_performance') AND voided_at IS NULL") +
              (close_rows_only ? " AND evaluation_id IS NOT NULL" : ""),
          {iso_utc(tx.now()), user_id, reason, contract_id, month});
}

}  // namespace

void replace_contract_pay(store::Tx& tx, const ContractPay& pay, std::int64_t evaluation_id,
                          std::optional<std::int64_t> user_id) {
  void_contract_pay(tx, pay.contract_id, pay.month, "由 " + pay.month + " 月度考核结账写入的合同支出替代", user_id,
                    false);
  std::string now = iso_utc(tx.now());
  for (const auto& [kind, amount] :
       {std::pair<const char*, std::int64_t>{"contract_base", pay.base_fen},
        std::pair<const char*, std::int64_t>{"contract_performance", pay.performance_fen}}) {
    if (amount == 0) continue;
    tx.exec(
        "INSERT INTO property_costs (community_node_id, compound_node_id, month, kind, contract_id, common_parts, "
        "amount_fen, note, recorded_by, created_at, evaluation_id) VALUES (?, ?, ?, ?, ?, 0, ?, ?, ?, ?, ?)",
        {pay.community_id, pay.compound_id, pay.month, kind, pay.contract_id, amount, "月度考核结账", user_id, now,
         evaluation_id});
  }
}

void void_close_pay(store::Tx& tx, std::int64_t contract_id, const std::string& month, const std::string& reason,
                    std::optional<std::int64_t> user_id) {
  void_contract_pay(tx, contract_id, month, reason, user_id, true);
}

// --- Reviews ---

void open_review(store::Tx& tx, std::int64_t contract_id, const std::string& first_month,
                 const std::string& second_month) {
  tx.exec(
      "INSERT INTO property_evaluation_reviews (contract_id, first_month, second_month, opened_at, state) "
      "VALUES (?, ?, ?, ?, 'open') ON CONFLICT (contract_id, second_month) DO NOTHING",
      {contract_id, first_month, second_month, iso_utc(tx.now())});
}

std::vector<Review> reviews_under(store::Connection& connection, const std::string& path) {
  return store::map_rows(
      connection.query(std::string(kReviewColumns) + "JOIN org_nodes n ON n.id = k.compound_node_id WHERE " +
                           org::subtree_condition(connection.dialect(), "n.path") +
                           " ORDER BY CASE WHEN r.state = 'open' THEN 0 ELSE 1 END, r.id DESC",
                       org::subtree_params(path)),
      to_review);
}

std::optional<Review> find_review(store::Connection& connection, std::int64_t id) {
  return store::map_row(connection.query_one(std::string(kReviewColumns) + "WHERE r.id = ?", {id}), to_review);
}

void close_review(store::Tx& tx, std::int64_t id, const std::string& note, std::optional<std::int64_t> user_id) {
  tx.exec(
      "UPDATE property_evaluation_reviews SET state = 'closed', note = ?, closed_by = ?, closed_at = ? WHERE id = ?",
      {note, user_id, iso_utc(tx.now()), id});
}

}  // namespace weizhi::property
