// SQL of the residents module (see store.hpp).
#include "modules/residents/store.hpp"

#include <map>

#include "modules/org/org.hpp"
#include "store/rows.hpp"
#include "store/select.hpp"

namespace weizhi::residents {

namespace {

// The moments of the requests whose `column` (a column of sms_codes, named here only) holds `index`, after `since`.
std::vector<TimePoint> requested_since(store::Connection& connection, const std::string& column,
                                       const std::string& index, TimePoint since) {
  return store::map_rows(
      connection.query("SELECT requested_at FROM sms_codes WHERE " + column + " = ? AND requested_at > ?",
                       {index, iso_utc(since)}),
      [](const store::Row& row) { return parse_iso(row.text(0)).value_or(TimePoint{}); });
}

}  // namespace

std::vector<TimePoint> phone_requests_since(store::Connection& connection, const std::string& phone_index,
                                            TimePoint since) {
  return requested_since(connection, "phone_index", phone_index, since);
}

std::vector<TimePoint> address_requests_since(store::Connection& connection, const std::string& address_index,
                                              TimePoint since) {
  return requested_since(connection, "address_index", address_index, since);
}

std::int64_t insert_request(store::Tx& tx, const CodeRequest& request) {
  return tx.scalar(
      "INSERT INTO sms_codes (phone_index, address_index, code_hash, requested_at, expires_at, invitation_id) "
      "VALUES (?, ?, ?, ?, ?, ?) RETURNING id",
      {request.phone_index, request.address_index, request.code_hash, iso_utc(tx.now()), iso_utc(request.expires_at),
       request.invitation_id});
}

void set_code_hash(store::Tx& tx, std::int64_t request_id, const std::string& code_hash) {
  tx.exec("UPDATE sms_codes SET code_hash = ? WHERE id = ?", {code_hash, request_id});
}

void delete_request(store::Tx& tx, std::int64_t request_id) {
  tx.exec("DELETE FROM sms_codes WHERE id = ?", {request_id});
}

std::optional<StoredCode> last_sent_code(store::Connection& connection, const std::string& phone_index,
                                         std::optional<std::int64_t> invitation_id) {
  std::string letter = invitation_id ? "invitation_id = ?" : "invitation_id IS NULL";
  store::Params params{phone_index};
  if (invitation_id) params.emplace_back(*invitation_id);
  return store::map_row(connection.query_one("SELECT id, code_hash, expires_at, failures, used_at FROM sms_codes "
                                             "WHERE phone_index = ? AND code_hash IS NOT NULL AND " +
                                                 letter + " ORDER BY id DESC LIMIT 1",
                                             params),
                        [](const store::Row& row) {
                          return StoredCode{row.i64(0), row.text(1),
                                            SentCode{parse_iso(row.text(2)).value_or(TimePoint{}),
                                                     static_cast<int>(row.i64(3)), !row.is_null(4)}};
                        });
}

void count_failure(store::Tx& tx, std::int64_t code_id) {
  tx.exec("UPDATE sms_codes SET failures = failures + 1 WHERE id = ?", {code_id});
}

bool use_code(store::Tx& tx, std::int64_t code_id) {
  return tx.exec("UPDATE sms_codes SET used_at = ? WHERE id = ? AND used_at IS NULL", {iso_utc(tx.now()), code_id}) ==
         1;
}

std::int64_t purge_requests(store::Tx& tx, TimePoint before) {
  tx.exec("DELETE FROM invitation_guesses WHERE guessed_at < ?", {iso_utc(before)});
  return tx.exec("DELETE FROM sms_codes WHERE requested_at < ?", {iso_utc(before)});
}

std::optional<std::int64_t> account_of_person(store::Connection& connection, std::int64_t person_id) {
  return store::map_row(
      connection.query_one("SELECT id FROM users WHERE person_id = ? ORDER BY id LIMIT 1", {person_id}),
      store::first_integer);
}

void link_account(store::Tx& tx, std::int64_t user_id, std::int64_t person_id) {
  tx.exec("UPDATE users SET person_id = ? WHERE id = ?", {person_id, user_id});
}

void end_role(store::Tx& tx, std::int64_t assignment_id) {
  tx.exec("UPDATE role_assignments SET valid_to = ? WHERE id = ?", {iso_utc(tx.now()), assignment_id});
}

std::vector<LinkedAccount> accounts_with_resident_roles(store::Connection& connection, TimePoint now) {
  std::string at = iso_utc(now);
  std::vector<LinkedAccount> accounts;
  for (const auto& row : connection.query("SELECT DISTINCT u.id, u.person_id FROM users u "
                                          "JOIN role_assignments ra ON ra.user_id = u.id "
                                          "WHERE u.person_id IS NOT NULL AND ra.role = 'resident' "
                                          "AND ra.valid_from <= ? AND (ra.valid_to IS NULL OR ra.valid_to > ?) "
                                          "ORDER BY u.id",
                                          {at, at})) {
    accounts.push_back({row.i64(0), row.i64(1)});
  }
  return accounts;
}

namespace {

// A part's place below its compound, as residents read it on a letter.
constexpr const char* kPartPlaces =
    "org_nodes part JOIN parts p ON p.node_id = part.id JOIN org_nodes unit ON unit.id = part.parent_id "
    "JOIN org_nodes building ON building.id = unit.parent_id JOIN org_nodes compound ON compound.id = building.parent_id";

std::string address_of(const std::string& building, const std::string& unit, const std::string& room) {
  return building + " " + unit + " " + room;
}

}  // namespace

std::vector<Household> households_of_building(store::Connection& connection, std::int64_t building_id) {
  std::vector<Household> households = store::map_rows(
      connection.query(std::string("SELECT part.id, building.name, unit.name, part.name FROM ") + kPartPlaces +
                           " WHERE building.id = ? AND p.use = 'residential' ORDER BY unit.name, unit.id, "
                           "p.floor, part.name, part.id",
                       {building_id}),
      [](const store::Row& row) {
        return Household{row.i64(0), address_of(row.text(1), row.text(2), row.text(3)), {}};
      });
  std::map<std::int64_t, Household*> by_part;
  for (auto& household : households) by_part[household.part_id] = &household;
  for (const auto& row : connection.query(
           "SELECT l.part_node_id, l.person_id, CASE WHEN pe.phone_index IS NULL THEN 0 ELSE 1 END "
           "FROM part_links l JOIN people pe ON pe.id = l.person_id JOIN org_nodes part ON part.id = l.part_node_id "
           "JOIN org_nodes unit ON unit.id = part.parent_id WHERE unit.parent_id = ? ORDER BY l.person_id",
           {building_id})) {
    auto found = by_part.find(row.i64(0));
    if (found == by_part.end()) continue;
    auto& members = found->second->members;
    // A person linked twice to one part (owner and resident) is one member.
    if (members.empty() || members.back().person_id != row.i64(1)) members.push_back({row.i64(1), row.i64(2) == 1});
  }
  return households;
}

std::optional<TimePoint> last_issued(store::Connection& connection, std::int64_t building_id) {
  auto row = connection.query_one("SELECT MAX(issued_at) FROM invitation_batches WHERE building_id = ?", {building_id});
  if (!row || row->is_null(0)) return std::nullopt;
  return parse_iso(row->text(0));
}

std::int64_t void_unused_letters(store::Tx& tx, std::int64_t building_id) {
  return tx.exec(
      "UPDATE invitations SET voided_at = ? WHERE used_at IS NULL AND voided_at IS NULL AND batch_id IN "
      "(SELECT id FROM invitation_batches WHERE building_id = ?)",
      {iso_utc(tx.now()), building_id});
}

std::int64_t insert_batch(store::Tx& tx, std::int64_t building_id, std::int64_t issued_by, TimePoint expires_at) {
  return tx.scalar(
      "INSERT INTO invitation_batches (building_id, issued_by, issued_at, expires_at) VALUES (?, ?, ?, ?) RETURNING id",
      {building_id, issued_by, iso_utc(tx.now()), iso_utc(expires_at)});
}

void insert_letter(store::Tx& tx, std::int64_t batch_id, std::int64_t part_id, const std::string& code_hash) {
  tx.exec("INSERT INTO invitations (batch_id, part_id, code_hash) VALUES (?, ?, ?)", {batch_id, part_id, code_hash});
}

std::vector<BatchSummary> batches_under(store::Connection& connection, const std::string& path, TimePoint now) {
  store::Params params{iso_utc(now)};
  for (auto& param : org::subtree_params(path)) params.push_back(std::move(param));
  return store::map_rows(
      connection.query(
          "SELECT b.id, b.building_id, building.name, b.issued_at, b.expires_at, u.display_name, COUNT(i.id), "
          "SUM(CASE WHEN i.used_at IS NOT NULL THEN 1 ELSE 0 END), "
          "SUM(CASE WHEN i.used_at IS NULL AND i.voided_at IS NOT NULL THEN 1 ELSE 0 END), "
          "SUM(CASE WHEN i.used_at IS NULL AND i.voided_at IS NULL AND b.expires_at <= ? THEN 1 ELSE 0 END) "
          "FROM invitation_batches b JOIN org_nodes building ON building.id = b.building_id "
          "JOIN users u ON u.id = b.issued_by LEFT JOIN invitations i ON i.batch_id = b.id WHERE " +
              org::subtree_condition(connection.dialect(), "building.path") +
              " GROUP BY b.id, b.building_id, building.name, b.issued_at, b.expires_at, u.display_name "
              "ORDER BY b.id DESC",
          params),
      [](const store::Row& row) {
        return BatchSummary{row.i64(0),  row.i64(1), row.text(2), row.text(3), row.text(4),
                            row.text(5), row.i64(6), row.i64(7),  row.i64(8),  row.i64(9)};
      });
}

std::optional<FoundLetter> letter_by_hash(store::Connection& connection, const std::string& code_hash) {
  return store::map_row(
      connection.query_one("SELECT i.id, i.part_id, b.expires_at, i.used_at, i.voided_at FROM invitations i "
                           "JOIN invitation_batches b ON b.id = i.batch_id WHERE i.code_hash = ?",
                           {code_hash}),
      [](const store::Row& row) {
        return FoundLetter{
            row.i64(0), row.i64(1),
            StoredInvitation{parse_iso(row.text(2)).value_or(TimePoint{}), !row.is_null(3), !row.is_null(4)}};
      });
}

bool spend_letter(store::Tx& tx, std::int64_t letter_id) {
  return tx.exec("UPDATE invitations SET used_at = ? WHERE id = ? AND used_at IS NULL AND voided_at IS NULL",
                 {iso_utc(tx.now()), letter_id}) == 1;
}

std::vector<HouseholdMember> members_of_part(store::Connection& connection, std::int64_t part_id) {
  return store::map_rows(
      connection.query("SELECT DISTINCT l.person_id, CASE WHEN pe.phone_index IS NULL THEN 0 ELSE 1 END "
                       "FROM part_links l JOIN people pe ON pe.id = l.person_id WHERE l.part_node_id = ? "
                       "ORDER BY l.person_id",
                       {part_id}),
      [](const store::Row& row) {
        return HouseholdMember{row.i64(0), row.i64(1) == 1};
      });
}

std::vector<TimePoint> guesses_since(store::Connection& connection, const std::string& address_index, TimePoint since) {
  return store::map_rows(
      connection.query("SELECT guessed_at FROM invitation_guesses WHERE address_index = ? AND guessed_at > ?",
                       {address_index, iso_utc(since)}),
      [](const store::Row& row) { return parse_iso(row.text(0)).value_or(TimePoint{}); });
}

void record_guess(store::Tx& tx, const std::string& address_index) {
  tx.exec("INSERT INTO invitation_guesses (address_index, guessed_at) VALUES (?, ?)",
          {address_index, iso_utc(tx.now())});
}

namespace {

constexpr const char* kRequestColumns =
    "SELECT r.id, r.person_id, pe.name_masked, r.phone_enc, r.phone_masked, r.requested_at, r.state, part.id, "
    "building.name, unit.name, part.name, compound.id, compound.name FROM invitation_requests r "
    "JOIN invitations i ON i.id = r.invitation_id JOIN people pe ON pe.id = r.person_id "
    "JOIN org_nodes part ON part.id = i.part_id JOIN org_nodes unit ON unit.id = part.parent_id "
    "JOIN org_nodes building ON building.id = unit.parent_id JOIN org_nodes compound ON compound.id = building.parent_id ";

LetterRequest request_from(const store::Row& row) {
  return LetterRequest{row.i64(0),  row.i64(1),  row.text(2),
                       row.text(3), row.text(4), row.text(5),
                       row.text(6), row.i64(7),  address_of(row.text(8), row.text(9), row.text(10)),
                       row.i64(11), row.text(12)};
}

}  // namespace

std::int64_t insert_letter_request(store::Tx& tx, const NewLetterRequest& request) {
  return tx.scalar(
      "INSERT INTO invitation_requests (invitation_id, person_id, phone_enc, phone_index, phone_masked, requested_at, "
      "state) VALUES (?, ?, ?, ?, ?, ?, 'pending') RETURNING id",
      {request.letter_id, request.person_id, request.phone_sealed, request.phone_index, request.phone_masked,
       iso_utc(tx.now())});
}

std::optional<LetterRequest> find_letter_request(store::Connection& connection, std::int64_t id) {
  return store::map_row(connection.query_one(std::string(kRequestColumns) + "WHERE r.id = ?", {id}), request_from);
}

std::vector<LetterRequest> pending_requests_under(store::Connection& connection, const std::string& path) {
  store::Select query(kRequestColumns);
  query.where("r.state = 'pending'")
      .where(org::subtree_condition(connection.dialect(), "part.path"), org::subtree_params(path))
      .ordered_by("r.id");
  return store::map_rows(query.run(connection), request_from);
}

std::vector<PendingCount> pending_counts_under(store::Connection& connection, const std::string& path) {
  return store::map_rows(
      connection.query("SELECT compound.id, compound.name, COUNT(*) FROM invitation_requests r "
                       "JOIN invitations i ON i.id = r.invitation_id JOIN org_nodes part ON part.id = i.part_id "
                       "JOIN org_nodes unit ON unit.id = part.parent_id "
                       "JOIN org_nodes building ON building.id = unit.parent_id "
                       "JOIN org_nodes compound ON compound.id = building.parent_id WHERE r.state = 'pending' AND " +
                           org::subtree_condition(connection.dialect(), "part.path") +
                           " GROUP BY compound.id, compound.name ORDER BY compound.id",
                       org::subtree_params(path)),
      [](const store::Row& row) {
        return PendingCount{row.i64(0), row.text(1), row.i64(2)};
      });
}

bool settle_letter_request(store::Tx& tx, std::int64_t id, const std::string& state, std::int64_t decided_by) {
  return tx.exec(
             "UPDATE invitation_requests SET state = ?, decided_at = ?, decided_by = ? WHERE id = ? AND "
             "state = 'pending'",
             {state, iso_utc(tx.now()), decided_by, id}) == 1;
}

std::vector<HouseholdRow> household_sign_ups(store::Connection& connection, const std::string& path, TimePoint now) {
  std::string at = iso_utc(now);
  store::Params params{at, at};
  for (auto& param : org::subtree_params(path)) params.push_back(std::move(param));
  return store::map_rows(
      connection.query(
          std::string("SELECT compound.id, building.id, CASE WHEN EXISTS (SELECT 1 FROM part_links l "
                      "JOIN users u ON u.person_id = l.person_id JOIN role_assignments r ON r.user_id = u.id "
                      "WHERE l.part_node_id = part.id AND u.login LIKE 'resident:%' AND u.disabled = 0 "
                      "AND r.role = 'resident' AND r.scope_node_id = compound.id AND r.valid_from <= ? "
                      "AND (r.valid_to IS NULL OR r.valid_to > ?)) THEN 1 ELSE 0 END, compound.name, building.name "
                      "FROM ") +
              kPartPlaces + " WHERE p.use = 'residential' AND " +
              org::subtree_condition(connection.dialect(), "part.path"),
          params),
      [](const store::Row& row) {
        return HouseholdRow{HouseholdSignUp{row.i64(0), row.i64(1), row.i64(2) == 1}, row.text(3), row.text(4)};
      });
}

}  // namespace weizhi::residents
