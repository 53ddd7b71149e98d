// The notifications module's published header: what other modules include to tell people
// something, notify() inside their own transaction, so the notification exists exactly when the
// change it reports does. Store types are only named here, so pure rules may include it.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace weizhi::store {
class Tx;
}

namespace weizhi::notifications {

// The one record a message is about, so that a reader's app can open it without reading the link.
struct Entity {
  std::string type;  // "case", "vote", "covenant_violation", …
  std::int64_t id;
};

// What a module tells people: in their inboxes, and on the group robot of `node_id`'s compound or
// community when given.
struct Message {
  std::string kind;                     // what happened, such as "case.escalated"
  std::string title;                    // short, Chinese
  std::string body;                     // Chinese
  std::string link;                     // the console route of the record, such as "/cases/12"; empty for none
  std::optional<std::int64_t> node_id;  // the compound or community whose robot is told
  std::optional<Entity> entity{};       // none when the message is about many records (a digest, a list)
};

// Puts the message in each user's inbox (a user listed twice gets it once) and, when it names a
// node, queues one post to every enabled group robot of that node or a node above it (its
// compound, its community). The robots are posted to by the `notifications.deliveries` job.
void notify(store::Tx& tx, const std::vector<std::int64_t>& user_ids, const Message& message);

}  // namespace weizhi::notifications
