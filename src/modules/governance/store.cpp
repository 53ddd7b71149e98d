// Governance storage.
#include "modules/governance/store.hpp"

#include <algorithm>
#include <stdexcept>

#include "core/error.hpp"
#include "modules/governance/rules.hpp"
#include "modules/org/org.hpp"
#include "store/rows.hpp"
#include "store/select.hpp"

namespace weizhi::governance {

namespace {

// A term is current when since <= now < until; the aggregate queries say so in SQL (the same
// rule as rules::is_current) so that the database does the counting.
constexpr const char* kCurrentAssignment = "a.since <= ? AND (a.until IS NULL OR a.until > ?)";
constexpr const char* kCurrentPosition = "p.since <= ? AND (p.until IS NULL OR p.until > ?)";

// The ids of an IN list, bound one placeholder each.
store::Params id_params(const std::vector<std::int64_t>& ids) { return store::Params(ids.begin(), ids.end()); }

std::string subtree_pattern(const std::string& path) { return path + "%"; }

TimePoint stored_time(const std::string& text) {
  auto parsed = parse_iso(text);
  if (!parsed) throw std::runtime_error("governance: malformed stored time " + text);
  return *parsed;
}

Term to_term(const store::Row& row, std::size_t first_column) {
  std::optional<TimePoint> until;
  if (auto text = row.optional_text(first_column + 2)) until = stored_time(*text);
  return Term{row.i64(first_column), stored_time(row.text(first_column + 1)), until};
}

// A row that holds a term and nothing else: person_id, since, until.
Term whole_row_term(const store::Row& row) { return to_term(row, 0); }

std::map<std::int64_t, std::string> names_by_id(store::Connection& connection, const std::string& table,
                                                const std::string& name_column, const std::vector<std::int64_t>& ids) {
  std::map<std::int64_t, std::string> names;
  if (ids.empty()) return names;
  for (const auto& row : connection.query(
           "SELECT id, " + name_column + " FROM " + table + " WHERE id IN (" + store::placeholders(ids.size()) + ")",
           id_params(ids))) {
    names[row.i64(0)] = row.text(1);
  }
  return names;
}

// Throws the rules' refusal, if any.
void refuse(const std::optional<ApiError>& refusal) {
  if (refusal) throw *refusal;
}

// The node `id` as `field` of a request (rules' node_refusal).
org::Node require_node(store::Tx& tx, std::int64_t id, const std::vector<org::NodeKind>& kinds,
                       const std::string& field) {
  auto node = org::find_node(tx, id);
  refuse(node_refusal(id, node, kinds, field));
  return *node;
}

void require_person(store::Tx& tx, std::int64_t id, const std::string& field) {
  refuse(person_refusal(id, tx.query_one("SELECT id FROM people WHERE id = ?", {id}).has_value(), field));
}

std::vector<std::optional<org::Node>> find_nodes(store::Tx& tx, const std::vector<std::int64_t>& ids) {
  std::vector<std::optional<org::Node>> nodes;
  for (std::int64_t id : ids) nodes.push_back(org::find_node(tx, id));
  return nodes;
}

void map_branch(store::Tx& tx, std::int64_t branch_id, const std::vector<std::int64_t>& compound_ids) {
  for (std::int64_t compound_id : compound_ids) {
    tx.exec("INSERT INTO party_branch_compounds (branch_id, compound_node_id) VALUES (?, ?)", {branch_id, compound_id});
  }
}

void check_branch_compounds(store::Tx& tx, PartyOrgKind kind, std::int64_t community_id,
                            const std::vector<std::int64_t>& compound_ids) {
  std::vector<std::optional<org::Node>> compounds;
  std::optional<org::Node> community;
  if (kind == PartyOrgKind::Branch) {
    compounds = find_nodes(tx, compound_ids);
    community = org::find_node(tx, community_id);
  }
  refuse(branch_compounds_refusal(kind, compound_ids, compounds, community));
}

constexpr const char* kPartyOrgColumns =
    "SELECT o.id, o.kind, o.name, o.community_node_id, o.secretary_person_id, o.created_at FROM party_orgs o ";

std::vector<PartyOrg> to_party_orgs(store::Connection& connection, const store::Rows& rows) {
  std::vector<PartyOrg> orgs;
  for (const auto& row : rows) {
    orgs.push_back(PartyOrg{row.i64(0),
                            {parse_code(kPartyOrgKinds, row.text(1)).value_or(PartyOrgKind::Branch),
                             row.text(2),
                             row.i64(3),
                             row.optional_i64(4),
                             {}},
                            row.text(5)});
  }
  if (orgs.empty()) return orgs;
  std::vector<std::int64_t> ids;
  for (const auto& org : orgs) ids.push_back(org.id);
  std::map<std::int64_t, std::vector<std::int64_t>> compounds;
  for (const auto& row : connection.query("SELECT branch_id, compound_node_id FROM party_branch_compounds WHERE "
                                          "branch_id IN (" +
                                              store::placeholders(ids.size()) + ") ORDER BY compound_node_id",
                                          id_params(ids))) {
    compounds[row.i64(0)].push_back(row.i64(1));
  }
  for (auto& org : orgs) org.input.compound_ids = compounds[org.id];
  return orgs;
}

}  // namespace

std::map<std::int64_t, std::string> masked_names(store::Connection& connection, const std::vector<std::int64_t>& ids) {
  return names_by_id(connection, "people", "name_masked", ids);
}

std::map<std::int64_t, std::string> node_names(store::Connection& connection, const std::vector<std::int64_t>& ids) {
  return names_by_id(connection, "org_nodes", "name", ids);
}

SubtreeChains chains_under(store::Connection& connection, const std::string& path, TimePoint now) {
  SubtreeChains chains;
  std::string pattern = subtree_pattern(path);
  std::string now_text = iso_utc(now);
  for (const auto& row : connection.query(
           "SELECT id, name FROM org_nodes WHERE kind = 'compound' AND path LIKE ? ORDER BY id", {pattern})) {
    chains.compound_names[row.i64(0)] = row.text(1);
    chains.terms[row.i64(0)];
  }
  // Terms that ended before now cannot be current: leaving them in the database keeps this
  // read small however long the history grows. Whether the rest are current is the rules' call.
  for (const auto& row :
       connection.query("SELECT c.id, p.position, p.person_id, p.since, p.until FROM org_nodes c "
                        "JOIN community_positions p ON p.community_node_id = c.parent_id "
                        "WHERE c.kind = 'compound' AND c.path LIKE ? AND (p.until IS NULL OR p.until > ?)",
                        {pattern, now_text})) {
    auto position = parse_code(kCommunityPositions, row.text(1));
    if (!position) continue;
    auto& terms = chains.terms[row.i64(0)];
    (*position == CommunityPosition::Secretary ? terms.community_secretary : terms.tripartite_director)
        .push_back(to_term(row, 2));
  }
  for (const auto& row :
       connection.query("SELECT c.id, a.person_id, a.since, a.until FROM org_nodes c "
                        "JOIN commissioner_assignments a ON a.compound_node_id = c.id "
                        "WHERE c.kind = 'compound' AND c.path LIKE ? AND (a.until IS NULL OR a.until > ?)",
                        {pattern, now_text})) {
    chains.terms[row.i64(0)].commissioner.push_back(to_term(row, 1));
  }
  return chains;
}

EscalationTarget escalation_target(store::Connection& connection, std::int64_t compound_node_id, EscalationLevel level,
                                   TimePoint now) {
  EscalationTarget target;
  auto compound = org::find_node(connection, compound_node_id);
  if (!compound || level == EscalationLevel::None) return target;
  std::string now_text = iso_utc(now);
  if (level == EscalationLevel::Street) {
    std::int64_t street_id = org::street_of(compound->path);
    target.user_ids = store::map_rows(
        connection.query("SELECT DISTINCT r.user_id FROM role_assignments r JOIN users u ON u.id = r.user_id "
                         "WHERE r.role = 'street_admin' AND r.scope_node_id = ? AND r.valid_from <= ? "
                         "AND (r.valid_to IS NULL OR r.valid_to > ?) AND u.disabled = 0 ORDER BY r.user_id",
                         {street_id, now_text, now_text}),
        store::first_integer);
    return target;
  }
  auto chains = chains_under(connection, compound->path, now);
  auto position = escalation_position(level);
  for (const auto& link : check_chain(chains.terms[compound_node_id], now).links) {
    if (link.position == position) target.person_id = link.person_id;
  }
  if (!target.person_id) return target;
  target.person_name = masked_names(connection, {*target.person_id})[*target.person_id];
  target.user_ids = store::map_rows(
      connection.query("SELECT id FROM users WHERE person_id = ? AND disabled = 0 ORDER BY id", {*target.person_id}),
      store::first_integer);
  return target;
}

bool set_community_position(store::Tx& tx, std::int64_t community_id, CommunityPosition position,
                            std::int64_t person_id) {
  require_node(tx, community_id, {org::NodeKind::Community}, "community_id");
  require_person(tx, person_id, "person_id");
  std::string now = iso_utc(tx.now());
  std::string code = code_of(kCommunityPositions, position);
  auto terms = store::map_rows(tx.query("SELECT person_id, since, until FROM community_positions "
                                        "WHERE community_node_id = ? AND position = ? AND (until IS NULL OR until > ?)",
                                        {community_id, code, now}),
                               whole_row_term);
  if (!appointment_changes(terms, person_id, tx.now())) return false;
  tx.exec(
      "UPDATE community_positions SET until = ? "
      "WHERE community_node_id = ? AND position = ? AND (until IS NULL OR until > ?)",
      {now, community_id, code, now});
  tx.exec("INSERT INTO community_positions (community_node_id, position, person_id, since) VALUES (?, ?, ?, ?)",
          {community_id, code, person_id, now});
  return true;
}

std::vector<CommissionerRow> current_commissioners(store::Connection& connection, const std::string& path,
                                                   TimePoint now) {
  std::string now_text = iso_utc(now);
  return store::map_rows(
      connection.query(
          std::string("SELECT a.id, a.person_id, a.compound_node_id, a.from_two_committees, a.also_party_secretary, "
                      "a.first_secretary, a.grid_chief, a.since, a.until, p.name_masked, c.name, a.service_phone, "
                      "p.phone_masked "
                      "FROM commissioner_assignments a JOIN org_nodes c ON c.id = a.compound_node_id "
                      "JOIN people p ON p.id = a.person_id WHERE c.path LIKE ? AND ") +
              kCurrentAssignment + " ORDER BY a.person_id, a.compound_node_id",
          {subtree_pattern(path), now_text, now_text}),
      [](const store::Row& row) {
        return CommissionerRow{CommissionerAssignment{row.i64(0),
                                                      {row.i64(1), row.i64(2), row.i64(3) != 0, row.i64(4) != 0,
                                                       row.i64(5) != 0, row.i64(6) != 0, row.optional_text(11)},
                                                      row.text(7),
                                                      row.optional_text(8)},
                               row.text(9), row.optional_text(12), row.text(10)};
      });
}

CommissionerAssignment assign_commissioner(store::Tx& tx, const CommissionerInput& input) {
  require_node(tx, input.compound_node_id, {org::NodeKind::Compound}, "compound_id");
  require_person(tx, input.person_id, "person_id");
  std::string now = iso_utc(tx.now());
  // Terms ended before now cannot be current; whether the others are is the rules' call.
  auto terms = store::map_rows(tx.query("SELECT person_id, since, until FROM commissioner_assignments "
                                        "WHERE compound_node_id = ? AND (until IS NULL OR until > ?)",
                                        {input.compound_node_id, now}),
                               whole_row_term);
  refuse(commissioner_refusal(terms, tx.now()));
  std::int64_t id = tx.scalar(
      "INSERT INTO commissioner_assignments (person_id, compound_node_id, from_two_committees, "
      "also_party_secretary, first_secretary, grid_chief, since, service_phone) VALUES (?, ?, ?, ?, ?, ?, ?, ?) "
      "RETURNING id",
      {input.person_id, input.compound_node_id, input.from_two_committees, input.also_party_secretary,
       input.first_secretary, input.grid_chief, now, input.service_phone});
  return CommissionerAssignment{id, input, now, std::nullopt};
}

std::optional<std::string> commissioner_service_phone(store::Connection& connection, std::int64_t compound_node_id,
                                                      TimePoint now) {
  std::string now_text = iso_utc(now);
  auto row = connection.query_one(std::string("SELECT a.service_phone FROM commissioner_assignments a "
                                              "WHERE a.compound_node_id = ? AND ") +
                                      kCurrentAssignment + " ORDER BY a.since DESC, a.id DESC",
                                  {compound_node_id, now_text, now_text});
  return row ? row->optional_text(0) : std::nullopt;
}

std::optional<std::int64_t> assignment_compound(store::Connection& connection, std::int64_t assignment_id) {
  return store::map_row(
      connection.query_one("SELECT compound_node_id FROM commissioner_assignments WHERE id = ?", {assignment_id}),
      store::first_integer);
}

CommissionerAssignment end_commissioner(store::Tx& tx, std::int64_t assignment_id) {
  auto row = tx.query_one(
      "SELECT person_id, compound_node_id, from_two_committees, also_party_secretary, "
      "first_secretary, grid_chief, since, until, service_phone FROM commissioner_assignments WHERE id = ?",
      {assignment_id});
  if (!row) fail_not_found("找不到该专员任职记录");
  std::string now = iso_utc(tx.now());
  std::optional<TimePoint> until;
  if (auto text = row->optional_text(7)) until = stored_time(*text);
  refuse(end_term_refusal(until, tx.now()));
  tx.exec("UPDATE commissioner_assignments SET until = ? WHERE id = ?", {now, assignment_id});
  return CommissionerAssignment{assignment_id,
                                {row->i64(0), row->i64(1), row->i64(2) != 0, row->i64(3) != 0, row->i64(4) != 0,
                                 row->i64(5) != 0, row->optional_text(8)},
                                row->text(6),
                                now};
}

std::int64_t create_party_org(store::Tx& tx, const PartyOrgInput& input) {
  require_node(tx, input.community_node_id, {org::NodeKind::Community}, "community_id");
  if (input.secretary_person_id) require_person(tx, *input.secretary_person_id, "secretary_person_id");
  bool has_committee = tx.query_one("SELECT id FROM party_orgs WHERE community_node_id = ? AND kind = 'committee'",
                                    {input.community_node_id})
                           .has_value();
  refuse(party_committee_refusal(input.kind, has_committee));
  check_branch_compounds(tx, input.kind, input.community_node_id, input.compound_ids);
  std::int64_t id = tx.scalar(
      "INSERT INTO party_orgs (kind, name, community_node_id, secretary_person_id, created_at) "
      "VALUES (?, ?, ?, ?, ?) RETURNING id",
      {code_of(kPartyOrgKinds, input.kind), input.name, input.community_node_id, input.secretary_person_id,
       iso_utc(tx.now())});
  map_branch(tx, id, input.compound_ids);
  return id;
}

void update_party_org(store::Tx& tx, std::int64_t id, const PartyOrgChange& change) {
  auto existing = find_party_org(tx.connection(), id);
  if (!existing) fail_not_found("找不到该党组织");
  if (change.name) tx.exec("UPDATE party_orgs SET name = ? WHERE id = ?", {*change.name, id});
  if (change.secretary_person_id) {
    if (*change.secretary_person_id) require_person(tx, **change.secretary_person_id, "secretary_person_id");
    tx.exec("UPDATE party_orgs SET secretary_person_id = ? WHERE id = ?", {*change.secretary_person_id, id});
  }
  if (change.compound_ids) {
    check_branch_compounds(tx, existing->input.kind, existing->input.community_node_id, *change.compound_ids);
    tx.exec("DELETE FROM party_branch_compounds WHERE branch_id = ?", {id});
    map_branch(tx, id, *change.compound_ids);
  }
}

std::optional<PartyOrg> find_party_org(store::Connection& connection, std::int64_t id) {
  auto orgs = to_party_orgs(connection, connection.query(std::string(kPartyOrgColumns) + "WHERE o.id = ?", {id}));
  if (orgs.empty()) return std::nullopt;
  return orgs.front();
}

std::vector<PartyOrg> party_orgs_under(store::Connection& connection, const std::string& path) {
  std::string pattern = subtree_pattern(path);
  return to_party_orgs(connection,
                       connection.query(std::string(kPartyOrgColumns) +
                                            "JOIN org_nodes c ON c.id = o.community_node_id WHERE c.path LIKE ? "
                                            "OR EXISTS (SELECT 1 FROM party_branch_compounds b JOIN org_nodes n "
                                            "ON n.id = b.compound_node_id WHERE b.branch_id = o.id AND n.path LIKE ?) "
                                            "ORDER BY o.id",
                                        {pattern, pattern}));
}

CompoundParty compound_party(store::Connection& connection, std::int64_t compound_id) {
  CompoundParty party;
  if (auto row = connection.query_one(
          "SELECT led_by_community_committee, form_override FROM compound_party_settings WHERE compound_node_id = ?",
          {compound_id})) {
    party.led_by_community_committee = row->i64(0) != 0;
    if (auto code = row->optional_text(1)) party.form_override = parse_code(kPartyForms, *code);
  }
  party.branches = to_party_orgs(connection, connection.query(std::string(kPartyOrgColumns) +
                                                                  "JOIN party_branch_compounds b ON b.branch_id = o.id "
                                                                  "WHERE b.compound_node_id = ? ORDER BY o.id",
                                                              {compound_id}));
  auto committees =
      to_party_orgs(connection, connection.query(std::string(kPartyOrgColumns) +
                                                     "JOIN org_nodes c ON c.parent_id = o.community_node_id "
                                                     "WHERE c.id = ? AND o.kind = 'committee' ORDER BY o.id",
                                                 {compound_id}));
  if (!committees.empty()) party.community_committee = committees.front();
  party.decision = decide_party_form(
      {party.led_by_community_committee, static_cast<std::int64_t>(party.branches.size()), party.form_override});
  return party;
}

void set_compound_party(store::Tx& tx, std::int64_t compound_id, bool led_by_community_committee,
                        std::optional<PartyForm> form_override) {
  require_node(tx, compound_id, {org::NodeKind::Compound}, "compound_id");
  std::optional<std::string> override_code;
  if (form_override) override_code = code_of(kPartyForms, *form_override);
  if (tx.query_one("SELECT compound_node_id FROM compound_party_settings WHERE compound_node_id = ?", {compound_id})) {
    tx.exec(
        "UPDATE compound_party_settings SET led_by_community_committee = ?, form_override = ? "
        "WHERE compound_node_id = ?",
        {led_by_community_committee, override_code, compound_id});
  } else {
    tx.exec(
        "INSERT INTO compound_party_settings (compound_node_id, led_by_community_committee, form_override) "
        "VALUES (?, ?, ?)",
        {compound_id, led_by_community_committee, override_code});
  }
}

std::int64_t create_grid(store::Tx& tx, const GridInput& input) {
  org::Node community = require_node(tx, input.community_node_id, {org::NodeKind::Community}, "community_id");
  if (input.chief_person_id) require_person(tx, *input.chief_person_id, "chief_person_id");
  refuse(nodes_within_refusal(input.building_ids, find_nodes(tx, input.building_ids), org::NodeKind::Building,
                              community, "building_ids"));
  std::vector<bool> in_grid;
  for (std::int64_t building_id : input.building_ids) {
    in_grid.push_back(
        tx.query_one("SELECT grid_id FROM grid_buildings WHERE building_node_id = ?", {building_id}).has_value());
  }
  refuse(grid_buildings_refusal(in_grid));
  std::int64_t id =
      tx.scalar("INSERT INTO grids (community_node_id, name, chief_person_id) VALUES (?, ?, ?) RETURNING id",
                {input.community_node_id, input.name, input.chief_person_id});
  for (std::int64_t building_id : input.building_ids) {
    tx.exec("INSERT INTO grid_buildings (grid_id, building_node_id) VALUES (?, ?)", {id, building_id});
  }
  return id;
}

std::vector<Grid> grids_under(store::Connection& connection, const std::string& path) {
  std::string pattern = subtree_pattern(path);
  std::vector<Grid> grids;
  std::map<std::int64_t, std::size_t> index;
  for (const auto& row :
       connection.query("SELECT g.id, g.community_node_id, g.name, g.chief_person_id FROM grids g "
                        "JOIN org_nodes c ON c.id = g.community_node_id WHERE c.path LIKE ? "
                        "OR EXISTS (SELECT 1 FROM grid_buildings gb JOIN org_nodes b ON b.id = gb.building_node_id "
                        "WHERE gb.grid_id = g.id AND b.path LIKE ?) ORDER BY g.id",
                        {pattern, pattern})) {
    index[row.i64(0)] = grids.size();
    grids.push_back(Grid{row.i64(0), {row.i64(1), row.text(2), row.optional_i64(3), {}}});
  }
  if (grids.empty()) return grids;
  std::vector<std::int64_t> ids;
  for (const auto& grid : grids) ids.push_back(grid.id);
  for (const auto& row : connection.query("SELECT grid_id, building_node_id FROM grid_buildings WHERE grid_id IN (" +
                                              store::placeholders(ids.size()) + ") ORDER BY building_node_id",
                                          id_params(ids))) {
    grids[index[row.i64(0)]].input.building_ids.push_back(row.i64(1));
  }
  return grids;
}

std::int64_t create_social_org(store::Tx& tx, const SocialOrgInput& input) {
  require_node(tx, input.node_id, {org::NodeKind::Community, org::NodeKind::Compound}, "node_id");
  if (input.contact_person_id) require_person(tx, *input.contact_person_id, "contact_person_id");
  return tx.scalar(
      "INSERT INTO social_orgs (name, node_id, service, contact_person_id, created_at) VALUES (?, ?, ?, ?, ?) "
      "RETURNING id",
      {input.name, input.node_id, input.service, input.contact_person_id, iso_utc(tx.now())});
}

std::vector<SocialOrg> social_orgs_under(store::Connection& connection, const std::string& path) {
  return store::map_rows(
      connection.query(
          "SELECT s.id, s.name, s.node_id, s.service, s.contact_person_id, s.created_at FROM social_orgs s "
          "JOIN org_nodes n ON n.id = s.node_id WHERE n.path LIKE ? ORDER BY s.id",
          {subtree_pattern(path)}),
      [](const store::Row& row) {
        return SocialOrg{row.i64(0), {row.text(1), row.i64(2), row.text(3), row.optional_i64(4)}, row.text(5)};
      });
}

OrganizationStats organization_stats(store::Connection& connection, const org::Node& node, TimePoint now) {
  OrganizationStats stats;
  const std::string& path = node.path;
  const store::Params subtree = org::subtree_params(path);
  auto in_subtree = [&](std::string_view column) { return org::subtree_condition(connection.dialect(), column); };
  std::string now_text = iso_utc(now);
  auto counts = org::subtree_counts(connection, node);
  stats.communities = counts[org::NodeKind::Community];
  stats.compounds = counts[org::NodeKind::Compound];
  stats.buildings = counts[org::NodeKind::Building];
  stats.parts = counts[org::NodeKind::Part];
  auto commissioners =
      connection.query_one(std::string("SELECT COUNT(DISTINCT a.person_id), "
                                       "COUNT(DISTINCT CASE WHEN a.from_two_committees = 1 THEN a.person_id END), "
                                       "COUNT(DISTINCT CASE WHEN a.also_party_secretary = 1 THEN a.person_id END) "
                                       "FROM commissioner_assignments a JOIN org_nodes c ON c.id = a.compound_node_id "
                                       "WHERE c.kind = 'compound' AND ") +
                               in_subtree("c.path") + " AND " + kCurrentAssignment,
                           {subtree[0], subtree[1], now_text, now_text});
  stats.commissioners = commissioners->i64(0);
  stats.commissioners_from_two_committees = commissioners->i64(1);
  stats.commissioners_also_party_secretary = commissioners->i64(2);

  // Compounds grouped by what decides their party form (branch counts cut at "several") and by
  // whether their chain is complete: a few groups, each judged once by the rules.
  for (PartyForm form :
       {PartyForm::SingleBranch, PartyForm::JointAssociation, PartyForm::CommunityDirect, PartyForm::None}) {
    stats.party_forms[form] = 0;
  }
  auto position_held = [](CommunityPosition position) {
    return "EXISTS (SELECT 1 FROM community_positions p WHERE p.community_node_id = c.parent_id AND p.position = '" +
           code_of(kCommunityPositions, position) + "' AND " + kCurrentPosition + ")";
  };
  std::string chain_complete =
      position_held(CommunityPosition::Secretary) + " AND " + position_held(CommunityPosition::TripartiteDirector) +
      " AND EXISTS (SELECT 1 FROM commissioner_assignments a WHERE a.compound_node_id = c.id AND " +
      kCurrentAssignment + ")";
  std::string per_compound =
      "SELECT COALESCE(s.led_by_community_committee, 0) AS led, s.form_override AS form_override, "
      "(SELECT COUNT(*) FROM party_branch_compounds b WHERE b.compound_node_id = c.id) AS branch_count, "
      "CASE WHEN " +
      chain_complete +
      " THEN 1 ELSE 0 END AS complete "
      "FROM org_nodes c LEFT JOIN compound_party_settings s ON s.compound_node_id = c.id "
      "WHERE c.kind = 'compound' AND " +
      in_subtree("c.path");
  for (const auto& row : connection.query(
           "SELECT led, form_override, CASE WHEN branch_count > 1 THEN 2 ELSE branch_count END AS branch_bucket, "
           "complete, COUNT(*) FROM (" +
               per_compound + ") f GROUP BY led, form_override, branch_bucket, complete",
           {now_text, now_text, now_text, now_text, now_text, now_text, subtree[0], subtree[1]})) {
    std::optional<PartyForm> form_override;
    if (auto code = row.optional_text(1)) form_override = parse_code(kPartyForms, *code);
    std::int64_t count = row.i64(4);
    stats.party_forms[decide_party_form({row.i64(0) != 0, row.i64(2), form_override}).form] += count;
    if (row.i64(3) != 0) stats.compounds_with_complete_chain += count;
  }
  return stats;
}

}  // namespace weizhi::governance
