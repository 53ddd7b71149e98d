// SQL of visitor passes: the platform's signing key, passes kept with the visitor's name and phone encrypted, the
// claim of a once pass's use, and the passages the gate's check records among the terminals' access events.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "modules/access/visitors_rules.hpp"
#include "store/db.hpp"

namespace weizhi::access {

// --- The signing key ---

struct SigningKeyRow {
  std::int64_t id;
  std::string public_key_base64;
  std::string secret_enc;  // the secret key as hex, encrypted with the data key
};
std::optional<SigningKeyRow> signing_key(store::Connection& connection);
// Keeps the key unless one is kept already (two instances making one at once keep the first).
void keep_signing_key(store::Tx& tx, const std::string& public_key_base64, const std::string& secret_enc);

// --- Passes ---

struct NewPass {
  std::int64_t compound_node_id = 0;
  std::int64_t part_node_id = 0;
  std::int64_t issued_by = 0;
  std::string name_enc, name_masked, phone_enc, phone_masked;
  PassUses uses = PassUses::Once;
  std::vector<Tier> tiers;
  std::string expires_at;  // UTC
};

struct VisitorPass {
  std::int64_t id;
  std::int64_t compound_node_id;
  std::string compound_name;
  std::int64_t part_node_id;
  std::string part_name;
  std::string name_masked;
  std::string phone_masked;
  PassUses uses = PassUses::Once;
  std::vector<Tier> tiers;
  std::string expires_at;
  std::optional<std::string> used_at;
  std::int64_t use_count = 0;
  std::optional<std::string> revoked_at;
  std::string created_at;
};

std::int64_t insert_pass(store::Tx& tx, const NewPass& pass);
std::optional<VisitorPass> find_pass(store::Connection& connection, std::int64_t id);
// The household's passes, newest first.
std::vector<VisitorPass> passes_of_parts(store::Connection& connection, const std::vector<std::int64_t>& part_ids,
                                         std::int64_t limit);
// The compound's passes, newest first; with `active_at` only those not revoked, not used up and not expired then.
std::vector<VisitorPass> passes_of_compound(store::Connection& connection, std::int64_t compound_node_id,
                                            const std::optional<std::string>& active_at,
                                            std::optional<std::int64_t> before_id, std::int64_t limit);
std::int64_t active_pass_count(store::Connection& connection, std::int64_t compound_node_id, const std::string& now);
// Holds the household's issuing until the transaction ends, so that passes issued at once are counted one after
// the other against the daily limit (SQLite has one writer already; PostgreSQL locks the part's row).
void lock_household(store::Tx& tx, std::int64_t part_node_id);
// How many passes the household issued since `since` (UTC).
std::int64_t passes_issued_since(store::Connection& connection, std::int64_t part_node_id, const std::string& since);
void revoke_pass(store::Tx& tx, std::int64_t id, const std::string& at);
// Records a passage on the pass. A once pass is claimed only if no passage claimed it before, in one statement, so
// that of two gates checking it at once exactly one wins; false for the other.
bool use_pass(store::Tx& tx, std::int64_t id, PassUses uses, const std::string& at);
// Deletes the passes that expired before `before`; returns how many.
std::int64_t purge_passes(store::Tx& tx, const std::string& before);

// --- The check's passage ---

struct CheckedPassage {
  std::int64_t audit_seq;  // numbers the passage among the checks' (device 0)
  std::int64_t gate_id;
  std::int64_t compound_node_id;
  std::string occurred_at;
  std::optional<std::int64_t> credential_id;
  std::optional<std::int64_t> visitor_pass_id;
  bool granted;
  std::string reason;
};
void record_checked_passage(store::Tx& tx, const CheckedPassage& passage);

}  // namespace weizhi::access
