// SQL of the residents module: the sign-in codes asked for and sent, and the accounts of people.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/time.hpp"
#include "modules/residents/rules.hpp"
#include "store/db.hpp"

namespace weizhi::residents {

// A request for a code, as kept: the phone and the client's address as blind indexes, the code as a
// keyed hash (none when nothing was sent).
struct CodeRequest {
  std::string phone_index;
  std::string address_index;
  std::optional<std::string> code_hash;
  TimePoint expires_at;
};

// The last code sent to a phone.
struct StoredCode {
  std::int64_t id;
  std::string code_hash;
  SentCode sent;
};

// The moments codes were asked for the phone, or from the address, after `since`.
std::vector<TimePoint> phone_requests_since(store::Connection& connection, const std::string& phone_index,
                                            TimePoint since);
std::vector<TimePoint> address_requests_since(store::Connection& connection, const std::string& address_index,
                                              TimePoint since);
// Keeps the request, asked at the transaction's time; returns its id.
std::int64_t insert_request(store::Tx& tx, const CodeRequest& request);
// The code's hash, once it has been sent.
void set_code_hash(store::Tx& tx, std::int64_t request_id, const std::string& code_hash);
// Forgets a request whose code could not be sent.
void delete_request(store::Tx& tx, std::int64_t request_id);
std::optional<StoredCode> last_sent_code(store::Connection& connection, const std::string& phone_index);
void count_failure(store::Tx& tx, std::int64_t code_id);
// Marks the code used; false when it was used already (by a request that got there first).
bool use_code(store::Tx& tx, std::int64_t code_id);
// Deletes the requests asked before `before`.
std::int64_t purge_requests(store::Tx& tx, TimePoint before);

// The account linked to the person, if there is one.
std::optional<std::int64_t> account_of_person(store::Connection& connection, std::int64_t person_id);
void link_account(store::Tx& tx, std::int64_t user_id, std::int64_t person_id);
void end_role(store::Tx& tx, std::int64_t assignment_id);

}  // namespace weizhi::residents
