// The voting module as the host runs it: migrations, routes, jobs, demo seed, and who holds its permissions.
#include "modules/voting/module.hpp"

#include "modules/migrations.hpp"

namespace weizhi::voting {

modules::Module module() {
  using namespace modules;
  // Residents cast online as themselves, which needs no permission.
  Module descriptor = describe("voting", store::voting_migrations, add_routes, seed_demo,
                               {
                                   {"voting.clerk", {"commissioner", "grid_member", "committee_member"}},
                                   {"voting.manage", roles(kOfficials, "committee_member")},
                                   {"voting.policy", {"street_admin"}},
                                   {"voting.read", roles(kOfficials, "grid_member", "committee_member", "supervisor")},
                                   {"voting.supervise", {"supervisor"}},
                               });
  descriptor.today = today_items;
  descriptor.publicity = publicity_items;
  descriptor.report = report_sections;
  return descriptor;
}

}  // namespace weizhi::voting
