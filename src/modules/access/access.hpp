// The access module's published header, what other modules use of it: the credentials residents hold in a
// compound, a credential's state changed by another record (an observation suspends and restores them), and
// whether an account works on a compound.
// Store types are only named here, so pure rules may include it.
#pragma once
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "modules/access/model.hpp"

namespace weizhi::store {
class Connection;
class Tx;
}  // namespace weizhi::store

namespace weizhi::access {

// A credential as another module decides on it: whose it is and its state with what suspended it.
struct HeldCredential {
  std::int64_t id;
  std::optional<std::int64_t> person_id;
  CredentialState state = CredentialState::Active;
  std::optional<SuspendedBy> suspended_by;
};

// The credentials the people hold in the compound that are not revoked, by id.
std::vector<HeldCredential> credentials_of_people(store::Connection& connection, std::int64_t compound_node_id,
                                                  const std::vector<std::int64_t>& person_ids);
std::optional<HeldCredential> held_credential(store::Connection& connection, std::int64_t id);
// Whether the account holds one of `roles`, in force at `now`, at the compound or above it: who may
// hold a staff credential there, or be on an observation's staff.
bool works_on(store::Connection& connection, std::int64_t user_id, const std::string& compound_path,
              const std::vector<std::string>& roles, const std::string& now);
// Changes the credential's state exactly as the credential routes do, so that what follows a change there (the
// gates' devices taking it up) follows this one too. The caller audits.
void change_state(store::Tx& tx, std::int64_t id, CredentialState state, const std::optional<std::string>& reason,
                  const std::optional<SuspendedBy>& suspended_by);

// How many observation points run in a compound now, as the module that keeps them counts them; the host hands it
// to access::module for the compound's figures.
using ObservationCount = std::function<std::int64_t(store::Connection& connection, std::int64_t compound_node_id)>;

}  // namespace weizhi::access
