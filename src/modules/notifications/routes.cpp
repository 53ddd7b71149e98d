// HTTP routes of the notifications module: the signed-in user's own inbox, the group robots of
// compounds and communities (WeCom, DingTalk or 浙政钉; their URLs masked, their signing secrets
// sealed and never shown), and the deliveries to those robots with a retry for failed ones.
#include "audit/audit.hpp"
#include "core/error.hpp"
#include "core/json_code.hpp"
#include "http/context.hpp"
#include "http/record_scope.hpp"
#include "http/paging.hpp"
#include "http/query_code.hpp"
#include "modules/notifications/deliver.hpp"
#include "modules/notifications/module.hpp"
#include "modules/notifications/rules.hpp"
#include "modules/notifications/store.hpp"
#include "modules/org/org.hpp"

namespace weizhi::notifications {

namespace {

using http::Access;
using http::Context;
using http::Method;
using http::Response;

Json notification_json(const Notification& notification) {
  return {{"id", notification.id},
          {"kind", notification.kind},
          {"title", notification.title},
          {"body", notification.body},
          {"link", notification.link},
          {"node_id", or_null(notification.node_id)},
          {"entity", notification.entity ? Json{{"type", notification.entity->type}, {"id", notification.entity->id}}
                                         : Json(nullptr)},
          {"created_at", notification.created_at},
          {"read_at", or_null(notification.read_at)},
          {"read", notification.read_at.has_value()}};
}

// What answers show of a signing secret that is set: never any of it.
constexpr const char* kMaskedSecret = "****";

// The robot's URL is a secret (its key lets anyone post to the group): answers show it masked, and
// of the signing secret only whether there is one.
Json webhook_json(std::int64_t node_id, const std::optional<Webhook>& webhook) {
  if (!webhook) {
    return {{"node_id", node_id}, {"configured", false}, {"channel", nullptr},
            {"url", nullptr},     {"secret", nullptr},   {"enabled", false}};
  }
  return {{"node_id", webhook->node_id},
          {"node_name", webhook->node_name},
          {"configured", true},
          {"channel", code_of(kChannels, webhook->channel)},
          {"url", mask_url(webhook->url)},
          {"secret", webhook->sealed_secret ? Json(kMaskedSecret) : Json(nullptr)},
          {"enabled", webhook->enabled},
          {"updated_at", webhook->updated_at}};
}

Json delivery_json(const Delivery& delivery) {
  return {
      {"id", delivery.id},
      {"node", {{"id", delivery.node_id}, {"name", delivery.node_name}}},
      {"kind", delivery.kind},
      {"content", delivery.content},
      {"state", code_of(kDeliveryStates, delivery.state)},
      {"attempts", delivery.attempts},
      {"last_error", or_null(delivery.last_error)},
      {"next_attempt_at", delivery.state == DeliveryState::Pending ? Json(delivery.next_attempt_at) : Json(nullptr)},
      {"delivered_at", or_null(delivery.delivered_at)},
      {"created_at", delivery.created_at}};
}

// --- Inbox: every signed-in user, their own notifications only ---

Filter unread_query(Context& context) {
  auto unread = context.query("unread");
  if (!unread || *unread == "0" || *unread == "false") return Filter::All;
  if (*unread == "1" || *unread == "true") return Filter::Unread;
  fail_invalid("unread", "unread 应为 1 或 0");
}

Response inbox_route(Context& context) {
  Filter filter = unread_query(context);
  std::int64_t limit = http::page_limit(context, 50, 200);
  auto before = http::page_cursor(context);
  auto lease = context.read();
  auto list = inbox(*lease, context.user().user_id, filter, before, limit);
  Json items = Json::array();
  for (const auto& notification : list) items.push_back(notification_json(notification));
  return Response::json(200, http::page_json(items, limit, list.empty() ? 0 : list.back().id));
}

Response unread_count_route(Context& context) {
  auto lease = context.read();
  return Response::json(200, {{"unread", unread_count(*lease, context.user().user_id)}});
}

// Reading one's own mail is not audited: it changes nothing anyone else relies on.
Response read_route(Context& context) {
  std::int64_t id = context.path_id("id");
  Json read =
      context.write([&](store::Tx& tx) { return notification_json(mark_read(tx, context.user().user_id, id)); });
  return Response::json(200, read);
}

Response read_all_route(Context& context) {
  std::int64_t marked = context.write([&](store::Tx& tx) { return mark_all_read(tx, context.user().user_id); });
  return Response::json(200, {{"marked", marked}, {"unread", 0}});
}

// --- Webhooks ---

Response get_webhook_route(Context& context) {
  std::int64_t node_id = context.path_id("node_id");
  auto lease = context.read();
  return Response::json(200, webhook_json(node_id, find_webhook(*lease, node_id)));
}

// The signing secret to store, sealed: the stored one when `secret` is left out or sent back
// masked, none when it is empty or the channel does not sign.
std::optional<std::string> chosen_secret(const crypto::DataKey& data_key, Channel channel,
                                         const std::optional<std::string>& secret,
                                         const std::optional<Webhook>& existing) {
  if (!secret || *secret == kMaskedSecret) {
    return existing && channel_signs(channel) ? existing->sealed_secret : std::nullopt;
  }
  if (secret->empty()) return std::nullopt;
  if (!channel_signs(channel)) fail_invalid("secret", "企业微信群机器人没有加签密钥，请留空");
  check_robot_secret(*secret);
  return data_key.encrypt(*secret);
}

// `url` and `secret` may be left out, or sent back masked as GET showed them, to keep the stored
// ones (switching a robot on or off need not retype its key); `channel` left out keeps the stored
// one, WeCom for a new robot.
Response put_webhook_route(Context& context) {
  std::int64_t node_id = context.path_id("node_id");
  JsonObject body(context.json_body());
  auto channel = optional_code_field(body, "channel", parser_of(kChannels),
                                     "渠道应为 wecom（企业微信）、dingtalk（钉钉）或 zhengding（浙政钉）");
  auto url = body.optional_text("url");
  auto secret = body.optional_text("secret");
  bool enabled = body.boolean("enabled");
  body.finish();
  Json saved = context.write([&](store::Tx& tx) {
    auto existing = find_webhook(tx.connection(), node_id);
    Channel chosen_channel = channel.value_or(existing ? existing->channel : Channel::WeCom);
    std::string chosen_url;
    if (existing && (!url || *url == mask_url(existing->url))) {
      chosen_url = existing->url;
    } else {
      if (!url) fail_invalid("url", "请填写群机器人地址");
      check_webhook_url(*url);
      chosen_url = *url;
    }
    auto sealed = chosen_secret(context.services.data_key, chosen_channel, secret, existing);
    save_webhook(tx, node_id, chosen_channel, chosen_url, sealed, enabled);
    Json json = webhook_json(node_id, find_webhook(tx.connection(), node_id));
    context.audit(
        tx, "notifications.webhook.update", "node:" + std::to_string(node_id),
        {{"channel", json["channel"]}, {"url", json["url"]}, {"signed", sealed.has_value()}, {"enabled", enabled}});
    return json;
  });
  return Response::json(200, saved);
}

// --- Deliveries ---

Delivery require_delivery(store::Connection& connection, std::int64_t id) {
  return found_or_404(find_delivery(connection, id), "找不到该推送记录");
}

http::ScopeResolver delivery_scope() { return http::scope::record_node(require_delivery, &Delivery::node_id); }

Response list_deliveries_route(Context& context) {
  auto state = http::query_code(context, "state", parser_of(kDeliveryStates), "状态应为 pending、delivered 或 failed");
  std::int64_t limit = http::page_limit(context, 100, 500);
  auto before = http::page_cursor(context);
  auto [lease, node] = org::read_queried_subtree(context);
  auto list = deliveries_under(*lease, node.path, state, before, limit);
  Json items = Json::array();
  for (const auto& delivery : list) items.push_back(delivery_json(delivery));
  return Response::json(200, http::page_json(items, limit, list.empty() ? 0 : list.back().id));
}

Response retry_route(Context& context) {
  std::int64_t id = context.path_id("id");
  Json retried = context.write([&](store::Tx& tx) {
    retry_delivery(tx, id);
    Json json = delivery_json(require_delivery(tx.connection(), id));
    context.audit(tx, "notifications.delivery.retry", "notification_delivery:" + std::to_string(id),
                  {{"node_id", json["node"]["id"]}});
    return json;
  });
  return Response::json(200, retried);
}

}  // namespace

void add_routes(http::Router& router) {
  const std::string inbox_path = "/api/v1/me/notifications";
  router.add(Method::Get, inbox_path, Access::signed_in(), inbox_route);
  router.add(Method::Get, inbox_path + "/unread-count", Access::signed_in(), unread_count_route);
  router.add(Method::Post, inbox_path + "/read-all", Access::signed_in(), read_all_route);
  router.add(Method::Post, inbox_path + "/{id}/read", Access::signed_in(), read_route);

  auto manage_node = Access::permission("notifications.manage", http::scope::path_node("node_id"));
  router.add(Method::Get, "/api/v1/notification-webhooks/{node_id}", manage_node, get_webhook_route);
  router.add(Method::Put, "/api/v1/notification-webhooks/{node_id}", manage_node, put_webhook_route);

  router.add(Method::Get, "/api/v1/notification-deliveries",
             Access::permission("notifications.manage", org::node_query_scope()), list_deliveries_route);
  router.add(Method::Post, "/api/v1/notification-deliveries/{id}/retry",
             Access::permission("notifications.manage", delivery_scope()), retry_route);
}

}  // namespace weizhi::notifications
