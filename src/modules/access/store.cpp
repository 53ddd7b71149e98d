// SQL of the access module. Gates' hours are kept as the JSON the API speaks; a QR credential's secret only
// encrypted; holders are named as the registry masks them, staff by their account's name.
#include "modules/access/store.hpp"

#include "core/error.hpp"
#include "core/json.hpp"
#include "modules/access/access.hpp"
#include "modules/access/rules.hpp"
#include "store/rows.hpp"
#include "store/select.hpp"

namespace weizhi::access {

namespace {

constexpr const char* kGateColumns =
    "SELECT g.id, g.compound_node_id, c.name, g.name, g.tier, g.hours, g.status, g.note, g.created_at, g.updated_at "
    "FROM access_gates g JOIN org_nodes c ON c.id = g.compound_node_id ";

Gate to_gate(const store::Row& row) {
  GateInput input{row.text(3), parse_code(kTiers, row.text(4)).value_or(Tier::Main),
                  read_hours(parse_json(row.text(5)), "hours"),
                  parse_code(kGateStatuses, row.text(6)).value_or(GateStatus::Open), row.text(7)};
  return Gate{row.i64(0), row.i64(1), row.text(2), std::move(input), row.text(8), row.text(9)};
}

constexpr const char* kCredentialColumns =
    "SELECT a.id, a.compound_node_id, a.person_id, a.user_id, a.kind, a.number, a.valid_from, a.valid_to, a.state, "
    "a.reason, a.suspended_by_kind, a.suspended_by_id, a.approval_person_id, a.approval_reference, a.created_at, "
    "a.updated_at, c.name, COALESCE(p.name_masked, u.display_name), ap.name_masked "
    "FROM access_credentials a JOIN org_nodes c ON c.id = a.compound_node_id "
    "LEFT JOIN people p ON p.id = a.person_id LEFT JOIN users u ON u.id = a.user_id "
    "LEFT JOIN people ap ON ap.id = a.approval_person_id ";

Credential to_credential(const store::Row& row) {
  Credential credential;
  credential.id = row.i64(0);
  credential.input.compound_node_id = row.i64(1);
  credential.input.person_id = row.optional_i64(2);
  credential.input.user_id = row.optional_i64(3);
  credential.input.kind = parse_code(kCredentialKinds, row.text(4)).value_or(CredentialKind::Qr);
  credential.input.number = row.optional_text(5);
  credential.input.valid_from = row.text(6);
  credential.input.valid_to = row.text(7);
  credential.state = parse_code(kCredentialStates, row.text(8)).value_or(CredentialState::Revoked);
  credential.reason = row.optional_text(9);
  if (auto kind = row.optional_text(10)) credential.suspended_by = SuspendedBy{*kind, row.optional_i64(11)};
  if (auto member = row.optional_i64(12)) credential.input.approval = Approval{*member, row.text(13)};
  credential.created_at = row.text(14);
  credential.updated_at = row.text(15);
  credential.compound_name = row.text(16);
  credential.holder_name = row.text(17);
  credential.approver_name_masked = row.optional_text(18);
  return credential;
}

std::string weekdays_text(const Weekdays& weekdays) { return Json(weekdays).dump(); }

}  // namespace

// --- Gates ---

std::vector<Gate> gates_of_compound(store::Connection& connection, std::int64_t compound_node_id) {
  return store::map_rows(
      connection.query(std::string(kGateColumns) + "WHERE g.compound_node_id = ? ORDER BY g.id", {compound_node_id}),
      to_gate);
}

std::optional<Gate> find_gate(store::Connection& connection, std::int64_t id) {
  return store::map_row(connection.query_one(std::string(kGateColumns) + "WHERE g.id = ?", {id}), to_gate);
}

std::int64_t insert_gate(store::Tx& tx, std::int64_t compound_node_id, const GateInput& gate) {
  std::string now = iso_utc(tx.now());
  try {
    return tx.scalar(
        "INSERT INTO access_gates (compound_node_id, name, tier, hours, status, note, created_at, updated_at) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
        {compound_node_id, gate.name, code_of(kTiers, gate.tier), hours_json(gate.hours).dump(),
         code_of(kGateStatuses, gate.status), gate.note, now, now});
  } catch (const store::ConstraintViolation&) {
    fail_conflict("本小区已有同名门岗", "name");
  }
}

void update_gate(store::Tx& tx, std::int64_t id, const GateInput& gate) {
  try {
    tx.exec("UPDATE access_gates SET name = ?, tier = ?, hours = ?, status = ?, note = ?, updated_at = ? WHERE id = ?",
            {gate.name, code_of(kTiers, gate.tier), hours_json(gate.hours).dump(), code_of(kGateStatuses, gate.status),
             gate.note, iso_utc(tx.now()), id});
  } catch (const store::ConstraintViolation&) {
    fail_conflict("本小区已有同名门岗", "name");
  }
}

std::vector<Shift> shifts_of(store::Connection& connection, std::int64_t gate_id) {
  return store::map_rows(
      connection.query("SELECT guard_name, from_minute, to_minute, weekdays FROM access_gate_shifts WHERE gate_id = ? "
                       "ORDER BY id",
                       {gate_id}),
      [](const store::Row& row) {
        return Shift{row.text(0), OpenWindow{read_weekdays(parse_json(row.text(3)), "weekdays"),
                                             static_cast<int>(row.i64(1)), static_cast<int>(row.i64(2))}};
      });
}

void replace_shifts(store::Tx& tx, std::int64_t gate_id, const std::vector<Shift>& shifts) {
  tx.exec("DELETE FROM access_gate_shifts WHERE gate_id = ?", {gate_id});
  for (const auto& shift : shifts) {
    tx.exec(
        "INSERT INTO access_gate_shifts (gate_id, guard_name, from_minute, to_minute, weekdays) VALUES (?, ?, ?, ?, ?)",
        {gate_id, shift.guard_name, shift.window.from, shift.window.to, weekdays_text(shift.window.weekdays)});
  }
}

// --- Credentials ---

std::vector<Credential> credentials_where(store::Connection& connection, const CredentialFilter& filter) {
  store::Select select(kCredentialColumns);
  select.where("a.compound_node_id = ?", {filter.compound_node_id});
  if (filter.person_id) select.where("a.person_id = ?", {*filter.person_id});
  if (filter.user_id) select.where("a.user_id = ?", {*filter.user_id});
  if (filter.part_node_id) {
    select.where("a.person_id IN (SELECT person_id FROM part_links WHERE part_node_id = ?)", {*filter.part_node_id});
  }
  if (filter.state) select.where("a.state = ?", {code_of(kCredentialStates, *filter.state)});
  select.newest_first("a.id", filter.before_id, filter.limit);
  return store::map_rows(select.run(connection), to_credential);
}

std::optional<Credential> find_credential(store::Connection& connection, std::int64_t id) {
  return store::map_row(connection.query_one(std::string(kCredentialColumns) + "WHERE a.id = ?", {id}), to_credential);
}

std::vector<Credential> credentials_of_holder(store::Connection& connection, std::optional<std::int64_t> person_id,
                                              std::int64_t user_id) {
  return store::map_rows(
      connection.query(std::string(kCredentialColumns) + "WHERE a.person_id = ? OR a.user_id = ? ORDER BY a.id DESC",
                       {person_id, user_id}),
      to_credential);
}

std::int64_t insert_credential(store::Tx& tx, const CredentialInput& input,
                               const std::optional<std::string>& secret_enc) {
  std::string now = iso_utc(tx.now());
  std::optional<std::int64_t> approver;
  std::optional<std::string> reference;
  if (input.approval) {
    approver = input.approval->member_person_id;
    reference = input.approval->reference;
  }
  try {
    return tx.scalar(
        "INSERT INTO access_credentials (compound_node_id, person_id, user_id, kind, number, secret_enc, valid_from, "
        "valid_to, state, approval_person_id, approval_reference, created_at, updated_at) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'active', ?, ?, ?, ?) RETURNING id",
        {input.compound_node_id, input.person_id, input.user_id, code_of(kCredentialKinds, input.kind), input.number,
         secret_enc, input.valid_from, input.valid_to, approver, reference, now, now});
  } catch (const store::ConstraintViolation&) {
    fail_conflict("本小区已有该编号的有效凭证", input.kind == CredentialKind::Face ? "face_reference" : "card_number");
  }
}

void set_state(store::Tx& tx, std::int64_t id, CredentialState state, const std::optional<std::string>& reason,
               const std::optional<SuspendedBy>& suspended_by) {
  std::optional<std::string> by_kind;
  std::optional<std::int64_t> by_id;
  if (suspended_by) {
    by_kind = suspended_by->kind;
    by_id = suspended_by->id;
  }
  tx.exec(
      "UPDATE access_credentials SET state = ?, reason = ?, suspended_by_kind = ?, suspended_by_id = ?, updated_at = ? "
      "WHERE id = ?",
      {code_of(kCredentialStates, state), reason, by_kind, by_id, iso_utc(tx.now()), id});
}

std::optional<std::string> secret_of(store::Connection& connection, std::int64_t id) {
  auto row = connection.query_one("SELECT secret_enc FROM access_credentials WHERE id = ?", {id});
  return row ? row->optional_text(0) : std::nullopt;
}

namespace {

// A person's part in the compound at the bound path: the link's part lies in its subtree.
constexpr const char* kLivesIn =
    "EXISTS (SELECT 1 FROM part_links l JOIN org_nodes n ON n.id = l.part_node_id WHERE l.person_id = {person} "
    "AND substr(n.path, 1, length({path})) = {path})";

// An account's role in force at the compound or above it: the compound's path begins with the scope's.
std::string works_on_sql(const std::string& user, const std::string& compound_path, std::size_t roles) {
  return "EXISTS (SELECT 1 FROM role_assignments r JOIN org_nodes s ON s.id = r.scope_node_id WHERE r.user_id = " +
         user + " AND substr(" + compound_path + ", 1, length(s.path)) = s.path AND r.valid_from <= ? AND " +
         "(r.valid_to IS NULL OR r.valid_to > ?) AND r.role IN (" + store::placeholders(roles) + "))";
}

std::string replaced(std::string text, const std::string& from, const std::string& to) {
  for (auto at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size())) {
    text.replace(at, from.size(), to);
  }
  return text;
}

}  // namespace

