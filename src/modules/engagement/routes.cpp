// HTTP routes of events with sign-ups and venues: staff create and edit events and venues of their
// scope, list them with their counts, sign people up, cancel and check them in on the day; residents
// see the events they may join, sign up and cancel themselves. Every change is audited; what another
// street or scope holds answers 404 like what does not exist.
#include <map>

#include "core/error.hpp"
#include "core/json_code.hpp"
#include "core/lookup.hpp"
#include "core/tree_path.hpp"
#include "http/body_id.hpp"
#include "http/context.hpp"
#include "http/paging.hpp"
#include "modules/engagement/module.hpp"
#include "modules/engagement/partners_store.hpp"
#include "modules/engagement/permissions.hpp"
#include "modules/engagement/route_support.hpp"
#include "modules/engagement/rules.hpp"
#include "modules/engagement/store.hpp"
#include "modules/notifications/notifications.hpp"
#include "modules/org/org.hpp"
#include "modules/people/people.hpp"

namespace weizhi::engagement {

namespace {

constexpr const char* kKinds = "活动类型应为 secretary_contest、roundtable、renewal_opinion、party_activity 或 other";

Event require_event(store::Connection& connection, std::int64_t id) {
  return found_or_404(find_event(connection, id), "找不到该活动");
}

Venue require_venue(store::Connection& connection, std::int64_t id) {
  return found_or_404(find_venue(connection, id), "找不到该场地");
}

http::ScopeResolver event_scope() {
  return record_scope(
      [](store::Connection& connection, std::int64_t id) { return require_event(connection, id).input.node_id; });
}

http::ScopeResolver venue_scope() {
  return record_scope(
      [](store::Connection& connection, std::int64_t id) { return require_venue(connection, id).input.node_id; });
}

// --- JSON ---

Json venue_json(const Venue& venue) {
  return {{"id", venue.id},
          {"node", {{"id", venue.input.node_id}, {"name", venue.node_name}}},
          {"name", venue.input.name},
          {"address", venue.input.address},
          {"partner_unit", venue.input.partner_unit_id ? Json{{"id", *venue.input.partner_unit_id},
                                                              {"name", venue.partner_unit_name.value_or("")}}
                                                       : Json(nullptr)},
          {"opens_at", venue.input.opens_at},
          {"closes_at", venue.input.closes_at},
          {"created_at", venue.created_at}};
}

// A place in the line: null when confirmed (or cancelled), from 1 when waiting.
Json position_json(store::Connection& connection, const Signup& signup) {
  if (signup.status != SignupStatus::Waiting) return nullptr;
  return waiting_position(connection, signup);
}

Json signup_json(store::Connection& connection, const Signup& signup) {
  return {{"id", signup.id},
          {"event_id", signup.event_id},
          {"person_id", signup.person_id},
          {"name", signup.person_name},
          {"status", code_of(kSignupStatuses, signup.status)},
          {"position", position_json(connection, signup)},
          {"created_at", signup.created_at},
          {"promoted_at", or_null(signup.promoted_at)},
          {"cancelled_at", or_null(signup.cancelled_at)},
          {"checked_in_at", or_null(signup.checked_in_at)}};
}

// The person's own sign-up, with the code their check-in QR carries.
Json own_signup_json(store::Connection& connection, const Signup& signup) {
  Json json = signup_json(connection, signup);
  json["code"] = signup.code;
  return json;
}

Json event_json(store::Connection& connection, const Event& event) {
  Counts counts = counts_of(connection, event.id);
  Json venue = nullptr;
  if (event.input.venue_id) venue = {{"id", *event.input.venue_id}, {"name", event.venue_name.value_or("")}};
  return {{"id", event.id},
          {"title", event.input.title},
          {"kind", code_of(kEventKinds, event.input.kind)},
          {"kind_name", code_of(kEventKindNames, event.input.kind)},
          {"node", {{"id", event.input.node_id}, {"name", event.node_name}}},
          {"venue", venue},
          {"starts_at", iso_utc(event.input.starts_at)},
          {"ends_at", iso_utc(event.input.ends_at)},
          {"capacity", event.input.capacity},
          {"audience", code_of(kEventAudiences, event.input.audience)},
          {"signup_opens_at", iso_utc(event.input.signup_opens_at)},
          {"signup_closes_at", iso_utc(event.input.signup_closes_at)},
          {"confirmed", counts.confirmed},
          {"waiting", counts.waiting},
          {"checked_in", counts.checked_in},
          {"places_left", std::max<std::int64_t>(0, event.input.capacity - counts.confirmed)},
          {"state", event.cancelled_at ? "cancelled" : "scheduled"},
          {"cancelled_at", or_null(event.cancelled_at)},
          {"cancel_reason", or_null(event.cancel_reason)},
          {"created_at", event.created_at},
          {"updated_at", event.updated_at}};
}

// The event with the caller's own sign-up (null without one).
Json event_for(store::Connection& connection, const Event& event, std::optional<std::int64_t> person) {
  Json json = event_json(connection, event);
  json["my_signup"] = nullptr;
  if (person) {
    if (auto mine = live_signup(connection, event.id, *person)) json["my_signup"] = own_signup_json(connection, *mine);
  }
  return json;
}

// --- Who may see and act ---

// The event as the caller may see it: staff who may read events at its node, or a person who may
// join it; 404 for anyone else.
Event visible_event(Context& context, std::int64_t id, std::optional<std::int64_t> person) {
  Event event = [&] {
    auto lease = context.read();
    return require_event(*lease, id);
  }();
  if (context.can(kRead, event.input.node_id)) return event;
  if (person) {
    auto lease = context.read();
    if (lives_under(places_of_person(*lease, *person), event.node_path)) return event;
  }
  fail_not_found("找不到该活动");
}

// --- Bodies ---

// Reads the event's fields present in the body over `input`; venue_id null clears the venue.
void read_event(Context& context, JsonObject& body, EventInput& input) {
  if (auto title = body.optional_text("title")) input.title = *title;
  if (auto kind = optional_code_field(body, "kind", parser_of(kEventKinds), kKinds)) input.kind = *kind;
  if (body.mentions("venue_id")) input.venue_id = http::optional_body_id(context, body, "venue_id");
  if (auto starts = optional_moment(body, "starts_at")) input.starts_at = *starts;
  if (auto ends = optional_moment(body, "ends_at")) input.ends_at = *ends;
  if (auto capacity = body.optional_integer("capacity")) input.capacity = *capacity;
  if (auto audience =
          optional_code_field(body, "audience", parser_of(kEventAudiences), "报名范围应为 residents 或 party_members"))
    input.audience = *audience;
  if (auto opens = optional_moment(body, "signup_opens_at")) input.signup_opens_at = *opens;
  if (auto closes = optional_moment(body, "signup_closes_at")) input.signup_closes_at = *closes;
}

// The venue the event names, checked where it is written: of the same street (else 404, like a
// missing one), on the event node's line (at or above it, or inside it) or a partner's venue sunk to
// it (422 otherwise, docs/rules.md#h-venues), open at the event's time (422) and free then (409).
void check_venue_for(store::Connection& connection, const EventInput& input, const std::string& node_path,
                     std::optional<std::int64_t> event_id) {
  if (!input.venue_id) return;
  auto venue = find_venue(connection, *input.venue_id);
  if (!venue || org::street_of(venue->node_path) != org::street_of(node_path))
    throw ApiError(404, "not_found", "找不到该场地", "venue_id");
  if (!venue_open_to(*venue, node_path))
    fail_unprocessable("场地不属于活动所在的社区或小区，也未下沉到这里", "venue_id");
  check_opening_hours(venue->input, input.starts_at, input.ends_at);
  check_clash(find_clash(connection, venue->id, input.starts_at, input.ends_at, event_id));
}

// Moves the first in line up to the places free and tells each of them. Returns their sign-up ids.
std::vector<std::int64_t> promote_waiting(store::Tx& tx, const Event& event) {
  auto promoted = promotions(event.input.capacity, counts_of(tx.connection(), event.id).confirmed,
                             waiting_in_order(tx.connection(), event.id));
  for (std::int64_t id : promoted) {
    confirm_signup(tx, id);
    auto signup = find_signup(tx.connection(), id);
    notifications::notify(tx, accounts_of_person(tx.connection(), signup->person_id),
                          {.kind = "engagement.promoted",
                           .title = "活动候补转为报名成功",
                           .body = "您候补的活动「" + event.input.title + "」（" +
                                   street_minute(event.input.starts_at) + "）有了空位，已为您报名成功。",
                           .link = "/engagement/events/" + std::to_string(event.id),
                           .entity = notifications::Entity{"event", event.id}});
  }
  return promoted;
}

// --- Venues ---

Response create_venue_route(Context& context) {
  JsonObject body(context.json_body());
  VenueInput input;
  input.node_id = http::body_id(context, body, "node_id");
  input.name = body.text("name");
  input.address = body.optional_text("address").value_or("");
  input.partner_unit_id = http::optional_body_id(context, body, "partner_unit_id");
  input.opens_at = body.text("opens_at");
  input.closes_at = body.text("closes_at");
  body.finish();
  check_venue(input);
  Json created = context.write([&](store::Tx& tx) {
    auto node = org::find_node(tx, input.node_id);
    if (!node) throw ApiError(404, "not_found", "找不到该组织节点", "node_id");
    if (node->kind != org::NodeKind::Community && node->kind != org::NodeKind::Compound)
      fail_unprocessable("场地应属于社区或小区", "node_id");
    if (input.partner_unit_id && partner_street(tx.connection(), *input.partner_unit_id) != org::street_of(node->path))
      throw ApiError(404, "not_found", "找不到该共建单位", "partner_unit_id");
    std::int64_t id = insert_venue(tx, input, context.user().user_id);
    context.audit(tx, "engagement.venue.create", "venue:" + std::to_string(id),
                  {{"node_id", input.node_id}, {"name", input.name}});
    return venue_json(*find_venue(tx.connection(), id));
  });
  return Response::json(201, created);
}

Response list_venues_route(Context& context) {
  auto [lease, node] = org::read_queried_subtree(context);
  Json items = Json::array();
  for (const auto& venue : venues_around(*lease, node.path)) {
    if (org::street_of(venue.node_path) == org::street_of(node.path)) items.push_back(venue_json(venue));
  }
  return Response::json(200, {{"items", items}});
}

Response get_venue_route(Context& context) {
  auto lease = context.read();
  return Response::json(200, venue_json(require_venue(*lease, context.path_id("id"))));
}

// --- Events ---

Response create_event_route(Context& context) {
  JsonObject body(context.json_body());
  EventInput input;
  input.node_id = http::body_id(context, body, "node_id");
  input.title = body.text("title");
  input.kind = code_field(body, "kind", parser_of(kEventKinds), kKinds);
  input.starts_at = moment_field(body, "starts_at");
  input.ends_at = moment_field(body, "ends_at");
  input.capacity = body.integer("capacity");
  TimePoint now = context.services.clock.now();
  input.signup_opens_at = now;
  input.signup_closes_at = input.starts_at;
  read_event(context, body, input);
  body.finish();
  check_event(input);
  Json created = context.write([&](store::Tx& tx) {
    auto node = org::find_node(tx, input.node_id);
    if (!node) throw ApiError(404, "not_found", "找不到该组织节点", "node_id");
    if (node->kind != org::NodeKind::Street && node->kind != org::NodeKind::Community &&
        node->kind != org::NodeKind::Compound)
      fail_unprocessable("活动应面向街道、社区或小区", "node_id");
    check_venue_for(tx.connection(), input, node->path, std::nullopt);
    std::int64_t id = insert_event(tx, input, context.user().user_id);
    context.audit(tx, "engagement.event.create", "event:" + std::to_string(id),
                  {{"node_id", input.node_id},
                   {"title", input.title},
                   {"kind", code_of(kEventKinds, input.kind)},
                   {"venue_id", or_null(input.venue_id)},
                   {"capacity", input.capacity},
                   {"starts_at", iso_utc(input.starts_at)}});
    return event_for(tx.connection(), require_event(tx.connection(), id), std::nullopt);
  });
  return Response::json(201, created);
}

Response update_event_route(Context& context) {
  std::int64_t id = context.path_id("id");
  JsonObject body(context.json_body());
  if (body.has("node_id")) fail_invalid("node_id", "不能更改活动面向的范围");
  Json fields = Json::array();
  for (const auto& [key, value] : context.json_body().items()) fields.push_back(key);
  Json updated = context.write([&](store::Tx& tx) {
    lock_event(tx, id);
    Event event = require_event(tx.connection(), id);
    check_not_cancelled(event, "state");
    EventInput input = event.input;
    read_event(context, body, input);
    body.finish();
    check_event(input);
    check_capacity_change(input.capacity, counts_of(tx.connection(), id).confirmed);
    check_venue_for(tx.connection(), input, event.node_path, id);
    update_event(tx, id, input);
    event.input = input;
    auto promoted = promote_waiting(tx, event);
    context.audit(tx, "engagement.event.update", "event:" + std::to_string(id),
                  {{"fields", fields}, {"promoted", promoted}});
    return event_for(tx.connection(), require_event(tx.connection(), id), std::nullopt);
  });
  return Response::json(200, updated);
}

Response list_events_route(Context& context) {
  EventFilter filter;
  for (const auto& [key, bound] : {std::pair{"from", &filter.from}, std::pair{"to", &filter.to}}) {
    if (auto text = context.query(key)) {
      *bound = parse_iso(*text);
      if (!*bound) fail_invalid(key, std::string("参数 ") + key + " 应为带时区的 ISO-8601 时间");
    }
  }
  filter.limit = http::page_limit(context, 200, 500);
  auto [lease, node] = org::read_queried_subtree(context);
  Json items = Json::array();
  for (const auto& event : events_under(*lease, node.path, filter)) items.push_back(event_json(*lease, event));
  return Response::json(200, {{"items", items}});
}

Response get_event_route(Context& context) {
  auto person = caller_person(context);
  Event event = visible_event(context, context.path_id("id"), person);
  auto lease = context.read();
  return Response::json(200, event_for(*lease, event, person));
}

Response my_events_route(Context& context) {
  auto person = caller_person(context);
  Json items = Json::array();
  Json signups = Json::array();
  if (person) {
    auto lease = context.read();
    auto places = places_of_person(*lease, *person);
    auto registered = people::find_person(*lease, *person);
    bool party_member = registered && registered->party_member;
    for (const auto& event : events_over(*lease, places, context.services.clock.now())) {
      if (offered_to(event, party_member)) items.push_back(event_for(*lease, event, person));
    }
    for (const auto& signup : signups_of_person(*lease, *person)) {
      if (signup.status == SignupStatus::Cancelled) continue;
      Json json = own_signup_json(*lease, signup);
      auto event = require_event(*lease, signup.event_id);
      json["event"] = {{"id", event.id},
                       {"title", event.input.title},
                       {"starts_at", iso_utc(event.input.starts_at)},
                       {"ends_at", iso_utc(event.input.ends_at)},
                       {"venue", event.venue_name ? Json(*event.venue_name) : Json(nullptr)}};
      signups.push_back(json);
    }
  }
  return Response::json(200, {{"person_id", or_null(person)}, {"items", items}, {"signups", signups}});
}

// --- Sign-ups ---

Response signup_route(Context& context) {
  std::int64_t id = context.path_id("id");
  JsonObject body(context.json_body());
  auto named = http::optional_body_id(context, body, "person_id");
  body.finish();
  auto own = caller_person(context);
  Event event = visible_event(context, id, own);
  std::int64_t person_id = 0;
  if (named && named != own) {
    require_manage(context, event.input.node_id, "找不到该活动");
    auto lease = context.read();
    auto person = people::find_person(*lease, *named);
    if (!person || !context.can(kRead, person->home_node_id))
      throw ApiError(404, "not_found", "找不到该居民", "person_id");
    person_id = *named;
  } else {
    if (!own) fail_unprocessable("账号未关联居民信息，请联系社区登记", "person_id");
    person_id = *own;
  }
  bool staff = context.can(kRead, event.input.node_id);
  Json created = context.write([&](store::Tx& tx) {
    lock_event(tx, id);
    Event fresh = require_event(tx.connection(), id);
    check_not_cancelled(fresh, "signup");
    check_signup_window(fresh.input.signup_opens_at, fresh.input.signup_closes_at, tx.now());
    auto person = people::find_person(tx.connection(), person_id);
    bool lives_there = lives_under(places_of_person(tx.connection(), person_id), fresh.node_path);
    check_may_join(fresh, lives_there, staff && person_id == own, person && person->party_member);
    if (live_signup(tx.connection(), id, person_id)) fail_conflict("该居民已报名本活动", "person_id");
    SignupStatus status = decide_signup(counts_of(tx.connection(), id), fresh.input.capacity);
    std::int64_t signup_id = insert_signup(tx, id, person_id, status, context.user().user_id);
    Signup signup = *find_signup(tx.connection(), signup_id);
    Json json = own_signup_json(tx.connection(), signup);
    context.audit(tx, "engagement.signup.create", "event:" + std::to_string(id),
                  {{"signup_id", signup_id},
                   {"person_id", person_id},
                   {"status", code_of(kSignupStatuses, status)},
                   {"position", json["position"]},
                   {"by", person_id == own ? "self" : "staff"}});
    return json;
  });
  return Response::json(201, created);
}

Response cancel_route(Context& context) {
  std::int64_t id = context.path_id("id");
  std::int64_t signup_id = context.path_id("signup_id");
  auto own = caller_person(context);
  Event event = visible_event(context, id, own);
  {
    auto lease = context.read();
    auto signup = find_signup(*lease, signup_id);
    if (!signup || signup->event_id != id) fail_not_found("找不到该报名");
    if (signup->person_id != own) require_manage(context, event.input.node_id, "找不到该活动");
  }
  Json answer = context.write([&](store::Tx& tx) {
    lock_event(tx, id);
    Event fresh = require_event(tx.connection(), id);
    Signup signup = *find_signup(tx.connection(), signup_id);
    if (signup.status == SignupStatus::Cancelled) fail_conflict("该报名已取消", "signup_id");
    if (tx.now() >= fresh.input.ends_at) fail_conflict("活动已结束，不能取消报名", "signup_id");
    cancel_signup(tx, signup_id);
    auto promoted = promote_waiting(tx, fresh);
    context.audit(tx, "engagement.signup.cancel", "event:" + std::to_string(id),
                  {{"signup_id", signup_id},
                   {"person_id", signup.person_id},
                   {"was", code_of(kSignupStatuses, signup.status)},
                   {"promoted", promoted},
                   {"by", signup.person_id == own ? "self" : "staff"}});
    Json json = signup_json(tx.connection(), *find_signup(tx.connection(), signup_id));
    json["promoted"] = promoted;
    return json;
  });
  return Response::json(200, answer);
}

// Calls the event off: its sign-ups are cancelled and each person told, the venue is free again.
Response cancel_event_route(Context& context) {
  std::int64_t id = context.path_id("id");
  JsonObject body(context.json_body());
  std::string reason = body.text("reason");
  body.finish();
  Json answer = context.write([&](store::Tx& tx) {
    lock_event(tx, id);
    Event event = require_event(tx.connection(), id);
    check_cancel(event, reason, tx.now());
    auto told = live_signups(tx.connection(), id);
    cancel_event(tx, id, reason, context.user().user_id);
    Json signups = Json::array();
    for (const auto& signup : told) {
      signups.push_back(signup.id);
      notifications::notify(tx, accounts_of_person(tx.connection(), signup.person_id),
                            {.kind = "engagement.cancelled",
                             .title = "活动已取消",
                             .body = "您报名的活动「" + event.input.title + "」（" +
                                     street_minute(event.input.starts_at) + "）已取消：" + reason,
                             .link = "/engagement/events/" + std::to_string(id),
                             .entity = notifications::Entity{"event", id}});
    }
    context.audit(tx, "engagement.event.cancel", "event:" + std::to_string(id),
                  {{"reason", reason}, {"signups", signups}, {"venue_id", or_null(event.input.venue_id)}});
    Json json = event_for(tx.connection(), require_event(tx.connection(), id), std::nullopt);
    json["told"] = signups.size();
    return json;
  });
  return Response::json(200, answer);
}

Response list_signups_route(Context& context) {
  auto lease = context.read();
  Event event = require_event(*lease, context.path_id("id"));
  Json items = Json::array();
  for (const auto& signup : live_signups(*lease, event.id)) {
    Json json = signup_json(*lease, signup);
    json["address"] = address_of(*lease, signup.person_id);
    items.push_back(json);
  }
  return Response::json(200, {{"event", event_json(*lease, event)}, {"items", items}});
}

Response check_in_route(Context& context) {
  std::int64_t id = context.path_id("id");
  JsonObject body(context.json_body());
  auto signup_id = http::optional_body_id(context, body, "signup_id");
  auto code = body.optional_text("code");
  body.finish();
  if (signup_id.has_value() == code.has_value())
    fail_invalid("signup_id", "请提供报名编号 signup_id 或签到码 code 之一");
  Json answer = context.write([&](store::Tx& tx) {
    Event event = require_event(tx.connection(), id);
    check_not_cancelled(event, "event");
    auto signup =
        signup_id ? find_signup(tx.connection(), *signup_id) : find_signup_by_code(tx.connection(), id, *code);
    if (!signup || signup->event_id != id)
      throw ApiError(404, "not_found", "找不到该报名", signup_id ? "signup_id" : "code");
    check_check_in(*signup, event.input.starts_at, tx.now());
    check_in_signup(tx, signup->id, context.user().user_id);
    context.audit(tx, "engagement.check_in", "event:" + std::to_string(id),
                  {{"signup_id", signup->id}, {"person_id", signup->person_id}, {"by", signup_id ? "list" : "code"}});
    return signup_json(tx.connection(), *find_signup(tx.connection(), signup->id));
  });
  return Response::json(201, answer);
}

}  // namespace

void add_routes(http::Router& router) {
  const std::string events = "/api/v1/events";
  const std::string venues = "/api/v1/venues";
  auto on_event = [](const char* permission) { return Access::permission(permission, event_scope()); };
  add_collection_routes(router, events, list_events_route, create_event_route);
  router.add(Method::Get, events + "/{id}", Access::signed_in(), get_event_route);
  router.add(Method::Patch, events + "/{id}", on_event(kManage), update_event_route);
  router.add(Method::Post, events + "/{id}/cancel", on_event(kManage), cancel_event_route);
  router.add(Method::Get, events + "/{id}/signups", on_event(kRead), list_signups_route);
  router.add(Method::Post, events + "/{id}/signups", Access::signed_in(), signup_route);
  router.add(Method::Delete, events + "/{id}/signups/{signup_id}", Access::signed_in(), cancel_route);
  router.add(Method::Post, events + "/{id}/check-ins", on_event(kManage), check_in_route);
  router.add(Method::Get, "/api/v1/me/events", Access::signed_in(), my_events_route);
  add_collection_routes(router, venues, list_venues_route, create_venue_route);
  router.add(Method::Get, venues + "/{id}", Access::permission(kRead, venue_scope()), get_venue_route);
}

}  // namespace weizhi::engagement
