// What the access module publishes to others (access.hpp), over its own store.
#include <algorithm>

#include "modules/access/access.hpp"
#include "modules/access/store.hpp"

namespace weizhi::access {

namespace {

HeldCredential held(const Credential& credential) {
  return HeldCredential{credential.id, credential.input.person_id, credential.state, credential.suspended_by};
}

}  // namespace

std::vector<HeldCredential> credentials_of_people(store::Connection& connection, std::int64_t compound_node_id,
                                                  const std::vector<std::int64_t>& person_ids) {
  std::vector<HeldCredential> found;
  for (std::int64_t person : person_ids) {
    CredentialFilter filter;
    filter.compound_node_id = compound_node_id;
    filter.person_id = person;
    filter.limit = 1000;
    for (const auto& credential : credentials_where(connection, filter)) {
      if (credential.state != CredentialState::Revoked) found.push_back(held(credential));
    }
  }
  std::sort(found.begin(), found.end(), [](const auto& a, const auto& b) { return a.id < b.id; });
  return found;
}

std::optional<HeldCredential> held_credential(store::Connection& connection, std::int64_t id) {
  auto credential = find_credential(connection, id);
  if (!credential) return std::nullopt;
  return held(*credential);
}

void change_state(store::Tx& tx, std::int64_t id, CredentialState state, const std::optional<std::string>& reason,
                  const std::optional<SuspendedBy>& suspended_by) {
  set_state(tx, id, state, reason, suspended_by);
}

}  // namespace weizhi::access
