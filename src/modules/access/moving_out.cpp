// The daily job that ends credentials no longer their holders' (docs/rules.md#i-moving-out): the registry ends a
// person's home by removing their link to a part, and no event follows it, so once a day every active or
// suspended credential is checked against the registry and the roles in force.
#include "audit/audit.hpp"
#include "modules/access/module.hpp"
#include "modules/access/rules.hpp"
#include "modules/access/store.hpp"

namespace weizhi::access {

modules::Job moving_out_job() {
  return modules::Job{
      "access.credentials.moving_out", [](TimePoint now) { return street_date(now); },
      [](store::Tx& tx, const std::string&) {
        for (const auto& ending : credentials_to_end(tx.connection(), modules::kStaff, iso_utc(tx.now()))) {
          set_state(tx, ending.id, CredentialState::Revoked, ending.reason, std::nullopt);
          audit::record(tx, "system", "access.credential.revoke", "access_credential:" + std::to_string(ending.id),
                        {{"reason", ending.reason}, {"by", "registry"}});
        }
      }};
}

}  // namespace weizhi::access
