// SQL of the notifications module (see store.hpp and notifications.hpp). Times are UTC ISO-8601 text
// of one width, so comparing them as text compares instants on both engines.
#include "modules/notifications/store.hpp"

#include <algorithm>
#include <set>

#include "core/error.hpp"
#include "modules/notifications/notifications.hpp"
#include "modules/notifications/rules.hpp"
#include "modules/org/org.hpp"
#include "store/rows.hpp"
#include "store/select.hpp"

namespace weizhi::notifications {

namespace {

// The ids of a node's path ("/1/4/9/"), root first.
std::vector<std::int64_t> path_ids(const std::string& path) {
  std::vector<std::int64_t> ids;
  std::size_t start = 1;
  while (start < path.size()) {
    std::size_t end = path.find('/', start);
    if (end == std::string::npos) end = path.size();
    if (end > start) ids.push_back(std::stoll(path.substr(start, end - start)));
    start = end + 1;
  }
  return ids;
}

constexpr const char* kNotificationColumns =
    "SELECT id, user_id, kind, title, body, link, node_id, entity_type, entity_id, created_at, read_at "
    "FROM notifications ";

Notification to_notification(const store::Row& row) {
  std::optional<Entity> entity;
  if (auto type = row.optional_text(7)) entity = Entity{*type, row.i64(8)};
  return Notification{row.i64(0),  row.i64(1),          row.text(2), row.text(3), row.text(4),
                      row.text(5), row.optional_i64(6), entity,      row.text(9), row.optional_text(10)};
}

constexpr const char* kDeliveryColumns =
    "SELECT d.id, d.node_id, n.name, d.kind, d.content, d.state, d.attempts, d.last_error, d.next_attempt_at, "
    "d.delivered_at, d.created_at FROM notification_deliveries d JOIN org_nodes n ON n.id = d.node_id ";

Delivery to_delivery(const store::Row& row) {
  return Delivery{row.i64(0),  row.i64(1),
                  row.text(2), row.text(3),
                  row.text(4), parse_code(kDeliveryStates, row.text(5)).value_or(DeliveryState::Pending),
                  row.i64(6),  row.optional_text(7),
                  row.text(8), row.optional_text(9),
                  row.text(10)};
}

// The enabled robots of the node and of the nodes above it.
std::vector<std::int64_t> robots_for(store::Tx& tx, std::int64_t node_id) {
  auto node = org::find_node(tx, node_id);
  if (!node) return {};
  auto ids = path_ids(node->path);
  if (ids.empty()) return {};
  store::Params params(ids.begin(), ids.end());
  return store::map_rows(tx.query("SELECT node_id FROM notification_webhooks WHERE enabled = 1 AND node_id IN (" +
                                      store::placeholders(ids.size()) + ") ORDER BY node_id",
                                  params),
                         store::first_integer);
}

}  // namespace

void notify(store::Tx& tx, const std::vector<std::int64_t>& user_ids, const Message& message) {
  std::string now = iso_utc(tx.now());
  std::optional<std::string> entity_type;
  std::optional<std::int64_t> entity_id;
  if (message.entity) {
    entity_type = message.entity->type;
    entity_id = message.entity->id;
  }
  for (std::int64_t user_id : std::set<std::int64_t>(user_ids.begin(), user_ids.end())) {
    tx.exec(
        "INSERT INTO notifications (user_id, kind, title, body, link, node_id, entity_type, entity_id, created_at) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        {user_id, message.kind, message.title, message.body, message.link, message.node_id, entity_type, entity_id,
         now});
  }
  if (!message.node_id) return;
  std::string content = robot_content(message);
  for (std::int64_t robot : robots_for(tx, *message.node_id)) {
    tx.exec(
        "INSERT INTO notification_deliveries (node_id, kind, content, state, attempts, next_attempt_at, created_at) "
        "VALUES (?, ?, ?, 'pending', 0, ?, ?)",
        {robot, message.kind, content, now, now});
  }
}

// --- Inbox ---

std::vector<Notification> inbox(store::Connection& connection, std::int64_t user_id, Filter filter,
                                std::optional<std::int64_t> before_id, std::int64_t limit) {
  store::Select query(kNotificationColumns);
  query.where("user_id = ?", {user_id});
  if (filter == Filter::Unread) query.where("read_at IS NULL");
  query.newest_first("id", before_id, limit);
  return store::map_rows(query.run(connection), to_notification);
}

std::int64_t unread_count(store::Connection& connection, std::int64_t user_id) {
  return connection.scalar("SELECT COUNT(*) FROM notifications WHERE user_id = ? AND read_at IS NULL", {user_id});
}

Notification mark_read(store::Tx& tx, std::int64_t user_id, std::int64_t id) {
  tx.exec("UPDATE notifications SET read_at = ? WHERE id = ? AND user_id = ? AND read_at IS NULL",
          {iso_utc(tx.now()), id, user_id});
  // Another user's notification answers like a missing one: its existence is not theirs to know.
  auto row = tx.query_one(std::string(kNotificationColumns) + "WHERE id = ? AND user_id = ?", {id, user_id});
  if (!row) fail_not_found("找不到该通知");
  return to_notification(*row);
}