bool lives_in(store::Connection& connection, std::int64_t person_id, const std::string& compound_path) {
  std::string sql = replaced(replaced(kLivesIn, "{person}", "?"), "{path}", "CAST(? AS TEXT)");
  return connection.scalar("SELECT CASE WHEN " + sql + " THEN 1 ELSE 0 END",
                           {person_id, compound_path, compound_path}) == 1;
}

bool works_on(store::Connection& connection, std::int64_t user_id, const std::string& compound_path,
              const std::vector<std::string>& roles, const std::string& now) {
  store::Params params{user_id, compound_path, now, now};
  for (const auto& role : roles) params.emplace_back(role);
  return connection.scalar(
             "SELECT CASE WHEN " + works_on_sql("?", "CAST(? AS TEXT)", roles.size()) + " THEN 1 ELSE 0 END", params) ==
         1;
}

bool on_committee(store::Connection& connection, std::int64_t compound_node_id, std::int64_t person_id) {
  return connection.scalar(
             "SELECT COUNT(*) FROM committee_members m JOIN committees c ON c.id = m.committee_id "
             "WHERE c.compound_node_id = ? AND c.ended_on IS NULL AND m.left_at IS NULL "
             "AND m.person_id = ?",
             {compound_node_id, person_id}) > 0;
}

