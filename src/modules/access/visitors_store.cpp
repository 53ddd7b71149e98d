// SQL of visitor passes and of the passages the gate's check records. A pass's tiers are kept as a JSON array of
// their codes; the visitor's name and phone only encrypted, beside their masked forms.
#include "modules/access/visitors_store.hpp"

#include "core/json.hpp"
#include "modules/access/rules.hpp"
#include "store/rows.hpp"

namespace weizhi::access {

namespace {

constexpr const char* kPassColumns =
    "SELECT v.id, v.compound_node_id, c.name, v.part_node_id, p.name, v.name_masked, v.phone_masked, v.uses, "
    "v.tiers, v.expires_at, v.used_at, v.use_count, v.revoked_at, v.created_at FROM access_visitor_passes v "
    "JOIN org_nodes c ON c.id = v.compound_node_id JOIN org_nodes p ON p.id = v.part_node_id ";

// Not revoked, not a once pass used, not expired at the parameter's moment.
constexpr const char* kActiveAt =
    " AND v.revoked_at IS NULL AND NOT (v.uses = 'once' AND v.used_at IS NOT NULL) AND v.expires_at > ?";

VisitorPass to_pass(const store::Row& row) {
  VisitorPass pass{row.i64(0),
                   row.i64(1),
                   row.text(2),
                   row.i64(3),
                   row.text(4),
                   row.text(5),
                   row.text(6),
                   parse_code(kPassUses, row.text(7)).value_or(PassUses::Once),
                   {},
                   row.text(9),
                   row.optional_text(10),
                   row.i64(11),
                   row.optional_text(12),
                   row.text(13)};
  for (const auto& code : parse_json(row.text(8))) {
    if (auto tier = parse_code(kTiers, code.get<std::string>())) pass.tiers.push_back(*tier);
  }
  return pass;
}

}  // namespace

// --- The signing key ---

std::optional<SigningKeyRow> signing_key(store::Connection& connection) {
  auto row =
      connection.query_one("SELECT id, public_key, secret_enc FROM access_signing_keys WHERE purpose = 'visitor_pass'");
  if (!row) return std::nullopt;
  return SigningKeyRow{row->i64(0), row->text(1), row->text(2)};
}

void keep_signing_key(store::Tx& tx, const std::string& public_key_base64, const std::string& secret_enc) {
  tx.exec(
      "INSERT INTO access_signing_keys (purpose, public_key, secret_enc, created_at) VALUES ('visitor_pass', ?, ?, ?) "
      "ON CONFLICT (purpose) DO NOTHING",
      {public_key_base64, secret_enc, iso_utc(tx.now())});
}

// --- Passes ---

std::int64_t insert_pass(store::Tx& tx, const NewPass& pass) {
  Json tiers = Json::array();
  for (Tier tier : pass.tiers) tiers.push_back(code_of(kTiers, tier));
  return tx.scalar(
      "INSERT INTO access_visitor_passes (compound_node_id, part_node_id, issued_by, name_enc, name_masked, "
      "phone_enc, phone_masked, uses, tiers, expires_at, use_count, created_at) "
      "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?) RETURNING id",
      {pass.compound_node_id, pass.part_node_id, pass.issued_by, pass.name_enc, pass.name_masked, pass.phone_enc,
       pass.phone_masked, code_of(kPassUses, pass.uses), tiers.dump(), pass.expires_at, iso_utc(tx.now())});
}

std::optional<VisitorPass> find_pass(store::Connection& connection, std::int64_t id) {
  auto row = connection.query_one(std::string(kPassColumns) + "WHERE v.id = ?", {id});
  if (!row) return std::nullopt;
  return to_pass(*row);
}

std::vector<VisitorPass> passes_of_parts(store::Connection& connection, const std::vector<std::int64_t>& part_ids,
                                         std::int64_t limit) {
  if (part_ids.empty()) return {};
  std::string sql = std::string(kPassColumns) + "WHERE v.part_node_id IN (";
  store::Params params;
  for (std::size_t i = 0; i < part_ids.size(); ++i) {
    sql += i == 0 ? "?" : ", ?";
    params.push_back(part_ids[i]);
  }
  sql += ") ORDER BY v.id DESC LIMIT ?";
  params.push_back(limit);
  return store::map_rows(connection.query(sql, params), to_pass);
}

std::vector<VisitorPass> passes_of_compound(store::Connection& connection, std::int64_t compound_node_id,
                                            const std::optional<std::string>& active_at,
                                            std::optional<std::int64_t> before_id, std::int64_t limit) {
  std::string sql = std::string(kPassColumns) + "WHERE v.compound_node_id = ?";
  store::Params params{compound_node_id};
  if (active_at) {
    sql += kActiveAt;
    params.push_back(*active_at);
  }
  if (before_id) {
    sql += " AND v.id < ?";
    params.push_back(*before_id);
  }
  sql += " ORDER BY v.id DESC LIMIT ?";
  params.push_back(limit);
  return store::map_rows(connection.query(sql, params), to_pass);
}

std::int64_t active_pass_count(store::Connection& connection, std::int64_t compound_node_id, const std::string& now) {
  return connection.scalar(
      std::string("SELECT COUNT(*) FROM access_visitor_passes v WHERE v.compound_node_id = ?") + kActiveAt,
      {compound_node_id, now});
}

void lock_household(store::Tx& tx, std::int64_t part_node_id) {
  if (tx.dialect() == store::Dialect::Postgres)
    tx.exec("SELECT id FROM org_nodes WHERE id = ? FOR UPDATE", {part_node_id});
}

std::int64_t passes_issued_since(store::Connection& connection, std::int64_t part_node_id, const std::string& since) {
  return connection.scalar("SELECT COUNT(*) FROM access_visitor_passes WHERE part_node_id = ? AND created_at >= ?",
                           {part_node_id, since});
}

void revoke_pass(store::Tx& tx, std::int64_t id, const std::string& at) {
  tx.exec("UPDATE access_visitor_passes SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL", {at, id});
}

bool use_pass(store::Tx& tx, std::int64_t id, PassUses uses, const std::string& at) {
  if (uses == PassUses::Once) {
    return tx.exec(
               "UPDATE access_visitor_passes SET used_at = ?, use_count = use_count + 1 "
               "WHERE id = ? AND used_at IS NULL AND revoked_at IS NULL",
               {at, id}) == 1;
  }
  tx.exec("UPDATE access_visitor_passes SET used_at = COALESCE(used_at, ?), use_count = use_count + 1 WHERE id = ?",
          {at, id});
  return true;
}

std::int64_t purge_passes(store::Tx& tx, const std::string& before) {
  return tx.exec("DELETE FROM access_visitor_passes WHERE expires_at < ?", {before});
}

// --- The check's passage ---

void record_checked_passage(store::Tx& tx, const CheckedPassage& passage) {
  tx.exec(
      "INSERT INTO access_events (device_id, serial_no, gate_id, compound_node_id, occurred_at, credential_id, "
      "visitor_pass_id, result, reason, source) VALUES (0, ?, ?, ?, ?, ?, ?, ?, ?, 'check')",
      {passage.audit_seq, passage.gate_id, passage.compound_node_id, passage.occurred_at, passage.credential_id,
       passage.visitor_pass_id, passage.granted ? "granted" : "denied", passage.reason});
}

}  // namespace weizhi::access
