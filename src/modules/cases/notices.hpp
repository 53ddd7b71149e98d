// What the cases module tells people, through the notifications module, inside the transaction of
// the change: escalations to the chain link reached, work to its assignee, the outcome to the
// resident who reported, a routed case to those its router names, and the day's pre-intervention tasks to each
// compound's commissioner.
#pragma once
#include <string>
#include <vector>

#include "modules/cases/model.hpp"
#include "modules/cases/store.hpp"

namespace weizhi::cases {

// The holder of each level reached (their accounts' inboxes) and the compound's group robot.
void notify_escalations(store::Tx& tx, const std::vector<EscalationRecord>& records);
// After a step to `to`: the assignee when given the case, the reporter when it is resolved,
// returned or closed without a fix (with the reason).
void notify_transition(store::Tx& tx, const Case& after, State to);
// Those a router named beside the assignee of a case it took (routing.hpp), with the router's reason.
void notify_routed(store::Tx& tx, const Case& routed, const std::vector<std::int64_t>& user_ids,
                   const std::string& reason);
// One message for a batch, rather than one per case, to the new assignee.
void notify_assigned_in_bulk(store::Tx& tx, std::int64_t assignee_user_id, const std::vector<std::int64_t>& case_ids);
// The commissioner of each compound that got a task, and the compound's group robot.
void notify_pre_tasks(store::Tx& tx, const std::vector<PreTask>& tasks);

}  // namespace weizhi::cases
