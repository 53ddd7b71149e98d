// The deliberation module as the host runs it: migrations, routes, jobs, demo seed, and who holds its permissions.
#include "modules/deliberation/module.hpp"

namespace weizhi::store {
std::vector<Migration> deliberation_migrations();
}

namespace weizhi::deliberation {

// Defined in routes.cpp and seed.cpp; only this descriptor assembles them.
void add_routes(http::Router& router);
void seed_demo(modules::SeedContext& seed);

modules::Module module() {
  using namespace modules;
  return modules::Module{
      .name = "deliberation",
      .migrations = store::deliberation_migrations,
      .routes = add_routes,
      .seed_demo = seed_demo,
      .grants =
          {
              {"deliberation.advance", roles(kOfficials, "committee_member")},
              {"deliberation.comment", {"commissioner", "committee_member", "resident"}},
              {"deliberation.moderate", kOfficials},
              {"deliberation.propose",
               roles(kOfficials, "party_secretary", "grid_member", "committee_member", "resident")},
              {"deliberation.read", roles(kStaff, "social_org")},
              {"deliberation.resolve", roles(kOfficials, "committee_member")},
              {"deliberation.vote", kOfficials},
          },
  };
}

}  // namespace weizhi::deliberation
