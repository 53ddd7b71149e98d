// What other modules include to tell people something: notify() inside their own transaction, so
// the notification exists exactly when the change it reports does.
#pragma once
#include <cstdint>
#include <vector>

#include "modules/notifications/model.hpp"
#include "store/db.hpp"

namespace weizhi::notifications {

// Puts the message in each user's inbox (a user listed twice gets it once) and, when it names a
// node, queues one post to every enabled group robot of that node or a node above it (its
// compound, its community). The robots are posted to by the `notifications.deliveries` job.
void notify(store::Tx& tx, const std::vector<std::int64_t>& user_ids, const Message& message);

}  // namespace weizhi::notifications