std::vector<Ending> credentials_to_end(store::Connection& connection, const std::vector<std::string>& roles,
                                       const std::string& now) {
  std::vector<Ending> endings;
  std::string lives = replaced(replaced(kLivesIn, "{person}", "a.person_id"), "{path}", "c.path");
  for (const auto& row :
       connection.query("SELECT a.id FROM access_credentials a JOIN org_nodes c ON c.id = a.compound_node_id "
                        "WHERE a.state <> 'revoked' AND a.person_id IS NOT NULL AND NOT " +
                        lives + " ORDER BY a.id")) {
    endings.push_back({row.i64(0), kMovedOutReason});
  }
  store::Params params{now, now};
  for (const auto& role : roles) params.emplace_back(role);
  for (const auto& row :
       connection.query("SELECT a.id FROM access_credentials a JOIN org_nodes c ON c.id = a.compound_node_id "
                        "WHERE a.state <> 'revoked' AND a.user_id IS NOT NULL AND NOT " +
                            works_on_sql("a.user_id", "c.path", roles.size()) + " ORDER BY a.id",
                        params)) {
    endings.push_back({row.i64(0), kLeftPostReason});
  }
  return endings;
}

// --- Figures ---

AccessCounts counts_of_compound(store::Connection& connection, std::int64_t compound_node_id) {
  AccessCounts counts;
  for (const auto& row : connection.query(
           "SELECT tier, COUNT(*) FROM access_gates WHERE compound_node_id = ? GROUP BY tier", {compound_node_id})) {
    auto tier = parse_code(kTiers, row.text(0));
    if (!tier) continue;
    (*tier == Tier::Main ? counts.main : *tier == Tier::Middle ? counts.middle : counts.small) = row.i64(1);
  }
  for (const auto& row :
       connection.query("SELECT state, COUNT(*) FROM access_credentials WHERE compound_node_id = ? GROUP BY state",
                        {compound_node_id})) {
    if (row.text(0) == "active") counts.active = row.i64(1);
    if (row.text(0) == "suspended") counts.suspended = row.i64(1);
  }
  return counts;
}

}  // namespace weizhi::access
