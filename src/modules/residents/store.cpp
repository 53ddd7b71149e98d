// SQL of the residents module (see store.hpp).
#include "modules/residents/store.hpp"

#include "store/rows.hpp"

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
      "INSERT INTO sms_codes (phone_index, address_index, code_hash, requested_at, expires_at) VALUES (?, ?, ?, ?, ?) "
      "RETURNING id",
      {request.phone_index, request.address_index, request.code_hash, iso_utc(tx.now()), iso_utc(request.expires_at)});
}

void set_code_hash(store::Tx& tx, std::int64_t request_id, const std::string& code_hash) {
  tx.exec("UPDATE sms_codes SET code_hash = ? WHERE id = ?", {code_hash, request_id});
}

void delete_request(store::Tx& tx, std::int64_t request_id) {
  tx.exec("DELETE FROM sms_codes WHERE id = ?", {request_id});
}

std::optional<StoredCode> last_sent_code(store::Connection& connection, const std::string& phone_index) {
  return store::map_row(connection.query_one("SELECT id, code_hash, expires_at, failures, used_at FROM sms_codes "
                                             "WHERE phone_index = ? AND code_hash IS NOT NULL ORDER BY id DESC LIMIT 1",
                                             {phone_index}),
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

}  // namespace weizhi::residents
