// Who works a new case first: the routers other modules offer (cases.hpp CaseRouter), which the host hands to
// cases::module() once, asked by create_case for every case recorded on any channel.
#pragma once
#include <vector>

#include "modules/cases/cases.hpp"
#include "store/db.hpp"

namespace weizhi::cases {

// Keeps the routers every new case is offered to, in order, in place of any kept before.
void use_routers(std::vector<CaseRouter> routers);

// Offers the just-recorded case to the routers in turn. The first with a say has it accepted and assigned to its
// account by the system, each step noting the router's reason, and the assignee and those it names told; with
// none, the case stays reported.
void route_new_case(store::Tx& tx, std::int64_t case_id);

}  // namespace weizhi::cases
