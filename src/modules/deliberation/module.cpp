// The deliberation module as the host runs it: migrations, routes, jobs, demo seed, and who holds its permissions.
#include "modules/deliberation/module.hpp"

#include "modules/migrations.hpp"

namespace weizhi::deliberation {

modules::Module module() {
  using namespace modules;
  Module descriptor = describe(
      "deliberation", store::deliberation_migrations, add_routes, seed_demo,
      {
          {"deliberation.advance", roles(kOfficials, "committee_member")},
          {"deliberation.comment", {"commissioner", "committee_member", "resident"}},
          {"deliberation.moderate", kOfficials},
          {"deliberation.propose", roles(kOfficials, "party_secretary", "grid_member", "committee_member", "resident")},
          {"deliberation.read", roles(kStaff, "social_org")},
          {"deliberation.resolve", roles(kOfficials, "committee_member")},
          {"deliberation.vote", kOfficials},
      });
  descriptor.today = today_items;
  descriptor.report = report_sections;
  return descriptor;
}

}  // namespace weizhi::deliberation
