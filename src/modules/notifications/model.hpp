// The notifications module's types: a user's notification, a node's group-robot webhook and one
// outbound delivery of a message to a webhook (the message itself is in notifications.hpp).
#pragma once
#include <cstdint>
#include <optional>
#include <string>

#include "modules/notifications/notifications.hpp"

namespace weizhi::notifications {

struct Notification {
  std::int64_t id;
  std::int64_t user_id;
  std::string kind;
  std::string title;
  std::string body;
  std::string link;
  std::optional<std::int64_t> node_id;
  std::optional<Entity> entity;
  std::string created_at;
  std::optional<std::string> read_at;
};

// Whose group robot a group has: WeCom's, DingTalk's, or 浙政钉's (Zhejiang's government DingTalk,
// whose custom robots take DingTalk's messages and signatures).
enum class Channel { WeCom, DingTalk, Zhengding };

// The group robot of a compound or community. Its URL carries the robot's key (WeCom) or access
// token (DingTalk), and a DingTalk robot may have a signing secret: all secrets.
struct Webhook {
  std::int64_t node_id;
  std::string node_name;
  Channel channel;
  std::string url;
  std::optional<std::string> sealed_secret;  // the signing secret sealed with the data key; none unsigned
  bool enabled;
  std::string updated_at;
};

// Pending until sent; failed after the last attempt; a failed one may be retried by hand.
enum class DeliveryState { Pending, Delivered, Failed };

struct Delivery {
  std::int64_t id;
  std::int64_t node_id;  // the webhook's node
  std::string node_name;
  std::string kind;
  std::string content;  // the text posted, already cut to the robot's limit
  DeliveryState state;
  std::int64_t attempts;
  std::optional<std::string> last_error;
  std::string next_attempt_at;  // UTC ISO-8601
  std::optional<std::string> delivered_at;
  std::string created_at;
};

// What one POST to a robot came to: delivered, or the error to record.
struct SendOutcome {
  bool delivered;
  std::string error;  // empty when delivered
};

}  // namespace weizhi::notifications
