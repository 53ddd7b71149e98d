// SQL of the residents module: the sign-in codes asked for and sent, the accounts of people, the household
// invitation letters with the requests that wait for confirmation, and the households' sign-up progress.
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
  std::optional<std::int64_t> invitation_id;  // the letter the code redeems; none for signing in
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
// The last code sent to the phone for signing in, or (with `invitation_id`) for redeeming that letter.
std::optional<StoredCode> last_sent_code(store::Connection& connection, const std::string& phone_index,
                                         std::optional<std::int64_t> invitation_id = std::nullopt);
void count_failure(store::Tx& tx, std::int64_t code_id);
// Marks the code used; false when it was used already (by a request that got there first).
bool use_code(store::Tx& tx, std::int64_t code_id);
// Deletes the requests asked, and the wrong letter codes tried, before `before`.
std::int64_t purge_requests(store::Tx& tx, TimePoint before);

// The account linked to the person, if there is one.
std::optional<std::int64_t> account_of_person(store::Connection& connection, std::int64_t person_id);
void link_account(store::Tx& tx, std::int64_t user_id, std::int64_t person_id);
void end_role(store::Tx& tx, std::int64_t assignment_id);
struct LinkedAccount {
  std::int64_t user_id;
  std::int64_t person_id;
};
// The accounts linked to a person that hold a resident role in force at `now`.
std::vector<LinkedAccount> accounts_with_resident_roles(store::Connection& connection, TimePoint now);

// --- Invitation letters ---

// A household of a building: a residential part, with where it is.
struct Household {
  std::int64_t part_id;
  std::string address;  // "1幢 1单元 101"
  std::vector<HouseholdMember> members;
};
// The building's residential parts by unit and room, each with the people linked to it.
std::vector<Household> households_of_building(store::Connection& connection, std::int64_t building_id);
// When the building's letters were last issued.
std::optional<TimePoint> last_issued(store::Connection& connection, std::int64_t building_id);
// Voids the building's letters not used yet; returns how many.
std::int64_t void_unused_letters(store::Tx& tx, std::int64_t building_id);
std::int64_t insert_batch(store::Tx& tx, std::int64_t building_id, std::int64_t issued_by, TimePoint expires_at);
void insert_letter(store::Tx& tx, std::int64_t batch_id, std::int64_t part_id, const std::string& code_hash);

// A batch of letters as listed: who issued it, and what became of its letters.
struct BatchSummary {
  std::int64_t id;
  std::int64_t building_id;
  std::string building;
  std::string issued_at;
  std::string expires_at;
  std::string issued_by;  // the account's display name
  std::int64_t letters = 0;
  std::int64_t used = 0;
  std::int64_t voided = 0;
  std::int64_t expired = 0;  // neither used nor voided, past their time
};
// The batches of the buildings under `path`, newest first.
std::vector<BatchSummary> batches_under(store::Connection& connection, const std::string& path, TimePoint now);

// A letter found by its code's hash.
struct FoundLetter {
  std::int64_t id;
  std::int64_t part_id;
  StoredInvitation stored;
};
std::optional<FoundLetter> letter_by_hash(store::Connection& connection, const std::string& code_hash);
// Marks the letter used; false when it was used or voided meanwhile.
bool spend_letter(store::Tx& tx, std::int64_t letter_id);
// The people linked to the part, by person id.
std::vector<HouseholdMember> members_of_part(store::Connection& connection, std::int64_t part_id);

std::vector<TimePoint> guesses_since(store::Connection& connection, const std::string& address_index, TimePoint since);
void record_guess(store::Tx& tx, const std::string& address_index);

// A redemption waiting for the community's confirmation.
struct LetterRequest {
  std::int64_t id;
  std::int64_t person_id;
  std::string person_name_masked;
  std::string phone_sealed;
  std::string phone_masked;
  std::string requested_at;
  std::string state;  // pending, confirmed, refused
  std::int64_t part_id;
  std::string address;
  std::int64_t compound_id;
  std::string compound;
};
struct NewLetterRequest {
  std::int64_t letter_id;
  std::int64_t person_id;
  std::string phone_sealed;
  std::string phone_index;
  std::string phone_masked;
};
std::int64_t insert_letter_request(store::Tx& tx, const NewLetterRequest& request);
std::optional<LetterRequest> find_letter_request(store::Connection& connection, std::int64_t id);
// The pending requests of the households under `path`, oldest first.
std::vector<LetterRequest> pending_requests_under(store::Connection& connection, const std::string& path);
// How many requests wait in each compound under `path`: (compound id, name, count).
struct PendingCount {
  std::int64_t compound_id;
  std::string compound;
  std::int64_t count;
};
std::vector<PendingCount> pending_counts_under(store::Connection& connection, const std::string& path);
// Settles a pending request; false when it was settled already.
bool settle_letter_request(store::Tx& tx, std::int64_t id, const std::string& state, std::int64_t decided_by);

// --- Sign-up progress ---

struct HouseholdRow {
  HouseholdSignUp sign_up;
  std::string compound;
  std::string building;
};
// Every residential part under `path`, and whether one of its people signed up by phone (an account
// `resident:<person>` not disabled, with a resident role on the part's compound live at `now`).
std::vector<HouseholdRow> household_sign_ups(store::Connection& connection, const std::string& path, TimePoint now);

}  // namespace weizhi::residents
