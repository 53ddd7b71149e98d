// SQL of the epidemic module: see store.hpp.
#include "modules/epidemic/store.hpp"

#include "modules/epidemic/epidemic.hpp"
#include "modules/epidemic/rules.hpp"
#include "store/rows.hpp"
#include "store/select.hpp"

namespace weizhi::epidemic {

namespace {

// The observation with its node's and compound's names, its staff as a separate query, the credentials it holds
// counted, and the counts of its care records.
constexpr const char* kColumns =
    "SELECT o.id, o.node_id, n.name, o.compound_node_id, c.name, o.starts_on, o.ends_on, o.reason, o.state, "
    "o.households, o.persons, (SELECT COUNT(*) FROM epidemic_observation_credentials h WHERE h.observation_id = o.id), "
    "o.ended_at, o.created_at, o.check_ins, o.help_requests, o.purged_at FROM epidemic_observations o JOIN org_nodes n ON n.id = o.node_id "
    "JOIN org_nodes c ON c.id = o.compound_node_id ";

Observation to_observation(const store::Row& row) {
  Observation observation;
  observation.id = row.i64(0);
  observation.input.node_id = row.i64(1);
  observation.node_name = row.text(2);
  observation.compound_node_id = row.i64(3);
  observation.compound_name = row.text(4);
  observation.input.starts_on = row.text(5);
  observation.input.ends_on = row.text(6);
  observation.input.reason = row.text(7);
  observation.state = parse_code(kObservationStates, row.text(8)).value_or(ObservationState::Ended);
  observation.households = row.i64(9);
  observation.persons = row.i64(10);
  observation.credentials_held = row.i64(11);
  observation.ended_at = row.optional_text(12);
  observation.created_at = row.text(13);
  observation.check_ins = row.i64(14);
  observation.help_requests = row.i64(15);
  observation.purged_at = row.optional_text(16);
  return observation;
}

void load_staff(store::Connection& connection, Observation& observation) {
  for (const auto& row :
       connection.query("SELECT s.user_id, u.display_name FROM epidemic_observation_staff s JOIN users u "
                        "ON u.id = s.user_id WHERE s.observation_id = ? ORDER BY s.user_id",
                        {observation.id})) {
    observation.input.staff_user_ids.push_back(row.i64(0));
    observation.staff.push_back({row.i64(0), row.text(1)});
  }
}

}  // namespace

std::int64_t insert_observation(store::Tx& tx, const ObservationInput& input, std::int64_t compound_node_id,
                                ObservationState state, const Residents& residents) {
  std::string now = iso_utc(tx.now());
  return tx.scalar(
      "INSERT INTO epidemic_observations (node_id, compound_node_id, starts_on, ends_on, reason, state, households, "
      "persons, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
      {input.node_id, compound_node_id, input.starts_on, input.ends_on, input.reason,
       code_of(kObservationStates, state), residents.households, static_cast<std::int64_t>(residents.person_ids.size()),
       now, now});
}

std::optional<Observation> find_observation(store::Connection& connection, std::int64_t id) {
  auto observation =
      store::map_row(connection.query_one(std::string(kColumns) + "WHERE o.id = ?", {id}), to_observation);
  if (observation) load_staff(connection, *observation);
  return observation;
}

std::vector<Observation> observations_of_compound(store::Connection& connection, std::int64_t compound_node_id) {
  auto observations = store::map_rows(
      connection.query(std::string(kColumns) + "WHERE o.compound_node_id = ? ORDER BY o.id DESC", {compound_node_id}),
      to_observation);
  for (auto& observation : observations) load_staff(connection, observation);
  return observations;
}

void set_observation_state(store::Tx& tx, std::int64_t id, ObservationState state) {
  std::string now = iso_utc(tx.now());
  std::optional<std::string> ended_at;
  if (state == ObservationState::Ended) ended_at = now;
  tx.exec("UPDATE epidemic_observations SET state = ?, ended_at = ?, updated_at = ? WHERE id = ?",
          {code_of(kObservationStates, state), ended_at, now, id});
}

void change_ends_on(store::Tx& tx, const Observation& observation, const std::string& ends_on,
                    const std::string& reason, std::int64_t user_id) {
  std::string now = iso_utc(tx.now());
  tx.exec("UPDATE epidemic_observations SET ends_on = ?, updated_at = ? WHERE id = ?", {ends_on, now, observation.id});
  tx.exec(
      "INSERT INTO epidemic_observation_changes (observation_id, from_ends_on, to_ends_on, reason, "
      "changed_by_user_id, created_at) VALUES (?, ?, ?, ?, ?, ?)",
      {observation.id, observation.input.ends_on, ends_on, reason, user_id, now});
}

std::vector<EndChangeRecord> end_changes(store::Connection& connection, std::int64_t observation_id) {
  return store::map_rows(
      connection.query("SELECT c.from_ends_on, c.to_ends_on, c.reason, u.display_name, c.created_at "
                       "FROM epidemic_observation_changes c JOIN users u ON u.id = c.changed_by_user_id "
                       "WHERE c.observation_id = ? ORDER BY c.id",
                       {observation_id}),
      [](const store::Row& row) {
        return EndChangeRecord{row.text(0), row.text(1), row.text(2), row.text(3), row.text(4)};
      });
}

std::vector<std::int64_t> observations_to_start(store::Connection& connection, const std::string& today) {
  return store::map_rows(
      connection.query("SELECT id FROM epidemic_observations WHERE state = 'planned' AND starts_on <= ? ORDER BY id",
                       {today}),
      store::first_integer);
}

std::vector<std::int64_t> observations_to_end(store::Connection& connection, const std::string& today) {
  return store::map_rows(
      connection.query("SELECT id FROM epidemic_observations WHERE state <> 'ended' AND ends_on < ? ORDER BY id",
                       {today}),
      store::first_integer);
}

std::int64_t observations_active(store::Connection& connection, std::int64_t compound_node_id) {
  return connection.scalar("SELECT COUNT(*) FROM epidemic_observations WHERE compound_node_id = ? AND state = 'active'",
                           {compound_node_id});
}

Residents residents_under(store::Connection& connection, const std::string& node_path) {
  constexpr const char* kUnder =
      "FROM part_links l JOIN org_nodes n ON n.id = l.part_node_id JOIN people p ON p.id = l.person_id "
      "WHERE p.is_developer = 0 AND substr(n.path, 1, length(CAST(? AS TEXT))) = CAST(? AS TEXT)";
  Residents residents;
  residents.households =
      connection.scalar(std::string("SELECT COUNT(DISTINCT l.part_node_id) ") + kUnder, {node_path, node_path});
  residents.person_ids =
      store::map_rows(connection.query(std::string("SELECT DISTINCT l.person_id ") + kUnder + " ORDER BY l.person_id",
                                       {node_path, node_path}),
                      store::first_integer);
  return residents;
}

void insert_staff(store::Tx& tx, std::int64_t observation_id, const std::vector<std::int64_t>& user_ids) {
  for (std::int64_t user : user_ids) {
    tx.exec("INSERT INTO epidemic_observation_staff (observation_id, user_id) VALUES (?, ?)", {observation_id, user});
  }
}

void hold_credential(store::Tx& tx, std::int64_t observation_id, std::int64_t credential_id) {
  tx.exec("INSERT INTO epidemic_observation_credentials (observation_id, credential_id) VALUES (?, ?)",
          {observation_id, credential_id});
}

std::vector<std::int64_t> credentials_held(store::Connection& connection, std::int64_t observation_id) {
  return store::map_rows(
      connection.query(
          "SELECT credential_id FROM epidemic_observation_credentials WHERE observation_id = ? ORDER BY credential_id",
          {observation_id}),
      store::first_integer);
}

std::optional<std::int64_t> other_holder(store::Connection& connection, std::int64_t credential_id,
                                         std::int64_t observation_id) {
  auto row = connection.query_one(
      "SELECT o.id FROM epidemic_observation_credentials h JOIN epidemic_observations o ON o.id = h.observation_id "
      "WHERE h.credential_id = ? AND o.id <> ? AND o.state = 'active' ORDER BY o.id LIMIT 1",
      {credential_id, observation_id});
  if (!row) return std::nullopt;
  return row->i64(0);
}

}  // namespace weizhi::epidemic
