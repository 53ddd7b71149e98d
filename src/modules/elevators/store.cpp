// SQL of the elevators module (see store.hpp). Portable SQL only; dates are YYYY-MM-DD text,
// which sorts correctly on both engines.
#include "modules/elevators/store.hpp"

#include <map>

#include "core/error.hpp"
#include "core/json.hpp"
#include "modules/covenant/covenant.hpp"
#include "modules/elevators/rules.hpp"
#include "modules/governance/governance.hpp"
#include "modules/org/org.hpp"
#include "modules/voting/voting.hpp"
#include "store/rows.hpp"

namespace weizhi::elevators {

namespace {

// A unit with its building (and the building's registered details) and compound.
constexpr const char* kUnitColumns =
    "SELECT u.id, u.name, b.id, b.name, c.id, c.name, d.floors, d.has_elevator, d.land FROM org_nodes u "
    "JOIN org_nodes b ON b.id = u.parent_id JOIN org_nodes c ON c.id = b.parent_id "
    "LEFT JOIN buildings d ON d.node_id = b.id WHERE u.kind = 'unit' ";

constexpr const char* kProjectColumns =
    "SELECT id, unit_node_id, compound_node_id, title, stage, vote_id, created_at, publicity_starts_on, publicity_ends_on "
    "FROM elevator_projects ";

Project to_project(const store::Row& row) {
  return Project{row.i64(0),
                 row.i64(1),
                 row.i64(2),
                 row.text(3),
                 parse_code(kStages, row.text(4)).value_or(Stage::Proposal),
                 row.optional_i64(5),
                 row.text(6),
                 row.optional_text(7),
                 row.optional_text(8)};
}

void require_person(store::Connection& connection, std::int64_t person_id, const std::string& field) {
  if (!connection.query_one("SELECT 1 FROM people WHERE id = ?", {person_id})) {
    throw ApiError(404, "not_found", "找不到人员 " + std::to_string(person_id), field);
  }
}

void record_stage(store::Tx& tx, std::int64_t project_id, Stage stage, const std::string& on, std::int64_t user_id) {
  tx.exec(
      "INSERT INTO elevator_stage_events (project_id, stage, on_date, by_user_id, recorded_at) VALUES (?, ?, ?, ?, ?)",
      {project_id, code_of(kStages, stage), on, user_id, iso_utc(tx.now())});
}

// Moves the stage, losing (409) to a concurrent change of the same project rather than overwriting it.
void set_stage(store::Tx& tx, const Project& project, Stage to, const std::string& on, std::int64_t user_id) {
  auto history = stage_history(tx.connection(), project.id);
  check_stage_day(on, history.empty() ? std::nullopt : std::optional<std::string>(history.back().on));
  if (tx.exec("UPDATE elevator_projects SET stage = ? WHERE id = ? AND stage = ?",
              {code_of(kStages, to), project.id, code_of(kStages, project.stage)}) == 0) {
    fail_conflict("项目已被他人修改，请刷新后重试", "stage");
  }
  record_stage(tx, project.id, to, on, user_id);
}

}  // namespace

// --- Policy ---

Policy policy_for_node(store::Connection& connection, std::int64_t node_id) {
  auto row = connection.query_one(
      "SELECT min_floors, group_size, publicity_days FROM elevator_policies WHERE street_node_id = ?",
      {org::street_of_node(connection, node_id)});
  if (!row) return Policy{};
  return Policy{row->i64(0), row->i64(1), row->i64(2)};
}

void save_policy(store::Tx& tx, std::int64_t street_node_id, const Policy& policy) {
  check_policy(policy);
  tx.exec("DELETE FROM elevator_policies WHERE street_node_id = ?", {street_node_id});
  tx.exec(
      "INSERT INTO elevator_policies (street_node_id, min_floors, group_size, publicity_days, updated_at) "
      "VALUES (?, ?, ?, ?, ?)",
      {street_node_id, policy.min_floors, policy.group_size, policy.publicity_days, iso_utc(tx.now())});
}

// --- Units ---

std::vector<UnitRecord> units_under(store::Connection& connection, const org::Node& node) {
  auto params = org::subtree_params(node.path);
  std::vector<UnitRecord> units;
  std::map<std::int64_t, std::size_t> index;
  for (const auto& row : connection.query(std::string(kUnitColumns) + "AND " +
                                              org::subtree_condition(connection.dialect(), "u.path") + " ORDER BY u.id",
                                          params)) {
    index[row.i64(0)] = units.size();
    UnitFacts facts{row.optional_i64(6), row.i64(7) != 0, 0,
                    row.text(8) != code_of(org::kLandTenures, org::LandTenure::Collective)};
    units.push_back(
        UnitRecord{row.i64(0), row.text(1), row.i64(2), row.text(3), row.i64(4), row.text(5), facts, 0, {}});
  }
  const std::string in_subtree = " WHERE " + org::subtree_condition(connection.dialect(), "n.path");
  const std::string parts = " FROM parts p JOIN org_nodes n ON n.id = p.node_id ";
  for (const auto& row :
       connection.query("SELECT p.unit_node_id, COUNT(DISTINCT l.person_id)" + parts +
                            "JOIN part_links l ON l.part_node_id = p.node_id AND l.relation = 'owner'" + in_subtree +
                            " GROUP BY p.unit_node_id",
                        params)) {
    if (auto found = index.find(row.i64(0)); found != index.end()) units[found->second].facts.owners = row.i64(1);
  }
  for (const auto& row : connection.query("SELECT p.unit_node_id, COUNT(*)" + parts + in_subtree +
                                              " AND p.use = 'residential' GROUP BY p.unit_node_id",
                                          params)) {
    if (auto found = index.find(row.i64(0)); found != index.end()) units[found->second].residential_parts = row.i64(1);
  }
  for (const auto& row : connection.query(
           "SELECT e.unit_node_id, e.id FROM elevator_projects e JOIN org_nodes n ON n.id = e.unit_node_id" +
               in_subtree + " AND e.stage <> 'withdrawn'",
           params)) {
    if (auto found = index.find(row.i64(0)); found != index.end()) units[found->second].project_id = row.i64(1);
  }
  return units;
}

UnitRecord unit_record(store::Connection& connection, std::int64_t unit_id) {
  auto unit = org::find_node(connection, unit_id);
  if (!unit || unit->kind != org::NodeKind::Unit) throw ApiError(404, "not_found", "找不到该单元", "unit_id");
  return units_under(connection, *unit).at(0);
}

std::vector<SharePart> residential_parts(store::Connection& connection, std::int64_t unit_id) {
  return store::map_rows(connection.query("SELECT node_id, room_number, floor, area_centi_m2 FROM parts "
                                          "WHERE unit_node_id = ? AND use = 'residential' ORDER BY node_id",
                                          {unit_id}),
                         [](const store::Row& row) {
                           return SharePart{row.i64(0), row.text(1), row.i64(2), row.i64(3)};
                         });
}

// --- Projects ---

std::int64_t create_project(store::Tx& tx, std::int64_t unit_id, const std::optional<std::string>& title,
                            std::int64_t user_id, const std::string& on) {
  check_project_request(title, on);
  UnitRecord unit = unit_record(tx.connection(), unit_id);
  check_unit_free(unit, eligibility(unit.facts, policy_for_node(tx.connection(), unit_id)));
  std::string name = title.value_or(unit.compound_name + unit.building_name + unit.unit_name + "加装电梯");
  std::int64_t id = 0;
  try {
    id = tx.scalar(
        "INSERT INTO elevator_projects (unit_node_id, compound_node_id, title, stage, created_at) "
        "VALUES (?, ?, ?, 'proposal', ?) RETURNING id",
        {unit_id, unit.compound_id, name, iso_utc(tx.now())});
  } catch (const store::ConstraintViolation&) {
    // Another instance started a project on the unit since it was read.
    fail_conflict("该单元已有加装电梯项目", "unit_id");
  }
  record_stage(tx, id, Stage::Proposal, on, user_id);
  return id;
}

std::optional<Project> find_project(store::Connection& connection, std::int64_t id) {
  return store::map_row(connection.query_one(std::string(kProjectColumns) + "WHERE id = ?", {id}), to_project);
}

std::vector<Project> projects_of_compound(store::Connection& connection, std::int64_t compound_id) {
  org::require_compound(connection, compound_id);
  return store::map_rows(
      connection.query(std::string(kProjectColumns) + "WHERE compound_node_id = ? ORDER BY id DESC", {compound_id}),
      to_project);
}

std::vector<Project> projects_under_way(store::Connection& connection, const std::string& path) {
  std::vector<store::Value> params{code_of(kStages, Stage::InService), code_of(kStages, Stage::Withdrawn)};
  for (auto& bound : org::subtree_params(path)) params.push_back(std::move(bound));
  return store::map_rows(connection.query(std::string(kProjectColumns) +
                                              "WHERE stage NOT IN (?, ?) AND compound_node_id IN (SELECT id FROM "
                                              "org_nodes WHERE " +
                                              org::subtree_condition(connection.dialect(), "path") + ") ORDER BY id",
                                          params),
                         to_project);
}

std::vector<StageEvent> stage_history(store::Connection& connection, std::int64_t project_id) {
  return store::map_rows(connection.query("SELECT e.stage, e.on_date, e.by_user_id, u.display_name, e.recorded_at "
                                          "FROM elevator_stage_events e JOIN users u ON u.id = e.by_user_id "
                                          "WHERE e.project_id = ? ORDER BY e.id",
                                          {project_id}),
                         [](const store::Row& row) {
                           return StageEvent{parse_code(kStages, row.text(0)).value_or(Stage::Proposal), row.text(1),
                                             row.i64(2), row.text(3), row.text(4)};
                         });
}

// --- Working group ---

void save_group(store::Tx& tx, const Project& project, const std::vector<Member>& members) {
  check_open(project.stage);
  check_members(members);
  for (std::size_t i = 0; i < members.size(); ++i) {
    if (members[i].person_id) {
      require_person(tx.connection(), *members[i].person_id, "members[" + std::to_string(i) + "].person_id");
    }
  }
  std::vector<std::int64_t> owners;
  for (const auto& row :
       tx.query("SELECT DISTINCT l.person_id FROM part_links l JOIN parts p ON p.node_id = l.part_node_id "
                "WHERE p.unit_node_id = ? AND l.relation = 'owner'",
                {project.unit_id})) {
    owners.push_back(row.i64(0));
  }
  check_member_owners(members, owners);
  tx.exec("DELETE FROM elevator_group_members WHERE project_id = ?", {project.id});
  for (std::size_t i = 0; i < members.size(); ++i) {
    tx.exec("INSERT INTO elevator_group_members (project_id, position, person_id, name, role) VALUES (?, ?, ?, ?, ?)",
            {project.id, static_cast<std::int64_t>(i + 1), members[i].person_id, members[i].name, members[i].role});
  }
}

std::vector<Member> group_of(store::Connection& connection, std::int64_t project_id) {
  std::vector<Member> members;
  std::vector<std::int64_t> people;
  for (const auto& row : connection.query(
           "SELECT person_id, name, role FROM elevator_group_members WHERE project_id = ? ORDER BY position",
           {project_id})) {
    members.push_back(Member{row.optional_i64(0), row.text(1), row.text(2)});
    if (members.back().person_id) people.push_back(*members.back().person_id);
  }
  auto names = governance::masked_names(connection, people);
  for (auto& member : members) {
    if (member.person_id) member.name = names[*member.person_id];
  }
  return members;
}

// --- Consent vote ---

std::int64_t start_consent_vote(store::Tx& tx, const Project& project, const std::string& opens_at,
                                const std::string& closes_at, const std::vector<voting::Channel>& channels,
                                std::int64_t user_id, const std::string& on) {
  check_consent_start(project.stage);
  UnitRecord unit = unit_record(tx.connection(), project.unit_id);
  voting::VoteInput input{project.compound_id,
                          unit.building_name + unit.unit_name + "加装电梯表决",
                          7,
                          voting::VoteScope{voting::ScopeKind::Units, {project.unit_id}},
                          {"同意" + unit.building_name + unit.unit_name + "加装电梯，并按本单元约定分摊费用"},
                          opens_at,
                          closes_at,
                          channels,
                          voting::Policies{}};
  std::int64_t vote_id = voting::create_vote(
      tx, voting::check_vote_terms(input, voting::terms_facts(tx.connection(), input)), user_id, "加装电梯同意表决");
  set_stage(tx, project, Stage::Consent, on, user_id);
  tx.exec("UPDATE elevator_projects SET vote_id = ? WHERE id = ?", {vote_id, project.id});
  return vote_id;
}

ConsentFacts consent_facts(store::Connection& connection, const Project& project) {
  ConsentFacts facts;
  if (!project.vote_id) return facts;
  auto vote = voting::find_vote(connection, *project.vote_id);
  if (!vote) return facts;
  facts.counted = vote->state == voting::VoteState::Closed || vote->state == voting::VoteState::Published;
  if (facts.counted) {
    auto results = voting::vote_files(connection, *vote).results;
    facts.passed = !results.empty() && results.front().outcome == voting::Outcome::Passed;
  }
  return facts;
}

void advance(store::Tx& tx, const Project& project, Stage to, const std::string& on, std::int64_t user_id) {
  check_advance(project.stage, to, consent_facts(tx.connection(), project), project, on);
  set_stage(tx, project, to, on, user_id);
}

std::string start_publicity(store::Tx& tx, const Project& project, const std::string& starts_on) {
  check_publicity(project.stage);
  std::string design_day =
      tx.query_one("SELECT MAX(on_date) FROM elevator_stage_events WHERE project_id = ?", {project.id})->text(0);
  check_publicity_start(starts_on, design_day);
  std::string ends_on = publicity_last_day(starts_on, policy_for_node(tx.connection(), project.unit_id).publicity_days);
  tx.exec("UPDATE elevator_projects SET publicity_starts_on = ?, publicity_ends_on = ? WHERE id = ?",
          {starts_on, ends_on, project.id});
  return ends_on;
}

// --- Cost ---

void save_cost(store::Tx& tx, const Project& project, const CostAgreement& agreement) {
  check_open(project.stage);
  if (agreement.total_fen < 1) fail_invalid("total_yuan", "加装费用应大于 0");
  std::optional<std::string> weights_text;
  if (agreement.floor_weights) {
    UnitRecord unit = unit_record(tx.connection(), project.unit_id);
    check_floor_weights(*agreement.floor_weights, residential_parts(tx.connection(), project.unit_id),
                        unit.facts.floors.value_or(0));
    Json weights = Json::object();
    for (const auto& [floor, weight] : *agreement.floor_weights) weights[std::to_string(floor)] = weight.text;
    weights_text = weights.dump();
  }
  tx.exec("DELETE FROM elevator_cost_agreements WHERE project_id = ?", {project.id});
  tx.exec("INSERT INTO elevator_cost_agreements (project_id, total_fen, floor_weights, updated_at) VALUES (?, ?, ?, ?)",
          {project.id, agreement.total_fen, weights_text, iso_utc(tx.now())});
}

std::optional<CostAgreement> cost_of(store::Connection& connection, std::int64_t project_id) {
  auto row = connection.query_one(
      "SELECT total_fen, floor_weights, updated_at FROM elevator_cost_agreements WHERE project_id = ?", {project_id});
  if (!row) return std::nullopt;
  CostAgreement agreement{row->i64(0), std::nullopt, row->text(2)};
  if (auto text = row->optional_text(1)) {
    std::map<std::int64_t, Weight> weights;
    Json stored = parse_json(*text);
    for (const auto& [floor, weight] : stored.items()) {
      weights[std::stoll(floor)] = parse_weight(weight.get<std::string>(), "floor_weights");
    }
    agreement.floor_weights = std::move(weights);
  }
  return agreement;
}

Split cost_split(store::Connection& connection, const Project& project) {
  auto agreement = cost_of(connection, project.id);
  if (!agreement) fail_conflict("尚未登记加装费用", "cost");
  return split_cost(agreement->total_fen, agreement->floor_weights, residential_parts(connection, project.unit_id));
}

// --- Contract ---

void save_contract(store::Tx& tx, const Project& project, const Contract& contract) {
  check_open(project.stage);
  check_contract(contract);
  covenant::checked_date(contract.signed_on, "signed_on");
  tx.exec("DELETE FROM elevator_contracts WHERE project_id = ?", {project.id});
  tx.exec(
      "INSERT INTO elevator_contracts (project_id, provider, signed_on, maintenance_years, warranty_years, "
      "annual_fee_fen, response_minutes, note, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
      {project.id, contract.provider, contract.signed_on, contract.maintenance_years, contract.warranty_years,
       contract.annual_fee_fen, contract.response_minutes, contract.note, iso_utc(tx.now())});
}

std::optional<Contract> contract_of(store::Connection& connection, std::int64_t project_id) {
  return store::map_row(
      connection.query_one("SELECT provider, signed_on, maintenance_years, warranty_years, annual_fee_fen, "
                           "response_minutes, note, updated_at FROM elevator_contracts WHERE project_id = ?",
                           {project_id}),
      [](const store::Row& row) {
        return Contract{row.text(0), row.text(1),         row.i64(2),  row.i64(3),
                        row.i64(4),  row.optional_i64(5), row.text(6), row.text(7)};
      });
}

// --- Mediations ---

std::int64_t add_mediation(store::Tx& tx, const Project& project, const MediationInput& input, std::int64_t user_id) {
  covenant::checked_date(input.held_on, "held_on");
  check_mediation(input);
  if (input.mediator_person_id) {
    require_person(tx.connection(), *input.mediator_person_id, "mediator_person_id");
    auto home = tx.query_one("SELECT n.path FROM people p JOIN org_nodes n ON n.id = p.home_node_id WHERE p.id = ?",
                             {*input.mediator_person_id});
    auto community = tx.query_one(
        "SELECT m.path FROM org_nodes c JOIN org_nodes m ON m.id = c.parent_id WHERE c.id = ?", {project.compound_id});
    check_mediator_home(home ? home->text(0) : "", community ? community->text(0) : "");
  }
  return tx.scalar(
      "INSERT INTO elevator_mediations (project_id, held_on, level, parties, mediator_person_id, mediator_name, issue, "
      "outcome, agreement, recorded_by_user_id, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
      {project.id, input.held_on, code_of(kLevels, input.level), Json(input.parties).dump(), input.mediator_person_id,
       input.mediator_name, input.issue, code_of(kOutcomes, input.outcome), input.agreement, user_id,
       iso_utc(tx.now())});
}

std::vector<Mediation> mediations_of(store::Connection& connection, std::int64_t project_id) {
  return store::map_rows(
      connection.query(
          "SELECT id, held_on, level, parties, mediator_person_id, mediator_name, issue, outcome, agreement, "
          "recorded_by_user_id, created_at FROM elevator_mediations WHERE project_id = ? ORDER BY held_on, id",
          {project_id}),
      [](const store::Row& row) {
        MediationInput input{row.text(1),
                             parse_code(kLevels, row.text(2)).value_or(MediationLevel::Community),
                             parse_json(row.text(3)).get<std::vector<std::string>>(),
                             row.optional_i64(4),
                             row.optional_text(5),
                             row.text(6),
                             parse_code(kOutcomes, row.text(7)).value_or(MediationOutcome::Pending),
                             row.optional_text(8)};
        return Mediation{row.i64(0), std::move(input), row.i64(9), row.text(10)};
      });
}

}  // namespace weizhi::elevators
