// The privacy module's part of the demo street: the people behind the demo accounts have read and
// consented to the first notice, so that they open the H5 as residents who signed in before.
#include "modules/privacy/module.hpp"
#include "modules/privacy/store.hpp"

namespace weizhi::privacy {

void seed_demo(modules::SeedContext& seed) { consent_for_linked_accounts(seed.tx); }

}  // namespace weizhi::privacy
