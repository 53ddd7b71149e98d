// HTTP routes of notices and publicity: staff of a scope publish, edit (before the first day), withdraw and
// list notices, see who read and acknowledged them per building and export it; residents read the current
// notices of their homes and audience, which records the read, and acknowledge those that ask it. Every change
// is audited (reads are only stored: there are too many); what another scope holds answers 404.
#include <algorithm>

#include "core/error.hpp"
#include "core/json_code.hpp"
#include "core/lookup.hpp"
#include "core/tree_path.hpp"
#include "core/xlsx.hpp"
#include "http/body_id.hpp"
#include "http/context.hpp"
#include "http/paging.hpp"
#include "http/record_scope.hpp"
#include "modules/engagement/module.hpp"
#include "modules/engagement/notices_rules.hpp"
#include "modules/engagement/notices_store.hpp"
#include "modules/engagement/permissions.hpp"
#include "modules/engagement/route_support.hpp"
#include "modules/media/media.hpp"
#include "modules/org/org.hpp"
#include "modules/people/people.hpp"

namespace weizhi::engagement {

namespace {

Notice require_notice(store::Connection& connection, std::int64_t id) {
  return found_or_404(find_notice(connection, id), "找不到该通知");
}

http::ScopeResolver notice_scope() {
  return record_scope(
      [](store::Connection& connection, std::int64_t id) { return require_notice(connection, id).input.node_id; });
}

std::string today_of(Context& context) { return street_date(context.services.clock.now()); }

Json notice_json(const Notice& notice, const std::string& today) {
  return {{"id", notice.id},
          {"title", notice.input.title},
          {"body", notice.input.body},
          {"kind", code_of(kNoticeKinds, notice.input.kind)},
          {"audience", code_of(kNoticeAudiences, notice.input.audience)},
          {"node", {{"id", notice.input.node_id}, {"name", notice.node_name}}},
          {"starts_on", notice.input.starts_on},
          {"ends_on", notice.input.ends_on},
          {"needs_ack", notice.input.needs_ack},
          {"attachment_ids", notice.input.attachment_ids},
          {"state", code_of(kNoticeStates, notice_state(notice, today))},
          {"withdrawn_at", or_null(notice.withdrawn_at)},
          {"withdraw_reason", or_null(notice.withdraw_reason)},
          {"created_at", notice.created_at},
          {"updated_at", notice.updated_at}};
}

// The notice with how many of its audience read and acknowledged it: households (residents, owners) or staff.
Json notice_with_counts(store::Connection& connection, const Notice& notice, const std::string& today) {
  Json json = notice_json(notice, today);
  ReceiptCount whole;
  for (const auto& count : receipt_counts(connection, notice)) {
    whole.total += count.total;
    whole.read += count.read;
    whole.acked += count.acked;
  }
  ReceiptCount readers = reader_count(connection, notice.id);
  json["counts"] = {{"unit", notice.input.audience == NoticeAudience::Staff ? "staff" : "households"},
                    {"total", whole.total},
                    {"read", whole.read},
                    {"acked", whole.acked},
                    {"readers", readers.read},
                    {"ackers", readers.acked}};
  return json;
}

// --- Bodies ---

// The notice's fields present in the body over `input`.
void read_notice(JsonObject& body, NoticeInput& input) {
  if (auto title = body.optional_text("title")) input.title = *title;
  if (auto text = body.optional_text("body")) input.body = *text;
  if (auto kind = optional_code_field(body, "kind", parser_of(kNoticeKinds), "类型（kind）应为 notice 或 publicity"))
    input.kind = *kind;
  if (auto audience = optional_code_field(body, "audience", parser_of(kNoticeAudiences),
                                          "对象（audience）应为 residents、owners 或 staff"))
    input.audience = *audience;
  if (auto starts_on = body.optional_text("starts_on")) input.starts_on = *starts_on;
  if (auto ends_on = body.optional_text("ends_on")) input.ends_on = *ends_on;
  if (auto needs_ack = body.optional_boolean("needs_ack")) input.needs_ack = *needs_ack;
  if (body.has("attachment_ids")) input.attachment_ids = media::photo_ids_field(body, "attachment_ids");
}

// 422 naming node_id unless a street, community, compound or building: who the notice is put up for.
void check_notice_node(const org::Node& node) {
  if (node.kind == org::NodeKind::Unit || node.kind == org::NodeKind::Part)
    fail_unprocessable("通知应面向街道、社区、小区或楼幢", "node_id");
}

// --- Staff ---

Response create_notice_route(Context& context) {
  JsonObject body(context.json_body());
  NoticeInput input;
  input.node_id = http::body_id(context, body, "node_id");
  input.title = body.text("title");
  input.body = body.text("body");
  input.starts_on = body.text("starts_on");
  input.ends_on = body.text("ends_on");
  if (!body.has("kind")) fail_invalid("kind", "缺少字段 kind（notice 或 publicity）");
  if (!body.has("audience")) fail_invalid("audience", "缺少字段 audience（residents、owners 或 staff）");
  read_notice(body, input);
  body.finish();
  check_notice(input);
  std::string today = today_of(context);
  check_starts_from(input.starts_on, today);
  Json created = context.write([&](store::Tx& tx) {
    auto node = org::find_node(tx, input.node_id);
    if (!node) throw ApiError(404, "not_found", "找不到该组织节点", "node_id");
    check_notice_node(*node);
    media::require_stored_photos(tx.connection(), input.attachment_ids, "attachment_ids");
    std::int64_t id = insert_notice(tx, input, context.user().user_id);
    context.audit(tx, "engagement.notice.create", "notice:" + std::to_string(id),
                  {{"node_id", input.node_id},
                   {"title", input.title},
                   {"kind", code_of(kNoticeKinds, input.kind)},
                   {"audience", code_of(kNoticeAudiences, input.audience)},
                   {"starts_on", input.starts_on},
                   {"ends_on", input.ends_on},
                   {"needs_ack", input.needs_ack}});
    return notice_with_counts(tx.connection(), require_notice(tx.connection(), id), today);
  });
  return Response::json(201, created);
}

Response update_notice_route(Context& context) {
  std::int64_t id = context.path_id("id");
  JsonObject body(context.json_body());
  if (body.has("node_id")) fail_invalid("node_id", "不能更改通知的范围（node_id）");
  Json fields = Json::array();
  for (const auto& [key, value] : context.json_body().items()) fields.push_back(key);
  std::string today = today_of(context);
  Json updated = context.write([&](store::Tx& tx) {
    Notice notice = require_notice(tx.connection(), id);
    check_editable(notice_state(notice, today));
    NoticeInput input = notice.input;
    read_notice(body, input);
    body.finish();
    check_notice(input);
    check_starts_from(input.starts_on, today);
    media::require_stored_photos(tx.connection(), input.attachment_ids, "attachment_ids");
    update_notice(tx, id, input);
    context.audit(tx, "engagement.notice.update", "notice:" + std::to_string(id), {{"fields", fields}});
    return notice_with_counts(tx.connection(), require_notice(tx.connection(), id), today);
  });
  return Response::json(200, updated);
}

Response withdraw_notice_route(Context& context) {
  std::int64_t id = context.path_id("id");
  JsonObject body(context.json_body());
  std::string reason = body.text("reason");
  body.finish();
  std::string today = today_of(context);
  Json withdrawn = context.write([&](store::Tx& tx) {
    Notice notice = require_notice(tx.connection(), id);
    check_withdrawable(notice_state(notice, today), reason);
    withdraw_notice(tx, id, reason);
    context.audit(tx, "engagement.notice.withdraw", "notice:" + std::to_string(id),
                  {{"title", notice.input.title}, {"reason", reason}});
    return notice_with_counts(tx.connection(), require_notice(tx.connection(), id), today);
  });
  return Response::json(200, withdrawn);
}

Response list_notices_route(Context& context) {
  std::optional<NoticeState> wanted;
  if (auto state = context.query("state")) {
    wanted = parse_code(kNoticeStates, *state);
    if (!wanted) fail_invalid("state", "参数 state 应为 current、upcoming、ended 或 withdrawn");
  }
  auto format = context.query("format");
  if (format && *format != "json" && *format != "xlsx") fail_invalid("format", "格式（format）应为 json 或 xlsx");
  std::int64_t limit = http::page_limit(context, 100, 500);
  std::string today = today_of(context);
  auto [lease, node] = org::read_queried_subtree(context);
  std::vector<Json> items;
  for (const auto& notice : notices_under(*lease, node.path, 500)) {
    if (wanted && notice_state(notice, today) != *wanted) continue;
    if (static_cast<std::int64_t>(items.size()) >= limit) break;
    items.push_back(notice_with_counts(*lease, notice, today));
  }
  if (format == "xlsx") {
    xlsx::Sheet sheet{"通知公示",
                      {{"标题", 30},
                       {"类型", 8},
                       {"范围", 16},
                       {"对象", 8},
                       {"开始", 12},
                       {"结束", 12},
                       {"状态", 8},
                       {"需确认", 8},
                       {"应读", 8},
                       {"已阅", 8},
                       {"已确认", 8}},
                      {}};
    for (const auto& item : items) {
      const Json& counts = item["counts"];
      sheet.rows.push_back({item["title"].get<std::string>(), item["kind"].get<std::string>(),
                            item["node"]["name"].get<std::string>(), item["audience"].get<std::string>(),
                            item["starts_on"].get<std::string>(), item["ends_on"].get<std::string>(),
                            item["state"].get<std::string>(), std::string(item["needs_ack"].get<bool>() ? "是" : "否"),
                            counts["total"].get<std::int64_t>(), counts["read"].get<std::int64_t>(),
                            counts["acked"].get<std::int64_t>()});
    }
    Response response;
    response.content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    response.body = xlsx::workbook({sheet});
    response.header("Content-Disposition", "attachment; filename=\"notices-" + std::to_string(node.id) + ".xlsx\"");
    return response;
  }
  Json list = Json::array();
  for (auto& item : items) list.push_back(std::move(item));
  return Response::json(200, {{"items", list}, {"today", today}});
}

Response get_notice_route(Context& context) {
  auto lease = context.read();
  Notice notice = require_notice(*lease, context.path_id("id"));
  return Response::json(200, notice_with_counts(*lease, notice, today_of(context)));
}

// Per building, the households the notice is for with those who read and acknowledged it; with ?building= the
// households of that building by address, each with who read and who acknowledged (masked names) — the not-yet
// list is those with neither. ?format=xlsx gives the households of the building, or of the whole scope.
Response receipts_route(Context& context) {
  auto format = context.query("format");
  if (format && *format != "json" && *format != "xlsx") fail_invalid("format", "格式（format）应为 json 或 xlsx");
  auto building_text = context.query("building");
  std::optional<std::int64_t> building_id;
  if (building_text) building_id = context.parse_id(*building_text, "building");
  auto lease = context.read();
  Notice notice = require_notice(*lease, context.path_id("id"));
  if (notice.input.audience == NoticeAudience::Staff && building_id)
    fail_invalid("building", "面向工作人员的通知不分楼幢");
  std::string path = notice.node_path;
  if (building_id) {
    auto building = org::find_node(*lease, *building_id);
    if (!building || building->kind != org::NodeKind::Building ||
        !(path_within(building->path, notice.node_path) || path_within(notice.node_path, building->path)))
      throw ApiError(404, "not_found", "找不到该楼幢", "building");
    path = path_within(building->path, notice.node_path) ? building->path : notice.node_path;
  }
  std::vector<HouseholdReceipt> households;
  if (notice.input.audience != NoticeAudience::Staff && (building_id || format == "xlsx"))
    households = household_receipts(*lease, notice, path);
  if (format == "xlsx") {
    xlsx::Sheet sheet{"回执", {{"住户地址", 30}, {"状态", 10}, {"已阅", 20}, {"已确认", 20}}, {}};
    for (const auto& household : households) {
      std::string state = !household.ackers.empty() ? "已确认" : !household.readers.empty() ? "已阅" : "未读";
      auto joined = [](const std::vector<std::string>& names) {
        std::string text;
        for (const auto& name : names) text += (text.empty() ? "" : "、") + name;
        return text;
      };
      sheet.rows.push_back({household.address, state, joined(household.readers), joined(household.ackers)});
    }
    Response response;
    response.content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    response.body = xlsx::workbook({sheet});
    response.header("Content-Disposition",
                    "attachment; filename=\"notice-" + std::to_string(notice.id) + "-receipts.xlsx\"");
    return response;
  }
  Json buildings = Json::array();
  for (const auto& count : receipt_counts(*lease, notice)) {
    if (notice.input.audience == NoticeAudience::Staff) continue;
    buildings.push_back({{"building", {{"id", count.building_id}, {"name", count.building_name}}},
                         {"households", count.total},
                         {"read", count.read},
                         {"acked", count.acked},
                         {"not_yet", count.total - count.read}});
  }
  Json list = Json::array();
  for (const auto& household : households) {
    list.push_back({{"id", household.household_id},
                    {"address", household.address},
                    {"state", !household.ackers.empty()    ? "acked"
                              : !household.readers.empty() ? "read"
                                                           : "not_yet"},
                    {"readers", household.readers},
                    {"ackers", household.ackers}});
  }
  return Response::json(200, {{"notice", notice_with_counts(*lease, notice, today_of(context))},
                              {"buildings", buildings},
                              {"households", list}});
}

// --- Residents (and staff, for notices to staff) ---

// Who reads: the homes of the account's person, and the scopes of the staff roles the account holds.
Reader reader_of(Context& context, store::Connection& connection) {
  Reader reader;
  reader.today = today_of(context);
  reader.person = people::person_of_user(connection, context.user().user_id);
  if (reader.person) {
    for (const auto& link : people::links_of_person(connection, *reader.person)) {
      if (auto path = people::node_path(connection, link.part.id))
        reader.homes.push_back({*path, link.relation == people::Relation::Owner});
    }
  }
  for (const auto& grant : context.user().roles) {
    if (std::find(modules::kStaff.begin(), modules::kStaff.end(), grant.role) != modules::kStaff.end())
      reader.staff_scopes.push_back(grant.scope_path);
  }
  return reader;
}

// The current notice `id` when it is for the caller; 404 otherwise, like one that does not exist.
Notice require_readable(store::Connection& connection, std::int64_t id, const Reader& reader) {
  auto notice = find_notice(connection, id);
  if (!notice || notice_state(*notice, reader.today) != NoticeState::Current || !reader.fits(*notice))
    fail_not_found("找不到该通知");
  return *notice;
}

Json my_notice_json(const Notice& notice, const std::string& today, const std::optional<Receipt>& receipt) {
  Json json = notice_json(notice, today);
  json["read_at"] = receipt ? Json(receipt->read_at) : Json(nullptr);
  json["acked_at"] = receipt ? or_null(receipt->acked_at) : Json(nullptr);
  return json;
}

ReceiptHolder holder_of(Context& context, const Reader& reader) { return {reader.person, context.user().user_id}; }

std::optional<Receipt> receipt_for(store::Connection& connection, const ReceiptHolder& holder, std::int64_t notice_id) {
  for (auto& receipt : receipts_of(connection, holder)) {
    if (receipt.notice_id == notice_id) return receipt;
  }
  return std::nullopt;
}

Response my_notices_route(Context& context) {
  auto lease = context.read();
  Reader reader = reader_of(context, *lease);
  auto receipts = receipts_of(*lease, holder_of(context, reader));
  Json items = Json::array();
  std::int64_t unread = 0;
  for (const auto& notice : current_notices(*lease, reader.today)) {
    if (!reader.fits(notice)) continue;
    auto receipt =
        std::find_if(receipts.begin(), receipts.end(), [&](const Receipt& own) { return own.notice_id == notice.id; });
    auto own = receipt == receipts.end() ? std::nullopt : std::optional<Receipt>(*receipt);
    if (!own) ++unread;
    Json json = my_notice_json(notice, reader.today, own);
    json.erase("body");
    items.push_back(std::move(json));
  }
  return Response::json(200, {{"items", items}, {"unread", unread}});
}

Response my_notice_route(Context& context) {
  std::int64_t id = context.path_id("id");
  Reader reader = [&] {
    auto lease = context.read();
    return reader_of(context, *lease);
  }();
  Json json = context.write([&](store::Tx& tx) {
    Notice notice = require_readable(tx.connection(), id, reader);
    record_read(tx, id, holder_of(context, reader));
    return my_notice_json(notice, reader.today, receipt_for(tx.connection(), holder_of(context, reader), id));
  });
  return Response::json(200, json);
}

Response ack_route(Context& context) {
  std::int64_t id = context.path_id("id");
  JsonObject body(context.json_body());
  body.finish();
  Reader reader = [&] {
    auto lease = context.read();
    return reader_of(context, *lease);
  }();
  Json json = context.write([&](store::Tx& tx) {
    Notice notice = require_readable(tx.connection(), id, reader);
    check_ackable(notice.input.needs_ack, notice_state(notice, reader.today));
    record_ack(tx, id, holder_of(context, reader));
    return my_notice_json(notice, reader.today, receipt_for(tx.connection(), holder_of(context, reader), id));
  });
  return Response::json(200, json);
}

// An attachment of the notice, to staff who may read it and to those it is for while it is up.
Response attachment_route(Context& context) {
  std::int64_t id = context.path_id("id");
  auto lease = context.read();
  auto notice = find_notice(*lease, id);
  if (!notice) fail_not_found("找不到该通知");
  if (!context.can(kRead, notice->input.node_id)) require_readable(*lease, id, reader_of(context, *lease));
  return media::cited_photo_reply(context, *lease, notice->input.attachment_ids, "该通知没有这个附件");
}

}  // namespace

void add_notice_routes(http::Router& router) {
  const std::string notices = "/api/v1/notices";
  auto on_notice = [](const char* permission) { return Access::permission(permission, notice_scope()); };
  add_collection_routes(router, notices, list_notices_route, create_notice_route);
  router.add(Method::Get, notices + "/{id}", on_notice(kRead), get_notice_route);
  router.add(Method::Patch, notices + "/{id}", on_notice(kManage), update_notice_route);
  router.add(Method::Post, notices + "/{id}/withdraw", on_notice(kManage), withdraw_notice_route);
  router.add(Method::Get, notices + "/{id}/receipts", on_notice(kRead), receipts_route);
  router.add(Method::Get, notices + "/{id}/attachments/{photo}", Access::signed_in(), attachment_route);
  router.add(Method::Get, "/api/v1/me/notices", Access::signed_in(), my_notices_route);
  router.add(Method::Get, "/api/v1/me/notices/{id}", Access::signed_in(), my_notice_route);
  router.add(Method::Post, "/api/v1/me/notices/{id}/ack", Access::signed_in(), ack_route);
}

}  // namespace weizhi::engagement
