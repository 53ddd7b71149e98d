// SQL of notices: notices written and read, the read and acknowledged receipts of accounts, and the
// households and staff a notice is for, counted per building with those who read and acknowledged —
// all counted in SQL. No decisions (notices_rules.hpp).
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "modules/engagement/notices_rules.hpp"
#include "store/db.hpp"

namespace weizhi::engagement {

std::int64_t insert_notice(store::Tx& tx, const NoticeInput& input, std::int64_t user_id);
void update_notice(store::Tx& tx, std::int64_t id, const NoticeInput& input);
void withdraw_notice(store::Tx& tx, std::int64_t id, const std::string& reason);
std::optional<Notice> find_notice(store::Connection& connection, std::int64_t id);
// Notices of the subtree at `path`, the latest to start first, at most `limit`.
std::vector<Notice> notices_under(store::Connection& connection, const std::string& path, std::int64_t limit);
// Notices not withdrawn whose period contains `today`, anywhere: their nodes are few enough to be read
// once and matched to the reader's homes or scopes.
std::vector<Notice> current_notices(store::Connection& connection, const std::string& today);

struct Receipt {
  std::int64_t notice_id = 0;
  std::string read_at;
  std::optional<std::string> acked_at;
};
// Whose receipts: a person (whichever of their accounts reads), or an account that is no person.
struct ReceiptHolder {
  std::optional<std::int64_t> person_id;
  std::optional<std::int64_t> user_id;
};
// The holder's receipts.
std::vector<Receipt> receipts_of(store::Connection& connection, const ReceiptHolder& holder);
// Records the holder's first read (a later read changes nothing: the unique indexes keep one row).
void record_read(store::Tx& tx, std::int64_t notice_id, const ReceiptHolder& holder);
// Records the acknowledgement, with the read if there was none; the first acknowledgement is kept.
void record_ack(store::Tx& tx, std::int64_t notice_id, const ReceiptHolder& holder);

// A building's households (or, for staff, the whole scope's staff) the notice is for, and how many of them
// read and acknowledged it: a household counts once any person registered in it did.
struct ReceiptCount {
  std::int64_t building_id = 0;  // 0: the staff of the scope
  std::string building_name;
  std::int64_t total = 0;
  std::int64_t read = 0;
  std::int64_t acked = 0;
};
std::vector<ReceiptCount> receipt_counts(store::Connection& connection, const Notice& notice);
// The persons and accounts that read the notice, and of them those that acknowledged it.
ReceiptCount reader_count(store::Connection& connection, std::int64_t notice_id);

// One household of a building with who of it read and acknowledged the notice (masked names).
struct HouseholdReceipt {
  std::int64_t household_id = 0;
  std::string address;  // compound, building, unit, room
  std::vector<std::string> readers;
  std::vector<std::string> ackers;
};
// The households of the building (or, without one, of the notice's scope) the notice is for, by address.
std::vector<HouseholdReceipt> household_receipts(store::Connection& connection, const Notice& notice,
                                                 const std::string& path);

}  // namespace weizhi::engagement
