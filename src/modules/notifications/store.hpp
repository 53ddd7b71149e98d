// SQL of the notifications module: inboxes, group-robot webhooks and the outbox of deliveries.
// Writers check what they refer to (404/409 naming the field); times come from the transaction.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "modules/notifications/model.hpp"
#include "store/db.hpp"

namespace weizhi::notifications {

enum class Filter { All, Unread };

// The user's notifications, newest first: ids below `before_id` when given, at most `limit`.
std::vector<Notification> inbox(store::Connection& connection, std::int64_t user_id, Filter filter,
                                std::optional<std::int64_t> before_id, std::int64_t limit);
std::int64_t unread_count(store::Connection& connection, std::int64_t user_id);
// Marks one of the user's notifications read (once: a second call keeps the first time); 404 for
// another user's or an unknown one. Returns it as it now is.
Notification mark_read(store::Tx& tx, std::int64_t user_id, std::int64_t id);
// Marks all the user's unread notifications read; returns how many were.
std::int64_t mark_all_read(store::Tx& tx, std::int64_t user_id);

std::optional<Webhook> find_webhook(store::Connection& connection, std::int64_t node_id);
// Sets the robot of a compound or community (404 for an unknown node, 400 naming node_id for
// another kind); the URL is checked, and the secret sealed, by the caller.
void save_webhook(store::Tx& tx, std::int64_t node_id, Channel channel, const std::string& url,
                  const std::optional<std::string>& sealed_secret, bool enabled);

std::optional<Delivery> find_delivery(store::Connection& connection, std::int64_t id);
// Deliveries to robots of nodes in the subtree at `path`, newest first, optionally in one state.
std::vector<Delivery> deliveries_under(store::Connection& connection, const std::string& path,
                                       std::optional<DeliveryState> state, std::optional<std::int64_t> before_id,
                                       std::int64_t limit);
// Makes a failed delivery pending again with a fresh set of attempts, due now; 409 otherwise.
void retry_delivery(store::Tx& tx, std::int64_t id);

// A pending delivery whose time has come, with the robot as it is now.
struct DueDelivery {
  std::int64_t id;
  std::int64_t attempts;
  Channel channel;
  std::string url;
  std::optional<std::string> sealed_secret;
  bool enabled;
  std::string content;
};
std::vector<DueDelivery> due_deliveries(store::Connection& connection, TimePoint now, std::int64_t limit);
// Records one attempt's outcome: delivered, or the error and the next try (failed after the last).
// Returns false when the delivery changed meanwhile (a retry by hand, another sender) and nothing
// was recorded.
bool record_attempt(store::Tx& tx, const DueDelivery& delivery, const SendOutcome& outcome);

}  // namespace weizhi::notifications
