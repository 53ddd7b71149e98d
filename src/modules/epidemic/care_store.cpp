// SQL of observation care: see care_store.hpp.
#include "modules/epidemic/care_store.hpp"

#include "modules/epidemic/rules.hpp"
#include "store/rows.hpp"

namespace weizhi::epidemic {

namespace {

constexpr const char* kCheckInColumns =
    "SELECT id, observation_id, part_node_id, on_date, channel, abnormal, health, legal_basis, updated_at "
    "FROM epidemic_check_ins ";

StoredCheckIn to_check_in(const store::Row& row) {
  return StoredCheckIn{.id = row.i64(0),
                       .observation_id = row.i64(1),
                       .part_id = row.i64(2),
                       .on_date = row.text(3),
                       .channel = parse_code(kCheckInChannels, row.text(4)).value_or(CheckInChannel::H5),
                       .abnormal = row.i64(5) != 0,
                       .sealed_health = row.text(6),
                       .legal_basis = row.text(7),
                       .recorded_at = row.text(8)};
}

// A part p's address from its own, its parent's and its grandparent's names: building, unit (when it has one),
// room; kAddressJoins joins the parent u and the grandparent b it reads.
const std::string kAddress = "CASE WHEN u.kind = 'unit' THEN b.name || u.name || p.name ELSE u.name || p.name END";
const std::string kAddressJoins = "JOIN org_nodes u ON u.id = p.parent_id LEFT JOIN org_nodes b ON b.id = u.parent_id ";

const std::string kPartAddress = "SELECT p.id, " + kAddress + " FROM org_nodes p " + kAddressJoins;

const std::string kHelpColumns = "SELECT r.id, r.observation_id, r.part_node_id, " + kAddress +
                                 ", r.kind, r.detail, r.case_id, r.created_at FROM epidemic_help_requests r "
                                 "JOIN org_nodes p ON p.id = r.part_node_id " +
                                 kAddressJoins;

StoredHelpRequest to_help_request(const store::Row& row) {
  return StoredHelpRequest{.id = row.i64(0),
                           .observation_id = row.i64(1),
                           .part_id = row.i64(2),
                           .address = row.text(3),
                           .kind = parse_code(kHelpKinds, row.text(4)).value_or(HelpKind::Supplies),
                           .sealed_detail = row.optional_text(5),
                           .case_id = row.i64(6),
                           .created_at = row.text(7)};
}

}  // namespace

std::int64_t check_in_hour(store::Connection& connection, std::int64_t street_node_id) {
  auto row =
      connection.query_one("SELECT check_in_by_hour FROM epidemic_policies WHERE street_node_id = ?", {street_node_id});
  return row ? row->i64(0) : kDefaultCheckInHour;
}

void save_check_in_hour(store::Tx& tx, std::int64_t street_node_id, std::int64_t hour) {
  std::string now = iso_utc(tx.now());
  if (tx.exec("UPDATE epidemic_policies SET check_in_by_hour = ?, updated_at = ? WHERE street_node_id = ?",
              {hour, now, street_node_id}) == 0) {
    tx.exec("INSERT INTO epidemic_policies (street_node_id, check_in_by_hour, updated_at) VALUES (?, ?, ?)",
            {street_node_id, hour, now});
  }
}

std::vector<Household> households_under(store::Connection& connection, const std::string& node_path) {
  return store::map_rows(
      connection.query(kPartAddress +
                           "WHERE p.id IN (SELECT l.part_node_id FROM part_links l JOIN org_nodes n "
                           "ON n.id = l.part_node_id JOIN people e ON e.id = l.person_id WHERE e.is_developer = 0 "
                           "AND substr(n.path, 1, length(CAST(? AS TEXT))) = CAST(? AS TEXT)) ORDER BY p.path",
                       {node_path, node_path}),
      [](const store::Row& row) {
        return Household{row.i64(0), row.text(1)};
      });
}

std::optional<std::int64_t> running_observation_over(store::Connection& connection, const std::string& part_path) {
  auto row = connection.query_one(
      "SELECT o.id FROM epidemic_observations o JOIN org_nodes n ON n.id = o.node_id WHERE o.state = 'active' "
      "AND substr(CAST(? AS TEXT), 1, length(n.path)) = n.path ORDER BY o.id LIMIT 1",
      {part_path});
  if (!row) return std::nullopt;
  return row->i64(0);
}

std::vector<std::int64_t> running_observations_of_staff(store::Connection& connection, std::int64_t user_id) {
  return store::map_rows(connection.query("SELECT o.id FROM epidemic_observations o JOIN epidemic_observation_staff s "
                                          "ON s.observation_id = o.id WHERE s.user_id = ? AND o.state = 'active' "
                                          "ORDER BY o.id",
                                          {user_id}),
                         store::first_integer);
}

bool on_staff(store::Connection& connection, std::int64_t observation_id, std::int64_t user_id) {
  return connection.scalar("SELECT COUNT(*) FROM epidemic_observation_staff WHERE observation_id = ? AND user_id = ?",
                           {observation_id, user_id}) > 0;
}

std::optional<StoredCheckIn> find_check_in(store::Connection& connection, std::int64_t observation_id,
                                           std::int64_t part_id, const std::string& on_date) {
  return store::map_row(connection.query_one(std::string(kCheckInColumns) +
                                                 "WHERE observation_id = ? AND part_node_id = ? AND on_date = ?",
                                             {observation_id, part_id, on_date}),
                        to_check_in);
}

void save_check_in(store::Tx& tx, const StoredCheckIn& check_in, std::int64_t recorded_by_user_id) {
  std::string now = iso_utc(tx.now());
  std::string channel = code_of(kCheckInChannels, check_in.channel);
  std::int64_t abnormal = check_in.abnormal ? 1 : 0;
  if (tx.exec("UPDATE epidemic_check_ins SET channel = ?, abnormal = ?, health = ?, legal_basis = ?, "
              "recorded_by_user_id = ?, updated_at = ? WHERE observation_id = ? AND part_node_id = ? AND on_date = ?",
              {channel, abnormal, check_in.sealed_health, check_in.legal_basis, recorded_by_user_id, now,
               check_in.observation_id, check_in.part_id, check_in.on_date}) > 0) {
    return;
  }
  tx.exec(
      "INSERT INTO epidemic_check_ins (observation_id, part_node_id, on_date, channel, abnormal, health, "
      "legal_basis, recorded_by_user_id, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
      {check_in.observation_id, check_in.part_id, check_in.on_date, channel, abnormal, check_in.sealed_health,
       check_in.legal_basis, recorded_by_user_id, now, now});
  tx.exec("UPDATE epidemic_observations SET check_ins = check_ins + 1 WHERE id = ?", {check_in.observation_id});
}

std::vector<StoredCheckIn> check_ins_on(store::Connection& connection, std::int64_t observation_id,
                                        const std::string& on_date) {
  return store::map_rows(
      connection.query(std::string(kCheckInColumns) + "WHERE observation_id = ? AND on_date = ? ORDER BY part_node_id",
                       {observation_id, on_date}),
      to_check_in);
}

std::int64_t insert_help_request(store::Tx& tx, const StoredHelpRequest& request,
                                 std::optional<std::int64_t> requester_user_id) {
  std::int64_t id = tx.scalar(
      "INSERT INTO epidemic_help_requests (observation_id, part_node_id, kind, detail, legal_basis, case_id, "
      "requester_user_id, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
      {request.observation_id, request.part_id, code_of(kHelpKinds, request.kind), request.sealed_detail,
       std::string(kLegalBasis), request.case_id, requester_user_id, iso_utc(tx.now())});
  tx.exec("UPDATE epidemic_observations SET help_requests = help_requests + 1 WHERE id = ?", {request.observation_id});
  return id;
}

std::vector<StoredHelpRequest> help_requests_of_observation(store::Connection& connection,
                                                            std::int64_t observation_id) {
  return store::map_rows(
      connection.query(kHelpColumns + "WHERE r.observation_id = ? ORDER BY r.id DESC", {observation_id}),
      to_help_request);
}

std::vector<StoredHelpRequest> help_requests_of_user(store::Connection& connection, std::int64_t user_id) {
  return store::map_rows(connection.query(kHelpColumns + "WHERE r.requester_user_id = ? ORDER BY r.id DESC", {user_id}),
                         to_help_request);
}

std::vector<EndedObservation> observations_to_purge(store::Connection& connection) {
  return store::map_rows(connection.query("SELECT id, ended_at FROM epidemic_observations WHERE state = 'ended' "
                                          "AND purged_at IS NULL AND ended_at IS NOT NULL ORDER BY id"),
                         [](const store::Row& row) {
                           return EndedObservation{row.i64(0), row.text(1)};
                         });
}

Purged purge_care(store::Tx& tx, std::int64_t observation_id) {
  Purged purged;
  purged.check_ins = tx.exec("DELETE FROM epidemic_check_ins WHERE observation_id = ?", {observation_id});
  purged.help_request_details =
      tx.exec("UPDATE epidemic_help_requests SET detail = NULL WHERE observation_id = ? AND detail IS NOT NULL",
              {observation_id});
  tx.exec("UPDATE epidemic_observations SET purged_at = ? WHERE id = ?", {iso_utc(tx.now()), observation_id});
  return purged;
}

}  // namespace weizhi::epidemic