std::int64_t mark_all_read(store::Tx& tx, std::int64_t user_id) {
  return tx.exec("UPDATE notifications SET read_at = ? WHERE user_id = ? AND read_at IS NULL",
                 {iso_utc(tx.now()), user_id});
}

// --- Webhooks ---

std::optional<Webhook> find_webhook(store::Connection& connection, std::int64_t node_id) {
  return store::map_row(
      connection.query_one("SELECT w.node_id, n.name, w.channel, w.url, w.secret, w.enabled, w.updated_at "
                           "FROM notification_webhooks w JOIN org_nodes n ON n.id = w.node_id WHERE w.node_id = ?",
                           {node_id}),
      [](const store::Row& row) {
        return Webhook{row.i64(0),  row.text(1),          parse_code(kChannels, row.text(2)).value_or(Channel::WeCom),
                       row.text(3), row.optional_text(4), row.i64(5) != 0,
                       row.text(6)};
      });
}

void save_webhook(store::Tx& tx, std::int64_t node_id, Channel channel, const std::string& url,
                  const std::optional<std::string>& sealed_secret, bool enabled) {
  auto node = org::find_node(tx, node_id);
  if (!node) fail_not_found("找不到该组织节点");
  if (node->kind != org::NodeKind::Compound && node->kind != org::NodeKind::Community) {
    fail_invalid("node_id", "群机器人只能配置在小区或社区");
  }
  std::string now = iso_utc(tx.now());
  std::string code = code_of(kChannels, channel);
  if (tx.exec("UPDATE notification_webhooks SET channel = ?, url = ?, secret = ?, enabled = ?, updated_at = ? "
              "WHERE node_id = ?",
              {code, url, sealed_secret, enabled, now, node_id}) == 0) {
    tx.exec(
        "INSERT INTO notification_webhooks (node_id, channel, url, secret, enabled, updated_at) "
        "VALUES (?, ?, ?, ?, ?, ?)",
        {node_id, code, url, sealed_secret, enabled, now});
  }
}

// --- Deliveries ---

std::optional<Delivery> find_delivery(store::Connection& connection, std::int64_t id) {
  return store::map_row(connection.query_one(std::string(kDeliveryColumns) + "WHERE d.id = ?", {id}), to_delivery);
}

std::vector<Delivery> deliveries_under(store::Connection& connection, const std::string& path,
                                       std::optional<DeliveryState> state, std::optional<std::int64_t> before_id,
                                       std::int64_t limit) {
  store::Select query(kDeliveryColumns);
  query.where("n.path LIKE ?", {path + "%"});
  if (state) query.where("d.state = ?", {code_of(kDeliveryStates, *state)});
  query.newest_first("d.id", before_id, limit);
  return store::map_rows(query.run(connection), to_delivery);
}

void retry_delivery(store::Tx& tx, std::int64_t id) {
  auto row = tx.query_one("SELECT state FROM notification_deliveries WHERE id = ?", {id});
  if (!row) fail_not_found("找不到该推送记录");
  if (row->text(0) != "failed") fail_conflict("只有发送失败的推送可以重试", "state");
  tx.exec(
      "UPDATE notification_deliveries SET state = 'pending', attempts = 0, next_attempt_at = ? "
      "WHERE id = ? AND state = 'failed'",
      {iso_utc(tx.now()), id});
}

std::vector<DueDelivery> due_deliveries(store::Connection& connection, TimePoint now, std::int64_t limit) {
  return store::map_rows(
      connection.query("SELECT d.id, d.attempts, w.channel, w.url, w.secret, w.enabled, d.content "
                       "FROM notification_deliveries d "
                       "JOIN notification_webhooks w ON w.node_id = d.node_id "
                       "WHERE d.state = 'pending' AND d.next_attempt_at <= ? ORDER BY d.next_attempt_at, d.id LIMIT ?",
                       {iso_utc(now), limit}),
      [](const store::Row& row) {
        return DueDelivery{
            row.i64(0),  row.i64(1),           parse_code(kChannels, row.text(2)).value_or(Channel::WeCom),
            row.text(3), row.optional_text(4), row.i64(5) != 0,
            row.text(6)};
      });
}

bool record_attempt(store::Tx& tx, const DueDelivery& delivery, const SendOutcome& outcome) {
  std::int64_t attempts = delivery.attempts + 1;
  std::string now = iso_utc(tx.now());
  // The attempts in the WHERE clause make a concurrent change (a retry by hand) win over this one.
  if (outcome.delivered) {
    return tx.exec(
               "UPDATE notification_deliveries SET state = 'delivered', attempts = ?, delivered_at = ?, "
               "next_attempt_at = ? WHERE id = ? AND state = 'pending' AND attempts = ?",
               {attempts, now, now, delivery.id, delivery.attempts}) == 1;
  }
  auto delay = retry_delay(attempts);
  std::string next = delay ? iso_utc(tx.now() + *delay) : now;
  return tx.exec(
             "UPDATE notification_deliveries SET state = ?, attempts = ?, last_error = ?, next_attempt_at = ? "
             "WHERE id = ? AND state = 'pending' AND attempts = ?",
             {delay ? "pending" : "failed", attempts, outcome.error, next, delivery.id, delivery.attempts}) == 1;
}

}  // namespace weizhi::notifications
