// New cases offered to the routers the host registered (see routing.hpp).
#include "modules/cases/routing.hpp"

#include <algorithm>
#include <iterator>

#include "modules/cases/notices.hpp"
#include "modules/cases/store.hpp"

namespace weizhi::cases {

namespace {

// Set once, when the host builds the module list, before any request or job runs; read-only after.
std::vector<CaseRouter>& registered() {
  static std::vector<CaseRouter> routers;
  return routers;
}

}  // namespace

void use_routers(std::vector<CaseRouter> routers) { registered() = std::move(routers); }

void route_new_case(store::Tx& tx, std::int64_t case_id) {
  for (const auto& router : registered()) {
    Case created = *find_case(tx.connection(), case_id);
    auto routing = router(tx.connection(), created);
    if (!routing) continue;
    transition(tx, created, {State::Accepted, routing->reason, std::nullopt, std::nullopt, "", std::nullopt});
    transition(tx, *find_case(tx.connection(), case_id),
               {State::Assigned, routing->reason, routing->assignee_user_id, std::nullopt, "", std::nullopt});
    Case assigned = *find_case(tx.connection(), case_id);
    notify_transition(tx, assigned, State::Assigned);
    std::vector<std::int64_t> others;
    std::copy_if(routing->told_user_ids.begin(), routing->told_user_ids.end(), std::back_inserter(others),
                 [&](std::int64_t id) { return id != routing->assignee_user_id; });
    notify_routed(tx, assigned, others, routing->reason);
    return;
  }
}

}  // namespace weizhi::cases
