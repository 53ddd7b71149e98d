// HTTP routes of Open311 GeoReport v2 under /open311/v2/: the street's service list and
// definitions (public), filing a request (a case on channel open311) and reading requests, both
// with an api_key — a foundation API token sent as a field, so these routes are open to anyone
// at the router and each handler signs the key's account in and checks its permission itself.
// Every error is the spec's [{"code","description"}] with the HTTP status.
#include <charconv>
#include <map>

#include "auth/permissions.hpp"
#include "auth/sessions.hpp"
#include "core/error.hpp"
#include "http/context.hpp"
#include "modules/cases/cases.hpp"
#include "modules/open311/module.hpp"
#include "modules/open311/rules.hpp"
#include "modules/open311/store.hpp"
#include "modules/org/org.hpp"

namespace weizhi::open311 {

namespace {

using http::Access;
using http::Context;
using http::Method;
using http::Response;

constexpr std::size_t kMaxRequests = 1000;

// The spec's error form. A missing or bad key is 403 in the spec (we would say 401), and what we
// call a conflict or an unprocessable value is a bad request there.
http::Handler spec_errors(http::Handler handler) {
  return [handler = std::move(handler)](Context& context) -> Response {
    try {
      return handler(context);
    } catch (const ApiError& error) {
      int status = error.status();
      if (status == 401) status = 403;
      if (status == 409 || status == 422) status = 400;
      return Response::json(status, Json::array({{{"code", status}, {"description", error.message()}}}));
    }
  };
}

std::optional<std::string> field(const Fields& fields, const std::string& key) {
  auto it = fields.find(key);
  if (it == fields.end() || it->second.empty()) return std::nullopt;
  return it->second;
}

// Signs in the account of the api_key for this request; 403 when it is missing, unknown or revoked.
void sign_in_with_key(Context& context, const std::optional<std::string>& key) {
  if (!key || key->empty()) throw ApiError(403, "forbidden", "缺少 api_key（用 weizhi token add 生成）", "api_key");
  std::optional<auth::Principal> principal;
  {
    auto lease = context.read();
    principal = auth::principal_of_token(*lease, *key, context.services.clock.now());
  }
  if (!principal) throw ApiError(403, "forbidden", "api_key 无效或已停用", "api_key");
  context.set_principal(std::move(principal));
}

// The street a call is about: jurisdiction_id (a street's id or code), else the street of the
// key's first role, else the only street of the database.
std::int64_t street_of_call(Context& context, const std::optional<std::string>& jurisdiction) {
  auto lease = context.read();
  if (jurisdiction) {
    auto street = find_street(*lease, *jurisdiction);
    if (!street) fail_invalid("jurisdiction_id", "找不到 jurisdiction_id 所指的街道");
    return *street;
  }
  if (const auto* principal = context.principal(); principal && !principal->roles.empty()) {
    return org::street_of(principal->roles.front().scope_path);
  }
  auto street = only_street(*lease);
  if (!street) fail_invalid("jurisdiction_id", "请用 jurisdiction_id 指定街道（编号或代码）");
  return *street;
}

// --- Services ---

Json service_json(const cases::Item& item) {
  std::string agency = code_of(kAgencyLabels, item.party);
  return {{"service_code", item.code},
          {"service_name", item.name},
          {"description", item.category + "类事项，由" + agency + "先行负责；" + std::to_string(item.response_hours) +
                              " 小时内响应，" + std::to_string(item.resolution_days) + " 天内办结"},
          // Every service has the compound attribute.
          {"metadata", true},
          {"type", "realtime"},
          {"keywords", item.category + "," + agency},
          {"group", item.category}};
}

Response services_route(Context& context) {
  if (auto key = context.query("api_key")) sign_in_with_key(context, key);
  std::int64_t street = street_of_call(context, context.query("jurisdiction_id"));
  auto lease = context.read();
  Json list = Json::array();
  for (const auto& item : cases::items_of_street(*lease, street)) {
    if (item.active) list.push_back(service_json(item));
  }
  return Response::json(200, list);
}

Response service_definition_route(Context& context) {
  std::string code = json_document(context.request.path_params.at("document"));
  if (auto key = context.query("api_key")) sign_in_with_key(context, key);
  std::int64_t street = street_of_call(context, context.query("jurisdiction_id"));
  auto lease = context.read();
  auto item = cases::find_item_by_code(*lease, street, code);
  if (!item || !item->active) fail_not_found("没有服务代码为 " + code + " 的事项");
  Json values = Json::array();
  for (const auto& compound : compounds_of_street(*lease, street)) {
    values.push_back({{"key", std::to_string(compound.id)}, {"name", compound.name}});
  }
  Json compound{{"variable", true},
                {"code", "compound"},
                {"datatype", "singlevaluelist"},
                {"required", false},
                {"datatype_description", "所在小区的编号；不填时由 api_key 的小区范围或 address_string 中的小区名确定"},
                {"order", 1},
                {"description", "问题所在小区"},
                {"values", values}};
  return Response::json(200, {{"service_code", item->code}, {"attributes", Json::array({compound})}});
}

// --- Filing a request ---

// attribute[compound], else the one compound the key's roles are scoped to, else the one
// compound named in address_string; 400 naming the field otherwise, or when the address names
// another compound than the one chosen.
std::int64_t compound_of_request(Context& context, const Fields& fields, const Location& location,
                                 std::int64_t street) {
  std::vector<NamedNode> compounds;
  {
    auto lease = context.read();
    compounds = compounds_of_street(*lease, street);
  }
  auto in_street = [&](std::int64_t id) {
    for (const auto& compound : compounds) {
      if (compound.id == id) return true;
    }
    return false;
  };
  const std::string attribute = "attribute[compound]";
  if (auto text = field(fields, attribute)) {
    std::int64_t id = context.parse_id(*text, attribute);
    if (!in_street(id)) fail_invalid(attribute, "本街道没有编号为 " + *text + " 的小区");
    check_address_compound(location.address_string, id, compounds);
    return id;
  }
  std::optional<std::int64_t> scoped;
  bool several = false;
  for (const auto& grant : context.user().roles) {
    if (grant.scope_kind != "compound" || !in_street(grant.scope_node_id)) continue;
    several = several || (scoped && *scoped != grant.scope_node_id);
    scoped = grant.scope_node_id;
  }
  if (scoped && !several) {
    check_address_compound(location.address_string, *scoped, compounds);
    return *scoped;
  }
  if (auto named = compound_named_in(location.address_string, compounds)) return *named;
  fail_invalid("address_string", "无法确定小区：请在 address_string 中写明一个小区的名称，或提供 attribute[compound]");
}

// Optional text of at most `limit` bytes; 400 naming the field beyond it.
std::string bounded(const Fields& fields, const std::string& key, std::size_t limit) {
  std::string value = field(fields, key).value_or("");
  if (value.size() > limit) fail_invalid(key, "字段 " + key + " 不超过 " + std::to_string(limit) + " 字节");
  return value;
}

// A request's fields: a JSON object when the content type says JSON, else
// application/x-www-form-urlencoded. 400 when malformed.
Fields request_fields(const http::Request& request) {
  if (request.header("content-type").value_or("").find("json") != std::string_view::npos) {
    return json_fields(request.body);
  }
  auto form = http::parse_query(request.body);
  if (!form) fail_invalid("body", "请求体不是有效的 application/x-www-form-urlencoded 表单");
  return *form;
}

Response post_request_route(Context& context) {
  std::string document = json_document(context.request.path_params.at("document"));
  if (document != "requests") fail_not_found("找不到该地址：" + context.request.path);
  Fields fields = request_fields(context.request);
  sign_in_with_key(context, field(fields, "api_key") ? field(fields, "api_key") : context.query("api_key"));
  auto code = field(fields, "service_code");
  if (!code) fail_invalid("service_code", "缺少 service_code");
  Location location = parse_location(fields);
  Extra extra{location, bounded(fields, "media_url", 500), bounded(fields, "device_id", 100),
              bounded(fields, "account_id", 100), context.user().user_id};
  if (!extra.media_url.empty() && extra.media_url.rfind("http://", 0) != 0 &&
      extra.media_url.rfind("https://", 0) != 0) {
    fail_invalid("media_url", "media_url 应为 http:// 或 https:// 开头的地址");
  }
  std::int64_t street = street_of_call(context, field(fields, "jurisdiction_id"));
  std::optional<cases::Item> item;
  {
    auto lease = context.read();
    item = cases::find_item_by_code(*lease, street, *code);
  }
  if (!item || !item->active) fail_invalid("service_code", "未知的 service_code：" + *code);
  cases::NewCase input;
  input.item_id = item->id;
  input.compound_node_id = compound_of_request(context, fields, location, street);
  context.require("cases.create", input.compound_node_id);
  input.address = location.address_string;
  input.description = field(fields, "description").value_or("");
  input.channel = cases::Channel::Open311;
  input.reporter_user_id = context.user().user_id;
  input.reported_at = context.services.clock.now();
  std::int64_t id = context.write([&](store::Tx& tx) {
    std::int64_t created = cases::create_case(tx, input, *item);
    insert_extra(tx, created, extra);
    context.audit(tx, "open311.request.create", "case:" + std::to_string(created),
                  {{"service_code", *code}, {"compound_id", input.compound_node_id}, {"device_id", extra.device_id}});
    return created;
  });
  std::string notice = "已登记为案件 " + std::to_string(id) + "，将在 " + std::to_string(item->response_hours) +
                       " 小时内受理、" + std::to_string(item->resolution_days) + " 天内办结";
  return Response::json(
      201,
      Json::array({{{"service_request_id", std::to_string(id)}, {"service_notice", notice}, {"account_id", nullptr}}}));
}

// --- Reading requests ---

// The subtrees where the key's account may read cases; 403 when there are none.
std::vector<std::string> readable_paths(Context& context) {
  std::vector<std::string> paths;
  const auth::Principal& principal = context.user();
  auto lease = context.read();
  for (const auto& grant : principal.roles) {
    auth::Principal one = principal;
    one.roles = {grant};
    if (auth::can(*lease, one, "cases.read", std::nullopt)) paths.push_back(grant.scope_path);
  }
  if (paths.empty()) fail_forbidden("该 api_key 的账号没有查看案件的权限（cases.read）");
  return paths;
}

std::string address_of(const cases::Case& record) {
  const std::string& address = record.input.address;
  if (address.find(record.compound_name) != std::string::npos) return address;
  return address.empty() ? record.compound_name : record.compound_name + " " + address;
}

Json request_json(const cases::Case& record, const Found& found, const std::string& agency) {
  const Extra* extra = found.extra ? &*found.extra : nullptr;
  auto media = extra && !extra->media_url.empty() ? std::optional<std::string>(extra->media_url) : std::nullopt;
  return {{"service_request_id", std::to_string(record.id)},
          {"status", code_of(kStatuses, status_of(record.state))},
          {"status_notes", status_notes(record.state, record.close_reason, record.original_id)},
          {"service_name", record.item_name},
          {"service_code", record.item_code},
          {"description", record.input.description},
          {"agency_responsible", agency},
          {"service_notice", nullptr},
          {"requested_datetime", record.reported_at},
          {"updated_datetime", found.updated_at.empty() ? record.reported_at : found.updated_at},
          {"expected_datetime", record.resolve_due_at},
          {"address", address_of(record)},
          {"address_id", nullptr},
          {"zipcode", nullptr},
          {"lat", extra ? or_null(extra->location.lat) : Json(nullptr)},
          {"long", extra ? or_null(extra->location.lon) : Json(nullptr)},
          {"media_url", or_null(media)}};
}

Json requests_json(store::Connection& connection, const std::vector<Found>& found) {
  std::map<std::int64_t, std::string> agencies;  // by item id
  Json list = Json::array();
  for (const auto& one : found) {
    auto record = cases::find_case(connection, one.case_id);
    if (!record) continue;
    auto agency = agencies.find(record->input.item_id);
    if (agency == agencies.end()) {
      auto item = cases::find_item(connection, record->input.item_id);
      agency = agencies.emplace(record->input.item_id, item ? code_of(kAgencyLabels, item->party) : "").first;
    }
    list.push_back(request_json(*record, one, agency->second));
  }
  return list;
}

// service_request_id (a comma list) overrides the other filters, as the spec says; the window
// applies to the report time, the last 90 days by default.
Response list_requests_route(Context& context) {
  sign_in_with_key(context, context.query("api_key"));
  Search search;
  search.scope_paths = readable_paths(context);
  search.limit = kMaxRequests;
  if (auto ids = context.query("service_request_id")) {
    search.ids = parse_id_list(*ids, "service_request_id", kMaxRequests);
  } else {
    search.service_code = context.query("service_code");
    if (auto statuses = context.query("status")) {
      for (Status status : parse_statuses(*statuses)) {
        for (auto state : states_of(status)) search.states.push_back(state);
      }
    }
    search.window = search_window(context.query("start_date"), context.query("end_date"), context.services.clock.now());
  }
  auto lease = context.read();
  return Response::json(200, requests_json(*lease, open311::search(*lease, search)));
}

Response get_request_route(Context& context) {
  std::string id_text = json_document(context.request.path_params.at("document"));
  sign_in_with_key(context, context.query("api_key"));
  Search search;
  search.scope_paths = readable_paths(context);
  std::int64_t id = 0;
  auto [end, error] = std::from_chars(id_text.data(), id_text.data() + id_text.size(), id);
  if (error != std::errc() || end != id_text.data() + id_text.size() || id <= 0) {
    fail_not_found("找不到编号为 " + id_text + " 的请求");
  }
  search.ids = {id};
  auto lease = context.read();
  auto found = open311::search(*lease, search);
  if (found.empty()) {
    if (cases::find_case(*lease, search.ids.front())) fail_forbidden("该请求不在 api_key 账号可查看的范围内");
    fail_not_found("找不到编号为 " + id_text + " 的请求");
  }
  return Response::json(200, requests_json(*lease, found));
}

Response get_document_route(Context& context) {
  std::string document = json_document(context.request.path_params.at("document"));
  if (document == "services") return services_route(context);
  if (document == "requests") return list_requests_route(context);
  fail_not_found("找不到该地址：" + context.request.path);
}

}  // namespace

void add_routes(http::Router& router) {
  const std::string base = "/open311/v2/";
  // The service list is public; requests check their api_key in the handler (see the file header).
  router.add(Method::Get, base + "{document}", Access::anyone(), spec_errors(get_document_route));
  router.add(Method::Post, base + "{document}", Access::anyone(), spec_errors(post_request_route));
  router.add(Method::Get, base + "services/{document}", Access::anyone(), spec_errors(service_definition_route));
  router.add(Method::Get, base + "requests/{document}", Access::anyone(), spec_errors(get_request_route));
}

}  // namespace weizhi::open311
