// HTTP routes of the cases module: the street's catalogue of service items and the plain categories
// residents report under, reporting a case (residents for their own compound, staff in their scope),
// triage to an item, its steps through the transition table, notes, bulk assignment, the resident's
// rating, the follow-up visit, listings (people by name) and statistics.
#include <algorithm>
#include <map>
#include <set>
#include <utility>

#include "audit/audit.hpp"
#include "core/error.hpp"
#include "core/json_array.hpp"
#include "http/audited_step.hpp"
#include "http/body_id.hpp"
#include "http/context.hpp"
#include "http/record_scope.hpp"
#include "http/paging.hpp"
#include "http/query_code.hpp"
#include "auth/permissions.hpp"
#include "auth/sessions.hpp"
#include "modules/cases/module.hpp"
#include "modules/cases/notices.hpp"
#include "modules/cases/rules.hpp"
#include "modules/cases/store.hpp"
#include "modules/media/media.hpp"
#include "modules/org/org.hpp"
#include "modules/people/people.hpp"
#include "store/timeline.hpp"

namespace weizhi::cases {

namespace {

using http::Access;
using http::Context;
using http::Method;
using http::Response;

// --- Lookups and scopes ---

Case require_case(store::Connection& connection, std::int64_t id) {
  return found_or_404(find_case(connection, id), "找不到该案件");
}

Item require_item(store::Connection& connection, std::int64_t id) {
  return found_or_404(find_item(connection, id), "找不到该服务事项");
}

http::ScopeResolver case_scope() {
  return http::scope::record_node(require_case, [](const Case& record) { return record.input.compound_node_id; });
}

http::ScopeResolver item_scope() { return http::scope::record_node(require_item, &Item::street_node_id); }

bool is_reporter(Context& context, const Case& record) {
  return record.input.reporter_user_id && *record.input.reporter_user_id == context.user().user_id;
}

// Staff who may read cases of the compound, or the resident who reported it: anyone else 403.
Case readable_case(Context& context, store::Connection& connection) {
  Case record = require_case(connection, context.path_id("id"));
  if (!is_reporter(context, record) && !context.can("cases.read", record.input.compound_node_id)) {
    fail_forbidden("只能查看本人上报或职责范围内的案件");
  }
  return record;
}

// --- JSON ---

Json item_json(const Item& item) {
  return {{"id", item.id},
          {"street_id", item.street_node_id},
          {"code", item.code},
          {"name", item.name},
          {"category", item.category},
          {"party", code_of(kParties, item.party)},
          {"steps", {{"pre", item.pre}, {"in_process", item.in_process}, {"follow_up", item.follow_up}}},
          {"response_hours", item.response_hours},
          {"resolution_days", item.resolution_days},
          {"revisit_required", item.revisit_required},
          {"active", item.active},
          {"pre_schedule", item.pre_schedule}};
}

using Actors = std::map<std::int64_t, store::Actor>;

// The name and role of `user_id` as every timeline shows them: nulls for nobody (or the system).
void put_actor(Json& json, const std::string& prefix, std::optional<std::int64_t> user_id, const Actors& actors) {
  auto found = user_id ? actors.find(*user_id) : actors.end();
  json[prefix + "_name"] = found == actors.end() ? Json(nullptr) : Json(found->second.name);
  json[prefix + "_role"] = found == actors.end() ? Json(nullptr) : Json(found->second.role);
}

Actors assignees_of(store::Connection& connection, const std::vector<Case>& list, TimePoint now) {
  std::set<std::int64_t> ids;
  for (const auto& record : list) {
    if (record.assignee_user_id) ids.insert(*record.assignee_user_id);
  }
  return store::actors(connection, ids, now);
}

Json case_json(const Case& record, TimePoint now, const Actors& actors) {
  auto response_due_at = parse_iso(record.response_due_at).value_or(now);
  auto resolve_due_at = parse_iso(record.resolve_due_at).value_or(now);
  Json json = {{"id", record.id},
               {"item", {{"code", record.item_code}, {"name", record.item_name}}},
               {"compound", {{"id", record.input.compound_node_id}, {"name", record.compound_name}}},
               {"part_id", or_null(record.input.part_node_id)},
               {"building_id", or_null(record.input.building_node_id)},
               {"address", record.input.address},
               {"description", record.input.description},
               {"photos", record.input.photos},
               {"channel", code_of(kChannels, record.input.channel)},
               {"state", code_of(kStates, record.state)},
               {"state_type", code_of(kStateTypes, state_type(record.state))},
               {"assignee_user_id", or_null(record.assignee_user_id)},
               {"original_id", or_null(record.original_id)},
               {"close_reason", or_null(record.close_reason)},
               {"reported_at", record.reported_at},
               {"response_due_at", record.response_due_at},
               {"resolve_due_at", record.resolve_due_at},
               {"resolve_due_on", due_day_ending(resolve_due_at)},
               {"accepted_at", or_null(record.accepted_at)},
               {"resolved_at", or_null(record.resolved_at)},
               {"closed_at", or_null(record.closed_at)},
               {"response_overdue", response_overdue(record.state, response_due_at, now)},
               {"resolution_overdue", resolution_overdue(record.state, resolve_due_at, now)},
               {"overdue", is_overdue(record.state, response_due_at, resolve_due_at, now)},
               {"reopened", record.reopened},
               {"awaiting_rating", awaiting_rating(record)},
               {"revisited_on", or_null(record.revisited_on)},
               {"escalation_level",
                code_of(governance::kEscalationLevels, static_cast<EscalationLevel>(record.escalation_level))}};
  json["resident_category"] = record.resident_category_code ? Json{{"code", *record.resident_category_code},
                                                                   {"name", record.resident_category_name.value_or("")}}
                                                            : Json(nullptr);
  put_actor(json, "assignee", record.assignee_user_id, actors);
  return json;
}

// The case with its timeline and ratings, as GET /api/v1/cases/{id} and every write answer it.
Json case_detail_json(store::Connection& connection, const Case& record, TimePoint now) {
  auto timeline = events_of(connection, record.id);
  std::set<std::int64_t> people;
  if (record.assignee_user_id) people.insert(*record.assignee_user_id);
  for (const auto& event : timeline) {
    if (event.user_id) people.insert(*event.user_id);
  }
  Actors actors = store::actors(connection, people, now);
  Json json = case_json(record, now, actors);
  Json events = Json::array();
  for (const auto& event : timeline) {
    Json shown{{"id", event.id},
               {"kind", event.kind},
               {"from", or_null(event.from_state)},
               {"to", or_null(event.to_state)},
               {"note", event.note},
               {"user_id", or_null(event.user_id)},
               {"at", event.created_at}};
    put_actor(shown, "actor", event.user_id, actors);
    events.push_back(shown);
  }
  Json ratings = Json::array();
  for (const auto& rating : ratings_of(connection, record.id)) {
    ratings.push_back({{"score", rating.score},
                       {"comment", rating.comment},
                       {"reopened", rating.reopened},
                       {"at", rating.created_at}});
  }
  json["events"] = events;
  json["ratings"] = ratings;
  return json;
}

// --- Catalogue ---

// One catalogue record (an item, a residents' category) written with its audit record: `save`
// writes it and answers its id and JSON, which the audit record keeps and the reply carries.
template <class Save>
Response catalogue_write(Context& context, const std::string& action, const std::string& kind, int status,
                         Save&& save) {
  Json saved = context.write([&](store::Tx& tx) {
    auto [id, json] = save(tx);
    context.audit(tx, action, kind + ":" + std::to_string(id), json);
    return json;
  });
  return Response::json(status, saved);
}

// The street of `?street=`, else of `?node=` (the root street when neither is given).
std::int64_t queried_street(Context& context) {
  if (auto street = context.query("street")) {
    std::int64_t street_id = context.parse_id(*street, "street");
    auto lease = context.read();
    org::require_street(*lease, street_id);
    return street_id;
  }
  auto [lease, node] = org::read_queried_subtree(context);
  return org::street_of(node.path);
}

// The street's items in use, or every one with `?all=1`.
Response list_items_route(Context& context) {
  std::int64_t street_id = queried_street(context);
  auto lease = context.read();
  Json items = Json::array();
  bool all = context.query("all").value_or("") == "1";
  for (const auto& item : items_of_street(*lease, street_id)) {
    if (item.active || all) items.push_back(item_json(item));
  }
  return Response::json(200, {{"street_id", street_id}, {"items", items}});
}

// --- Residents' categories ---

Json category_json(const ResidentCategory& category, const Item& item) {
  return {{"id", category.id},
          {"street_id", category.street_node_id},
          {"code", category.code},
          {"name", category.name},
          {"item", {{"code", item.code}, {"name", item.name}}},
          {"position", category.position},
          {"active", category.active}};
}

ResidentCategory require_category(store::Connection& connection, std::int64_t id) {
  return found_or_404(find_category(connection, id), "找不到该问题类别");
}

http::ScopeResolver category_scope() {
  return http::scope::record_node(require_category, &ResidentCategory::street_node_id);
}

// The street's item of the code, 422 naming item_code when it has none.
Item street_item(store::Connection& connection, std::int64_t street_node_id, const std::string& code) {
  auto item = find_item_by_code(connection, street_node_id, code);
  if (!item) fail_unprocessable("本街道没有该服务事项", "item_code");
  return *item;
}

// The categories the H5 offers, in order, or every one with `?all=1`.
Response list_categories_route(Context& context) {
  std::int64_t street_id = queried_street(context);
  auto lease = context.read();
  bool all = context.query("all").value_or("") == "1";
  Json items = Json::array();
  for (const auto& category : categories_of_street(*lease, street_id)) {
    if (category.active || all) items.push_back(category_json(category, require_item(*lease, category.item_id)));
  }
  return Response::json(200, {{"street_id", street_id}, {"items", items}});
}

// Reads the category's editable fields present in the body over `category`; the item's code, when given.
std::optional<std::string> read_category_fields(JsonObject& body, ResidentCategory& category) {
  if (auto name = body.optional_text("name")) category.name = *name;
  if (auto position = body.optional_integer("position")) category.position = *position;
  if (auto active = body.optional_boolean("active")) category.active = *active;
  return body.optional_text("item_code");
}

Response create_category_route(Context& context) {
  JsonObject body(context.json_body());
  ResidentCategory category;
  category.street_node_id = http::body_id(context, body, "street_id");
  category.code = body.text("code");
  category.name = body.text("name");
  std::string item_code = body.text("item_code");
  read_category_fields(body, category);
  body.finish();
  return catalogue_write(context, "cases.category.create", "case_category", 201, [&](store::Tx& tx) {
    org::require_street(tx.connection(), category.street_node_id);
    Item item = street_item(tx.connection(), category.street_node_id, item_code);
    std::int64_t id = create_category(tx, category, item);
    return std::pair{id, category_json(require_category(tx.connection(), id), item)};
  });
}

Response update_category_route(Context& context) {
  std::int64_t id = context.path_id("id");
  JsonObject body(context.json_body());
  return catalogue_write(context, "cases.category.update", "case_category", 200, [&](store::Tx& tx) {
    ResidentCategory category = require_category(tx.connection(), id);
    auto item_code = read_category_fields(body, category);
    body.finish();
    Item item = item_code ? street_item(tx.connection(), category.street_node_id, *item_code)
                          : require_item(tx.connection(), category.item_id);
    update_category(tx, category, item);
    return std::pair{id, category_json(category, item)};
  });
}

Party party_field(const std::string& code) {
  auto party = parse_code(kParties, code);
  if (!party)
    fail_invalid("party",
                 "责任主体应为 property_company、committee、commissioner、community、street、utility 或 social_org");
  return *party;
}

// Reads the item's editable fields present in the body over `item`.
void read_item_fields(JsonObject& body, Item& item) {
  if (auto name = body.optional_text("name")) item.name = *name;
  if (auto category = body.optional_text("category")) item.category = *category;
  if (auto party = body.optional_text("party")) item.party = party_field(*party);
  if (auto pre = body.optional_boolean("pre")) item.pre = *pre;
  if (auto in_process = body.optional_boolean("in_process")) item.in_process = *in_process;
  if (auto follow_up = body.optional_boolean("follow_up")) item.follow_up = *follow_up;
  if (auto hours = body.optional_integer("response_hours")) item.response_hours = *hours;
  if (auto days = body.optional_integer("resolution_days")) item.resolution_days = *days;
  if (auto revisit = body.optional_boolean("revisit_required")) item.revisit_required = *revisit;
  if (auto active = body.optional_boolean("active")) item.active = *active;
  if (const Json* days = body.optional_any("pre_schedule")) {
    item.pre_schedule =
        text_array(*days, "pre_schedule", "计划日期应为 MM-DD 字符串数组", "计划日期应为 MM-DD，如 05-01");
  }
}

Response create_item_route(Context& context) {
  JsonObject body(context.json_body());
  Item item;
  item.street_node_id = http::body_id(context, body, "street_id");
  item.code = body.text("code");
  item.name = body.text("name");
  item.category = body.text("category");
  item.party = party_field(body.text("party"));
  read_item_fields(body, item);
  body.finish();
  return catalogue_write(context, "cases.item.create", "case_item", 201, [&](store::Tx& tx) {
    org::require_street(tx.connection(), item.street_node_id);
    std::int64_t id = create_item(tx, item);
    return std::pair{id, item_json(require_item(tx.connection(), id))};
  });
}

Response update_item_route(Context& context) {
  std::int64_t id = context.path_id("id");
  JsonObject body(context.json_body());
  return catalogue_write(context, "cases.item.update", "case_item", 200, [&](store::Tx& tx) {
    Item item = require_item(tx.connection(), id);
    read_item_fields(body, item);
    body.finish();
    update_item(tx, item);
    return std::pair{id, item_json(item)};
  });
}

// --- Cases ---

// Staff with cases.create at the compound report on any channel (hotline by default); anyone else
// reports through the resident H5, and only for a compound where they own, rent or live in a part.
Response create_case_route(Context& context) {
  JsonObject body(context.json_body());
  NewCase input;
  auto item_code = body.optional_text("item_code");
  auto category_code = body.optional_text("category_code");
  if (!item_code && !category_code) fail_invalid("item_code", "请选择服务事项或问题类别");
  if (item_code && category_code) fail_invalid("category_code", "服务事项和问题类别只选一项");
  input.compound_node_id = http::body_id(context, body, "compound_id");
  input.part_node_id = http::optional_body_id(context, body, "part_id");
  input.building_node_id = http::optional_body_id(context, body, "building_id");
  input.address = body.optional_text("address").value_or("");
  input.description = body.text("description");
  input.photos = media::photo_ids_field(body, "photos");
  auto channel_text = body.optional_text("channel");
  body.finish();
  std::optional<Channel> channel;
  if (channel_text) {
    channel = parse_code(kChannels, *channel_text);
    // Schedule tasks come only from the street's calendar.
    if (!channel || *channel == Channel::Schedule)
      fail_invalid("channel", "渠道应为 resident_h5、hotline、patrol 或 open311");
  }
  org::require_compound(*context.read(), input.compound_node_id);
  bool staff = context.can("cases.create", input.compound_node_id);
  if (staff) {
    input.channel = channel.value_or(Channel::Hotline);
  } else {
    if (channel && *channel != Channel::ResidentH5) fail_invalid("channel", "居民只能通过 resident_h5 渠道上报");
    input.channel = Channel::ResidentH5;
    auto lease = context.read();
    auto person = people::person_of_user(*lease, context.user().user_id);
    if (!person || !lives_in(*lease, *person, input.compound_node_id))
      fail_forbidden("只能为本人居住或拥有房屋的小区上报问题");
  }
  input.reporter_user_id = context.user().user_id;
  input.reported_at = context.services.clock.now();
  Json created = context.write([&](store::Tx& tx) {
    std::int64_t street_id = org::street_of_node(tx.connection(), input.compound_node_id);
    std::optional<Item> item;
    if (category_code) {
      // The resident's category stands for its default item until staff classify the case.
      auto category = find_category_by_code(tx.connection(), street_id, *category_code);
      if (!category || !category->active) fail_unprocessable("本街道没有该问题类别", "category_code");
      input.resident_category_id = category->id;
      item = require_item(tx.connection(), category->item_id);
    } else {
      item = street_item(tx.connection(), street_id, *item_code);
    }
    input.item_id = item->id;
    std::int64_t id = create_case(tx, input, *item);
    Json json = case_detail_json(tx.connection(), require_case(tx.connection(), id), tx.now());
    Json audit{
        {"item", item->code}, {"compound_id", input.compound_node_id}, {"channel", code_of(kChannels, input.channel)}};
    if (category_code) audit["category"] = *category_code;
    context.audit(tx, "cases.create", "case:" + std::to_string(id), audit);
    return json;
  });
  return Response::json(201, created);
}

Response get_case_route(Context& context) {
  auto lease = context.read();
  Case record = readable_case(context, *lease);
  return Response::json(200, case_detail_json(*lease, record, context.services.clock.now()));
}

Response case_photo_route(Context& context) {
  auto lease = context.read();
  return media::cited_photo_reply(context, *lease, readable_case(context, *lease).input.photos, "该案件没有这张照片");
}

Json page_of(store::Connection& connection, const std::vector<Case>& list, std::int64_t limit, TimePoint now) {
  Actors actors = assignees_of(connection, list, now);
  Json items = Json::array();
  for (const auto& record : list) items.push_back(case_json(record, now, actors));
  return http::page_json(items, limit, list.empty() ? 0 : list.back().id);
}

Response list_cases_route(Context& context) {
  CaseFilter filter;
  filter.state = http::query_code(context, "state", parser_of(kStates), "状态代码无效");
  filter.item_code = context.query("item");
  auto flag = [&](const char* key) {
    auto value = context.query(key);
    if (value && *value != "0" && *value != "1") fail_invalid(key, std::string(key) + " 应为 0 或 1");
    return value && *value == "1";
  };
  filter.overdue_only = flag("overdue");
  filter.escalated_only = flag("escalated");
  filter.unassigned_only = flag("unassigned");
  if (auto assignee = context.query("assignee")) {
    filter.assignee_user_id = *assignee == "me" ? context.user().user_id : context.parse_id(*assignee, "assignee");
  }
  filter.limit = http::page_limit(context, 100, 500);
  filter.before_id = http::page_cursor(context);
  auto [lease, node] = org::read_queried_subtree(context);
  TimePoint now = context.services.clock.now();
  return Response::json(200, page_of(*lease, list_cases(*lease, node.path, filter, now), filter.limit, now));
}

Response my_cases_route(Context& context) {
  CaseFilter filter;
  filter.reporter_user_id = context.user().user_id;
  filter.limit = http::page_limit(context, 50, 200);
  filter.before_id = http::page_cursor(context);
  auto lease = context.read();
  TimePoint now = context.services.clock.now();
  return Response::json(200, page_of(*lease, list_cases(*lease, "", filter, now), filter.limit, now));
}

// Runs `work` on the case in one transaction with its audit record; 409 when the case changed
// since `seen` was read (its permission was decided on that state). Answers with the case.
template <class Work>
Response case_write(Context& context, const Case& seen, const std::string& action, const Json& summary, int status,
                    Work&& work) {
  http::StepTarget<Case> target{seen.id, "case", require_case, [](store::Tx& tx, const Case& record) {
                                  return case_detail_json(tx.connection(), record, tx.now());
                                }};
  return http::audited_step(context, target, action, status, [&](store::Tx& tx, const Case& record) {
    if (record.state != seen.state) fail_conflict("案件已被他人修改，请刷新后重试", "state");
    work(tx, record);
    Json audit = summary;
    audit["from"] = code_of(kStates, record.state);
    return audit;
  });
}

// 422 naming assignee_user_id unless the user may work cases of the compound now: a case given to
// someone who cannot resolve it would sit until it escalates.
void require_assignable(store::Connection& connection, std::int64_t assignee_user_id, std::int64_t compound_node_id,
                        TimePoint now) {
  auth::Principal assignee;
  assignee.user_id = assignee_user_id;
  assignee.roles = auth::load_roles(connection, assignee_user_id, now);
  if (!auth::can(connection, assignee, "cases.resolve", compound_node_id)) {
    fail_unprocessable("承办人 " + std::to_string(assignee_user_id) + " 无权办理该小区的案件", "assignee_user_id");
  }
}

Case read_case(Context& context) {
  auto lease = context.read();
  return require_case(*lease, context.path_id("id"));
}

Response transition_route(Context& context) {
  JsonObject body(context.json_body());
  std::string to_text = body.text("to");
  auto to = parse_code(kStates, to_text);
  if (!to) fail_invalid("to", "目标状态代码无效");
  TransitionInput input{*to,
                        body.optional_text("note").value_or(""),
                        http::optional_body_id(context, body, "assignee_user_id"),
                        http::optional_body_id(context, body, "original_id"),
                        body.optional_text("reason").value_or(""),
                        context.user().user_id};
  body.finish();
  Case record = read_case(context);
  // The right to ask for the step comes before the state, so that a refusal does not tell it.
  auto into = permissions_into(input.to);
  if (std::none_of(into.begin(), into.end(), [&](const std::string& permission) {
        return context.can(permission, record.input.compound_node_id);
      })) {
    fail_forbidden("无权将案件转为 " + to_text);
  }
  if (input.to == State::Verified) {
    const auto& user = context.user();
    check_verifier(user.has_role("property_manager") || user.has_role("property_staff"),
                   record.assignee_user_id && *record.assignee_user_id == user.user_id);
  }
  check_not_duplicate(record.state, record.original_id);
  context.require(check_transition(record.state, input.to), record.input.compound_node_id);
  if (input.assignee_user_id && (input.to == State::Assigned || input.to == State::Transferred)) {
    auto lease = context.read();
    require_assignable(*lease, *input.assignee_user_id, record.input.compound_node_id, context.services.clock.now());
  }
  return case_write(context, record, "cases.transition", {{"to", to_text}, {"note", input.note}}, 200,
                    [&](store::Tx& tx, const Case& current) {
                      transition(tx, current, input);
                      notify_transition(tx, require_case(tx.connection(), current.id), input.to);
                    });
}

// Staff at triage put the case under the catalogue item that fits, whatever the resident chose. A case
// already under that item is answered as it is, with nothing written; one put under another item
// since it was read is a conflict. So two triages sent at once make one change, recorded once.
Response classify_route(Context& context) {
  JsonObject body(context.json_body());
  std::string item_code = body.text("item_code");
  body.finish();
  Case record = read_case(context);
  if (record.item_code == item_code) {
    auto lease = context.read();
    std::int64_t street_id = org::street_of_node(*lease, record.input.compound_node_id);
    check_classify(record, street_item(*lease, street_id, item_code), street_id);
    return Response::json(200, case_detail_json(*lease, record, context.services.clock.now()));
  }
  return case_write(context, record, "cases.classify", {{"item", item_code}}, 200,
                    [&](store::Tx& tx, const Case& current) {
                      if (current.input.item_id != record.input.item_id) {
                        fail_conflict("案件的服务事项已被他人修改，请刷新后重试", "item_code");
                      }
                      std::int64_t street_id = org::street_of_node(tx.connection(), current.input.compound_node_id);
                      classify(tx, current, street_item(tx.connection(), street_id, item_code), context.user().user_id);
                    });
}

Response note_route(Context& context) {
  JsonObject body(context.json_body());
  std::string note = body.text("note");
  body.finish();
  return case_write(context, read_case(context), "cases.note", {{"note", note}}, 201,
                    [&](store::Tx& tx, const Case& current) { add_note(tx, current, note, context.user().user_id); });
}

Response rating_route(Context& context) {
  JsonObject body(context.json_body());
  std::int64_t score = body.integer("score");
  std::string comment = body.optional_text("comment").value_or("");
  body.finish();
  check_rating(score, comment);
  Case record = read_case(context);
  if (!is_reporter(context, record)) fail_forbidden("只有上报该问题的居民可以评价");
  return case_write(context, record, "cases.rate", {{"score", score}}, 201, [&](store::Tx& tx, const Case& current) {
    rate(tx, current, score, comment, context.user().user_id);
  });
}

Response revisit_route(Context& context) {
  JsonObject body(context.json_body());
  std::string on = body.optional_text("on").value_or(street_date(context.services.clock.now()));
  std::string note = body.optional_text("note").value_or("");
  body.finish();
  return case_write(
      context, read_case(context), "cases.revisit", {{"on", on}, {"note", note}}, 201,
      [&](store::Tx& tx, const Case& current) { revisit(tx, current, on, note, context.user().user_id); });
}

// Every case or none: each needs cases.assign at its compound and a step to assigned (or a
// hand-over when already assigned or in progress).
Response bulk_assign_route(Context& context) {
  JsonObject body(context.json_body());
  const Json& ids = body.any("case_ids");
  std::int64_t assignee = http::body_id(context, body, "assignee_user_id");
  body.finish();
  if (!ids.is_array() || ids.empty() || ids.size() > 500) fail_invalid("case_ids", "请提供 1 至 500 个案件编号");
  auto case_ids = http::body_ids(context, ids, "case_ids", "请提供 1 至 500 个案件编号", "案件编号应为整数");
  std::vector<Case> list;
  {
    auto lease = context.read();
    for (auto id : case_ids) list.push_back(require_case(*lease, id));
  }
  {
    auto lease = context.read();
    TimePoint now = context.services.clock.now();
    for (const auto& record : list) {
      if (!context.can("cases.assign", record.input.compound_node_id))
        fail_forbidden("无权派发案件 " + std::to_string(record.id));
      require_assignable(*lease, assignee, record.input.compound_node_id, now);
    }
  }
  Json result = context.write([&](store::Tx& tx) {
    std::vector<Case> current;
    for (auto id : case_ids) current.push_back(require_case(tx.connection(), id));
    bulk_assign(tx, current, assignee, context.user().user_id);
    notify_assigned_in_bulk(tx, assignee, case_ids);
    context.audit(tx, "cases.bulk_assign", "user:" + std::to_string(assignee), {{"case_ids", case_ids}});
    std::vector<Case> assigned;
    for (auto id : case_ids) assigned.push_back(require_case(tx.connection(), id));
    Actors actors = assignees_of(tx.connection(), assigned, tx.now());
    Json items = Json::array();
    for (const auto& record : assigned) items.push_back(case_json(record, tx.now(), actors));
    return Json{{"items", items}};
  });
  return Response::json(200, result);
}

// Who a case under the node may be given to, for the assignment pickers.
Response assignees_route(Context& context) {
  auto [lease, node] = org::read_queried_subtree(context);
  Json items = Json::array();
  for (const auto& assignee : assignees_under(*lease, node.path, context.services.clock.now())) {
    items.push_back(
        {{"user_id", assignee.user_id}, {"display_name", assignee.display_name}, {"roles", assignee.roles}});
  }
  return Response::json(200, {{"node_id", node.id}, {"items", items}});
}

// --- Statistics ---

Response stats_route(Context& context) {
  auto [lease, node] = org::read_queried_subtree(context);
  Stats stats = stats_under(*lease, node.path, context.services.clock.now());
  Json top = Json::array();
  for (const auto& item : stats.top_items)
    top.push_back({{"code", item.code}, {"name", item.name}, {"count", item.count}});
  // Cases by the chain level the escalation job has recorded for them.
  Json escalated = Json::object();
  for (int level = 1; level <= 4; ++level) {
    escalated[code_of(governance::kEscalationLevels, static_cast<EscalationLevel>(level))] = stats.escalated[level];
  }
  return Response::json(200, {{"node_id", node.id},
                              {"items", stats.items},
                              {"open", stats.open},
                              {"overdue", stats.overdue},
                              {"escalated", escalated},
                              {"median_hours_to_resolve", or_null(stats.median_hours_to_resolve)},
                              {"satisfied_share", {{"num", stats.satisfied}, {"den", stats.ratings}}},
                              {"top_items", top}});
}

}  // namespace

// The hourly climb of overdue cases up their compound's chain, one level per missed period.
modules::Job escalation_job() {
  return modules::Job{
      "cases.escalations", [](TimePoint now) { return iso_utc(now).substr(0, 13); },
      [](store::Tx& tx, const std::string& period) {
        auto recorded = record_escalations(tx, tx.now());
        if (recorded.empty()) return;
        notify_escalations(tx, recorded);
        Json list = Json::array();
        for (const auto& record : recorded) {
          list.push_back(
              {{"case_id", record.case_id}, {"level", code_of(governance::kEscalationLevels, record.level)}});
        }
        audit::record(tx, "system", "cases.escalate", "cases", {{"period", period}, {"recorded", list}});
      }};
}

// The street's calendar of pre-intervention tasks, once per street day.
modules::Job pre_task_job() {
  return modules::Job{"cases.pre_tasks", [](TimePoint now) { return street_date(now); },
                      [](store::Tx& tx, const std::string& day) {
                        auto tasks = create_pre_tasks(tx, day);
                        if (tasks.empty()) return;
                        notify_pre_tasks(tx, tasks);
                        audit::record(tx, "system", "cases.pre_tasks", "cases",
                                      {{"day", day}, {"tasks", static_cast<std::int64_t>(tasks.size())}});
                      }};
}

void add_routes(http::Router& router) {
  auto on_case = [](const char* permission) { return Access::permission(permission, case_scope()); };
  const std::string cases = "/api/v1/cases";
  // The catalogue is what anyone signed in reports against.
  router.add(Method::Get, "/api/v1/case-items", Access::signed_in(), list_items_route);
  router.add(Method::Post, "/api/v1/case-items",
             Access::permission("cases.catalogue", http::scope::body_node("street_id")), create_item_route);
  router.add(Method::Patch, "/api/v1/case-items/{id}", Access::permission("cases.catalogue", item_scope()),
             update_item_route);
  router.add(Method::Get, "/api/v1/case-categories", Access::signed_in(), list_categories_route);
  router.add(Method::Post, "/api/v1/case-categories",
             Access::permission("cases.catalogue", http::scope::body_node("street_id")), create_category_route);
  router.add(Method::Patch, "/api/v1/case-categories/{id}", Access::permission("cases.catalogue", category_scope()),
             update_category_route);

  // Reading, reporting and rating are also the reporting resident's: checked per case.
  router.add(Method::Post, cases, Access::signed_in(), create_case_route);
  router.add(Method::Get, cases, Access::permission("cases.read", org::node_query_scope()), list_cases_route);
  router.add(Method::Post, cases + "/bulk-assign", Access::permission("cases.assign", http::scope::any()),
             bulk_assign_route);
  router.add(Method::Get, cases + "/{id}", Access::signed_in(), get_case_route);
  router.add(Method::Get, cases + "/{id}/photos/{photo}", Access::signed_in(), case_photo_route);
  // Each step needs its own permission from the transition table, checked before the case's state;
  // reading the case is the floor.
  router.add(Method::Post, cases + "/{id}/transition", on_case("cases.read"), transition_route);
  router.add(Method::Post, cases + "/{id}/item", on_case("cases.accept"), classify_route);
  router.add(Method::Post, cases + "/{id}/notes", on_case("cases.note"), note_route);
  router.add(Method::Post, cases + "/{id}/rating", Access::signed_in(), rating_route);
  router.add(Method::Post, cases + "/{id}/revisit", on_case("cases.revisit"), revisit_route);
  router.add(Method::Get, "/api/v1/me/cases", Access::signed_in(), my_cases_route);
  router.add(Method::Get, "/api/v1/case-assignees", Access::permission("cases.assign", org::node_query_scope()),
             assignees_route);
  router.add(Method::Get, "/api/v1/stats/cases", Access::permission("cases.read", org::node_query_scope()),
             stats_route);
}

}  // namespace weizhi::cases
