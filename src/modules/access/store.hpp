// SQL of the access module: gates and their rosters, credentials and their states, and the facts the rules
// decide on (who lives in or works on a compound, the committee's members, the contract's company).
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "modules/access/model.hpp"
#include "store/db.hpp"

namespace weizhi::access {

// --- Gates ---

std::vector<Gate> gates_of_compound(store::Connection& connection, std::int64_t compound_node_id);
std::optional<Gate> find_gate(store::Connection& connection, std::int64_t id);
// 409 naming `name` when the compound has a gate of that name.
std::int64_t insert_gate(store::Tx& tx, std::int64_t compound_node_id, const GateInput& gate);
void update_gate(store::Tx& tx, std::int64_t id, const GateInput& gate);
std::vector<Shift> shifts_of(store::Connection& connection, std::int64_t gate_id);
void replace_shifts(store::Tx& tx, std::int64_t gate_id, const std::vector<Shift>& shifts);

// --- Credentials ---

struct CredentialFilter {
  std::int64_t compound_node_id = 0;
  std::optional<std::int64_t> person_id;
  std::optional<std::int64_t> user_id;
  std::optional<std::int64_t> part_node_id;  // the household: people linked to this part
  std::optional<CredentialState> state;
  std::optional<std::int64_t> before_id;
  std::int64_t limit = 50;
};
std::vector<Credential> credentials_where(store::Connection& connection, const CredentialFilter& filter);
std::optional<Credential> find_credential(store::Connection& connection, std::int64_t id);
// The credentials held by the person or the account, newest first.
std::vector<Credential> credentials_of_holder(store::Connection& connection, std::optional<std::int64_t> person_id,
                                              std::int64_t user_id);
// 409 naming the number's field when the compound has that card or face code on a credential not revoked.
std::int64_t insert_credential(store::Tx& tx, const CredentialInput& input,
                               const std::optional<std::string>& secret_enc);
void set_state(store::Tx& tx, std::int64_t id, CredentialState state, const std::optional<std::string>& reason,
               const std::optional<SuspendedBy>& suspended_by);
// The encrypted TOTP secret of a QR credential.
std::optional<std::string> secret_of(store::Connection& connection, std::int64_t id);

// Whether the person owns, rents or lives in a part of the compound at `compound_path`.
bool lives_in(store::Connection& connection, std::int64_t person_id, const std::string& compound_path);
// Whether the person is a member of the compound's current committee.
bool on_committee(store::Connection& connection, std::int64_t compound_node_id, std::int64_t person_id);

// A credential that is no longer its holder's to hold, and the reason it ends with.
struct Ending {
  std::int64_t id;
  std::string reason;
};
// Active and suspended credentials of people who no longer live in their compound (迁出), and of accounts no
// longer holding one of `roles` on it (离岗).
std::vector<Ending> credentials_to_end(store::Connection& connection, const std::vector<std::string>& roles,
                                       const std::string& now);

// --- Figures ---

struct AccessCounts {
  std::int64_t main = 0, middle = 0, small = 0;
  std::int64_t active = 0, suspended = 0;
};
AccessCounts counts_of_compound(store::Connection& connection, std::int64_t compound_node_id);

}  // namespace weizhi::access
