// SQL of the committees module: policies, committees, members and alternates. Names shown are
// the registry's masked names; party membership is read from the registry, never copied.
#include "modules/committees/store.hpp"

#include "core/error.hpp"
#include "core/json.hpp"
#include "modules/committees/rules.hpp"
#include "modules/org/org.hpp"
#include "store/rows.hpp"

namespace weizhi::committees {

namespace {

constexpr const char* kCommitteeColumns =
    "SELECT m.id, m.compound_node_id, c.name, m.term_starts_on, m.term_ends_on, m.created_at, m.ended_on "
    "FROM committees m JOIN org_nodes c ON c.id = m.compound_node_id ";

Committee to_committee(const store::Row& row) {
  return Committee{row.i64(0), row.i64(1), row.text(2), row.text(3), row.text(4), row.text(5), row.optional_text(6)};
}

bool is_current_member_or_alternate(store::Connection& connection, std::int64_t committee_id, std::int64_t person_id) {
  return connection.scalar(
             "SELECT (SELECT COUNT(*) FROM committee_members WHERE committee_id = ? AND person_id = ? AND left_at IS "
             "NULL) "
             "+ (SELECT COUNT(*) FROM committee_alternates WHERE committee_id = ? AND person_id = ? AND promoted_at IS "
             "NULL)",
             {committee_id, person_id, committee_id, person_id}) > 0;
}

void require_person(store::Connection& connection, std::int64_t person_id) {
  if (!connection.query_one("SELECT id FROM people WHERE id = ?", {person_id})) fail_not_found("找不到该人员");
}

}  // namespace

Policy policy_of_street(store::Connection& connection, std::int64_t street_node_id) {
  auto row = connection.query_one(
      "SELECT term_years, duties, party_share_percent, commissioner_joins, publicity_days "
      "FROM committee_policies WHERE street_node_id = ?",
      {street_node_id});
  if (!row) return default_policy();
  Policy policy;
  policy.term_years = row->i64(0);
  policy.duties = parse_json(row->text(1)).get<std::vector<std::string>>();
  policy.party_share_percent = row->i64(2);
  policy.commissioner_joins = parse_code(kCommissionerJoins, row->text(3)).value_or(CommissionerJoins::ExOfficio);
  policy.publicity_days = row->i64(4);
  return policy;
}

Policy policy_for_node(store::Connection& connection, std::int64_t node_id) {
  return policy_of_street(connection, org::street_of_node(connection, node_id));
}

void save_policy(store::Tx& tx, std::int64_t street_node_id, const Policy& policy) {
  tx.exec("DELETE FROM committee_policies WHERE street_node_id = ?", {street_node_id});
  tx.exec(
      "INSERT INTO committee_policies (street_node_id, term_years, duties, party_share_percent, "
      "commissioner_joins, publicity_days, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
      {street_node_id, policy.term_years, Json(policy.duties).dump(), policy.party_share_percent,
       code_of(kCommissionerJoins, policy.commissioner_joins), policy.publicity_days, iso_utc(tx.now())});
}

namespace {

// The term's last day under the street's policy; 404 for a node that is not a compound.
std::string checked_term_end(store::Connection& connection, std::int64_t compound_node_id,
                             const std::string& starts_on) {
  auto compound = org::require_compound(connection, compound_node_id);
  Policy policy = policy_of_street(connection, org::street_of(compound.path));
  auto ends_on = term_end(starts_on, policy.term_years);
  if (!ends_on) fail_invalid("term_starts_on", "任期开始日期应为 YYYY-MM-DD");
  return *ends_on;
}

std::int64_t insert_committee(store::Tx& tx, std::int64_t compound_node_id, const std::string& starts_on,
                              const std::string& ends_on) {
  auto row = tx.query_one(
      "INSERT INTO committees (compound_node_id, term_starts_on, term_ends_on, created_at) "
      "VALUES (?, ?, ?, ?) RETURNING id",
      {compound_node_id, starts_on, ends_on, iso_utc(tx.now())});
  return row->i64(0);
}

}  // namespace

std::int64_t create_committee(store::Tx& tx, std::int64_t compound_node_id, const std::string& starts_on) {
  std::string ends_on = checked_term_end(tx.connection(), compound_node_id, starts_on);
  if (committee_of_compound(tx.connection(), compound_node_id)) fail_conflict("该小区已有自管会", "compound_id");
  return insert_committee(tx, compound_node_id, starts_on, ends_on);
}

Succession succeed_committee(store::Tx& tx, std::int64_t compound_node_id, const std::string& starts_on) {
  std::string ends_on = checked_term_end(tx.connection(), compound_node_id, starts_on);
  auto previous = committee_of_compound(tx.connection(), compound_node_id);
  if (previous) {
    tx.exec("UPDATE committees SET ended_on = ? WHERE id = ?", {starts_on, *previous});
  }
  return Succession{insert_committee(tx, compound_node_id, starts_on, ends_on), previous};
}

std::optional<std::int64_t> committee_of_compound(store::Connection& connection, std::int64_t compound_node_id) {
  return store::map_row(
      connection.query_one("SELECT id FROM committees WHERE compound_node_id = ? AND ended_on IS NULL",
                           {compound_node_id}),
      store::first_integer);
}

std::optional<Committee> find_committee(store::Connection& connection, std::int64_t id) {
  return store::map_row(connection.query_one(std::string(kCommitteeColumns) + "WHERE m.id = ?", {id}), to_committee);
}

std::vector<Committee> committees_under(store::Connection& connection, const std::string& path) {
  return store::map_rows(connection.query(std::string(kCommitteeColumns) + "WHERE m.ended_on IS NULL AND " +
                                              org::subtree_condition(connection.dialect(), "c.path") + " ORDER BY m.id",
                                          org::subtree_params(path)),
                         to_committee);
}

std::vector<Committee> terms_of_compound(store::Connection& connection, std::int64_t compound_node_id) {
  return store::map_rows(connection.query(std::string(kCommitteeColumns) +
                                              "WHERE m.compound_node_id = ? ORDER BY m.term_starts_on DESC, m.id DESC",
                                          {compound_node_id}),
                         to_committee);
}

std::vector<Member> members_of(store::Connection& connection, std::int64_t committee_id) {
  return store::map_rows(
      connection.query(
          "SELECT m.id, m.person_id, p.name_masked, p.party_member, m.position, m.origin, m.votes, m.joined_at "
          "FROM committee_members m JOIN people p ON p.id = m.person_id "
          "WHERE m.committee_id = ? AND m.left_at IS NULL ORDER BY m.id",
          {committee_id}),
      [](const store::Row& row) {
        return Member{row.i64(0),
                      row.i64(1),
                      row.text(2),
                      row.i64(3) != 0,
                      parse_code(kPositions, row.text(4)).value_or(Position::Member),
                      parse_code(kOrigins, row.text(5)).value_or(Origin::EnthusiasticResident),
                      row.optional_i64(6),
                      row.text(7)};
      });
}

std::vector<Alternate> alternates_of(store::Connection& connection, std::int64_t committee_id) {
  return store::map_rows(connection.query("SELECT a.person_id, p.name_masked, p.party_member, a.rank, a.votes "
                                          "FROM committee_alternates a JOIN people p ON p.id = a.person_id "
                                          "WHERE a.committee_id = ? AND a.promoted_at IS NULL ORDER BY a.rank",
                                          {committee_id}),
                         [](const store::Row& row) {
                           return Alternate{row.i64(0), row.text(1), row.i64(2) != 0, row.i64(3), row.optional_i64(4)};
                         });
}

std::int64_t add_member(store::Tx& tx, std::int64_t committee_id, const NewMember& member) {
  require_person(tx.connection(), member.person_id);
  if (is_current_member_or_alternate(tx.connection(), committee_id, member.person_id)) {
    fail_conflict("此人已是该自管会成员或候补", "person_id");
  }
  check_position(members_of(tx.connection(), committee_id), member.position);
  auto row = tx.query_one(
      "INSERT INTO committee_members (committee_id, person_id, position, origin, votes, joined_at) "
      "VALUES (?, ?, ?, ?, ?, ?) RETURNING id",
      {committee_id, member.person_id, code_of(kPositions, member.position), code_of(kOrigins, member.origin),
       member.votes, iso_utc(tx.now())});
  return row->i64(0);
}

std::int64_t add_alternate(store::Tx& tx, std::int64_t committee_id, const NewAlternate& alternate) {
  require_person(tx.connection(), alternate.person_id);
  if (is_current_member_or_alternate(tx.connection(), committee_id, alternate.person_id) ||
      tx.query_one("SELECT 1 FROM committee_alternates WHERE committee_id = ? AND person_id = ?",
                   {committee_id, alternate.person_id})) {
    fail_conflict("此人已是该自管会成员或候补", "person_id");
  }
  std::int64_t rank =
      tx.scalar("SELECT COALESCE(MAX(rank), 0) + 1 FROM committee_alternates WHERE committee_id = ?", {committee_id});
  tx.exec("INSERT INTO committee_alternates (committee_id, person_id, origin, rank, votes) VALUES (?, ?, ?, ?, ?)",
          {committee_id, alternate.person_id, code_of(kOrigins, alternate.origin), rank, alternate.votes});
  return rank;
}

std::optional<std::int64_t> member_leaves(store::Tx& tx, std::int64_t committee_id, std::int64_t member_id,
                                          const std::string& reason) {
  std::string now = iso_utc(tx.now());
  if (tx.exec("UPDATE committee_members SET left_at = ?, leaving_reason = ? "
              "WHERE id = ? AND committee_id = ? AND left_at IS NULL",
              {now, reason, member_id, committee_id}) == 0) {
    fail_not_found("找不到该自管会的在任成员");
  }
  auto alternates = alternates_of(tx.connection(), committee_id);
  if (alternates.empty()) return std::nullopt;
  const Alternate& first = alternates.front();
  tx.exec("UPDATE committee_alternates SET promoted_at = ? WHERE committee_id = ? AND person_id = ?",
          {now, committee_id, first.person_id});
  auto row = tx.query_one(
      "INSERT INTO committee_members (committee_id, person_id, position, origin, votes, joined_at) "
      "VALUES (?, ?, ?, ?, ?, ?) RETURNING id",
      {committee_id, first.person_id, code_of(kPositions, Position::Member),
       tx.query_one("SELECT origin FROM committee_alternates WHERE committee_id = ? AND person_id = ?",
                    {committee_id, first.person_id})
           ->text(0),
       first.votes, now});
  return row->i64(0);
}

std::optional<std::int64_t> current_commissioner(store::Connection& connection, std::int64_t compound_node_id) {
  return store::map_row(
      connection.query_one(
          "SELECT person_id FROM commissioner_assignments WHERE compound_node_id = ? AND until IS NULL "
          "ORDER BY since DESC, id DESC",
          {compound_node_id}),
      store::first_integer);
}

}  // namespace weizhi::committees
