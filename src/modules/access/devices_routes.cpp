// HTTP routes of the access terminals: a compound's devices with their sync status, a device added to a gate,
// readdressed or removed, and synced now; the access events pulled from them, searched by gate, person and time. The password goes in and is never shown; a device or gate the caller
// cannot read is answered as missing (404).
#include "core/json_code.hpp"
#include "core/lookup.hpp"
#include "core/text.hpp"
#include "http/body_id.hpp"
#include "http/context.hpp"
#include "http/paging.hpp"
#include "modules/access/devices.hpp"
#include "modules/access/devices_store.hpp"
#include "modules/access/isapi.hpp"
#include "modules/access/permissions.hpp"
#include "modules/access/route_support.hpp"
#include "modules/access/store.hpp"
#include "modules/org/org.hpp"

namespace weizhi::access {

namespace {

constexpr const char* kNoDevice = "找不到该门禁设备";

Device require_device(store::Connection& connection, std::int64_t id) {
  return found_or_404(find_device(connection, id), kNoDevice);
}

http::ScopeResolver device_scope() { return record_scope(require_device, &Device::compound_node_id, kNoDevice); }

Json device_json(const Device& device) {
  return {{"id", device.id},
          {"gate", {{"id", device.gate_id}, {"name", device.gate_name}}},
          {"name", device.name},
          {"vendor", device.vendor},
          {"url", device.url},
          {"username", device.username},
          {"last_sync_at", or_null(device.last_sync_at)},
          {"last_error", or_null(device.last_error)},
          {"failures", device.failures},
          {"next_retry_at", or_null(device.next_retry_at)},
          {"last_event_at", or_null(device.last_event_at)},
          {"created_at", device.created_at},
          {"updated_at", device.updated_at}};
}

// 400 naming the field: a name of at most 30 characters, a user name of 1–64, a password of 1–64.
void check_device(const DeviceInput& input, const std::string& password) {
  if (input.vendor != kIsapiVendor) fail_invalid("vendor", "设备类型目前只支持 hikvision_isapi（海康 ISAPI）");
  check_device_url(input.url);
  if (characters(input.name) > 30) fail_invalid("name", "设备名称不超过 30 个字");
  if (input.username.empty() || input.username.size() > 64) fail_invalid("username", "用户名应为 1–64 个字符");
  if (password.empty() || password.size() > 64) fail_invalid("password", "密码应为 1–64 个字符");
}

Response list_devices_route(Context& context) {
  auto lease = context.read();
  auto compound = org::require_compound(*lease, org::queried_compound_id(context));
  Json items = Json::array();
  for (const auto& device : devices_of_compound(*lease, compound.id)) items.push_back(device_json(device));
  return Response::json(200, {{"items", items}});
}

Response create_device_route(Context& context) {
  JsonObject body(context.json_body());
  DeviceInput input;
  input.gate_id = http::body_id(context, body, "gate_id");
  input.name = body.optional_text("name").value_or("");
  input.vendor = body.text("vendor");
  input.url = body.text("url");
  input.username = body.text("username");
  std::string password = body.text("password");
  body.finish();
  check_device(input, password);
  input.password_enc = context.services.data_key.encrypt(password);
  Json created = context.write([&](store::Tx& tx) {
    require_gate(tx.connection(), input.gate_id);
    std::int64_t id = insert_device(tx, input);
    context.audit(tx, "access.device.create", "access_device:" + std::to_string(id),
                  {{"gate_id", input.gate_id}, {"vendor", input.vendor}, {"url", input.url}});
    return device_json(require_device(tx.connection(), id));
  });
  return Response::json(201, created);
}

Response update_device_route(Context& context) {
  std::int64_t id = context.path_id("id");
  JsonObject body(context.json_body());
  auto name = body.optional_text("name");
  auto url = body.optional_text("url");
  auto username = body.optional_text("username");
  auto password = body.optional_text("password");
  body.finish();
  Device before = [&] {
    auto lease = context.read();
    return require_device(*lease, id);
  }();
  DeviceInput after{before.gate_id,           name.value_or(before.name),         before.vendor,
                    url.value_or(before.url), username.value_or(before.username), before.password_enc};
  check_device(after, password.value_or("unchanged"));
  if (password) after.password_enc = context.services.data_key.encrypt(*password);
  Json updated = context.write([&](store::Tx& tx) {
    require_device(tx.connection(), id);
    update_device(tx, id, after);
    context.audit(tx, "access.device.update", "access_device:" + std::to_string(id),
                  {{"url", after.url}, {"username", after.username}, {"password_changed", password.has_value()}});
    return device_json(require_device(tx.connection(), id));
  });
  return Response::json(200, updated);
}

Response delete_device_route(Context& context) {
  std::int64_t id = context.path_id("id");
  context.write([&](store::Tx& tx) {
    Device device = require_device(tx.connection(), id);
    delete_device(tx, id);
    context.audit(tx, "access.device.delete", "access_device:" + std::to_string(id),
                  {{"gate_id", device.gate_id}, {"url", device.url}});
    return 0;
  });
  return Response::json(200, {{"deleted", id}});
}

// 200 with the counts when the terminal was reached; 502 naming what went wrong when it was not (the status
// shows it too, and the job retries).
Response sync_route(Context& context) {
  std::int64_t id = context.path_id("id");
  SyncOutcome outcome = sync_device(context.services.db, context.services.data_key, id, context.actor());
  if (outcome.error && outcome.upserted == 0 && outcome.deleted == 0 && outcome.failed == 0) {
    throw ApiError(502, "device_unreachable", "门禁设备同步失败：" + *outcome.error);
  }
  return Response::json(200, {{"upserted", outcome.upserted},
                              {"deleted", outcome.deleted},
                              {"failed", outcome.failed},
                              {"error", or_null(outcome.error)}});
}

// --- Events ---

std::optional<std::int64_t> query_id(Context& context, const std::string& name) {
  auto text = context.query(name);
  if (!text) return std::nullopt;
  return context.parse_id(*text, name);
}

// A moment given as ISO 8601 or as a street day (YYYY-MM-DD, from its midnight); 400 naming `name` otherwise.
std::optional<std::string> query_moment(Context& context, const std::string& name) {
  auto text = context.query(name);
  if (!text) return std::nullopt;
  if (auto moment = parse_iso(*text)) return iso_utc(*moment);
  if (auto end = street_day_end(*text)) return iso_utc(*end - std::chrono::hours(24));
  fail_invalid(name, "时间应为 YYYY-MM-DD 或 ISO 8601 时间");
}

Response list_events_route(Context& context) {
  EventFilter filter;
  filter.compound_node_id = org::queried_compound_id(context);
  filter.gate_id = query_id(context, "gate");
  filter.person_id = query_id(context, "person");
  filter.from = query_moment(context, "from");
  filter.to = query_moment(context, "to");
  filter.limit = http::page_limit(context, 50, 500);
  filter.before_id = http::page_cursor(context);
  auto lease = context.read();
  org::require_compound(*lease, filter.compound_node_id);
  auto events = events_where(*lease, filter);
  Json items = Json::array();
  for (const auto& event : events) {
    Json holder = nullptr;
    if (event.credential_id) {
      holder = {{"credential_id", *event.credential_id},
                {"person_id", or_null(event.person_id)},
                {"name", or_null(event.holder_name)}};
    } else if (event.visitor_pass_id) {
      holder = {{"visitor_pass_id", *event.visitor_pass_id}, {"name", or_null(event.holder_name)}};
    }
    items.push_back({{"id", event.id},
                     {"occurred_at", event.occurred_at},
                     {"gate", {{"id", event.gate_id}, {"name", event.gate_name}}},
                     {"device_id", event.device_id},
                     {"holder", holder},
                     {"employee_no", event.employee_no},
                     {"source", event.source},
                     {"result", event.granted ? "granted" : "denied"},
                     {"reason", event.reason}});
  }
  return Response::json(200, http::page_json(items, filter.limit, events.empty() ? 0 : events.back().id));
}

}  // namespace

void add_device_routes(http::Router& router) {
  const std::string devices = "/api/v1/access/devices";
  auto on_device = [](const char* permission) { return Access::permission(permission, device_scope()); };
  auto on_compound = Access::permission(kRead, compound_scope());
  router.add(Method::Get, devices, on_compound, list_devices_route);
  router.add(Method::Get, "/api/v1/access/events", on_compound, list_events_route);
  router.add(Method::Post, devices, Access::permission(kManage, body_gate_scope(kRead)), create_device_route);
  router.add(Method::Patch, devices + "/{id}", on_device(kManage), update_device_route);
  router.add(Method::Delete, devices + "/{id}", on_device(kManage), delete_device_route);
  router.add(Method::Post, devices + "/{id}/sync", on_device(kManage), sync_route);
}

}  // namespace weizhi::access
