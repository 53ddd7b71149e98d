// The people module as the host runs it: migrations, routes, jobs, demo seed, and who holds its permissions.
#include "modules/people/module.hpp"

#include "modules/migrations.hpp"

namespace weizhi::people {

modules::Module module() {
  using namespace modules;
  // PIPL Art. 6: only the community's leadership reads personal data in full, each time with a logged reason.
  return describe("people", store::people_migrations, add_routes, seed_demo,
                  {
                      {"people.read", roles(kOfficials, "party_secretary", "grid_member", "supervisor")},
                      {"people.unmask", kLeaders},
                      {"people.write", roles(kOfficials, "grid_member")},
                  });
}

}  // namespace weizhi::people
