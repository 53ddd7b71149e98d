// HTTP routes of the privacy module: the notice (public) and its versions, a signed-in person's consent,
// 我的信息 (what the platform holds about the caller's person, masked), their correction requests and the
// closing of their account, and the staff's list of requests and their answer. Every change is audited.
#include "auth/sessions.hpp"
#include "core/error.hpp"
#include "core/json_code.hpp"
#include "core/lookup.hpp"
#include "http/context.hpp"
#include "http/paging.hpp"
#include "http/query_code.hpp"
#include "modules/notifications/notifications.hpp"
#include "modules/org/org.hpp"
#include "modules/people/people.hpp"
#include "modules/privacy/module.hpp"
#include "modules/privacy/rules.hpp"
#include "modules/privacy/store.hpp"
#include "modules/voting/voting.hpp"

namespace weizhi::privacy {

namespace {

using http::Access;
using http::Context;
using http::Method;
using http::Response;

// A consent, a request or an answer is a few fields; a notice's text is the longest body.
constexpr std::size_t kMaxBodyBytes = 8 * 1024;
constexpr std::size_t kMaxNoticeBodyBytes = 64 * 1024;

// Who maintains the registry answers the requests to correct it (docs/rules.md#f-access-correction).
const std::string kAnswering = "people.write";

Json notice_json(const Notice& notice) {
  return {{"version", notice.version}, {"body", notice.body}, {"published_at", notice.published_at}};
}

// The request as its person sees it: the proposed value masked like the registry's field.
Json own_correction_json(const Correction& request) {
  return {{"id", request.id},
          {"field", code_of(kFields, request.field)},
          {"proposed", masked_proposal(request.field, request.proposed)},
          {"note", or_null(request.note)},
          {"status", code_of(kStatuses, request.status)},
          {"reply", or_null(request.reply)},
          {"created_at", request.created_at},
          {"resolved_at", or_null(request.resolved_at)}};
}

// The request as staff who answer it see it: the proposed value in clear, since they type it into the
// registry; the person by masked name.
Json staff_correction_json(const Correction& request) {
  Json json = own_correction_json(request);
  json["proposed"] = request.proposed;
  json["person"] = {{"id", request.person_id}, {"name", request.person_name_masked}};
  json["home"] = {{"id", request.home_node_id}, {"name", request.home_name}};
  return json;
}

// The caller's person; 422 for an account no person of the registry stands behind (staff, devices).
people::Person require_own_person(store::Connection& connection, const Context& context) {
  auto person_id = people::person_of_user(connection, context.user().user_id);
  auto person = person_id ? people::find_person(connection, *person_id) : std::nullopt;
  if (!person) fail_unprocessable("该账号未关联登记在册的居民");
  return *person;
}

std::int64_t street_scope(Context& context) { return context.root_node_id(); }

// --- The notice ---

Response notice_route(Context& context) {
  auto lease = context.read();
  return Response::json(200, notice_json(found_or_404(current_notice(*lease), "尚未发布个人信息保护说明")));
}

Response notices_route(Context& context) {
  auto lease = context.read();
  Json items = Json::array();
  for (const auto& notice : notices(*lease)) {
    Json json = notice_json(notice);
    json["consents"] = notice.consents;
    items.push_back(json);
  }
  return Response::json(200, {{"items", items}});
}

Response publish_route(Context& context) {
  JsonObject body(context.json_body());
  std::string text = body.text("body");
  body.finish();
  check_notice_body(text);
  Json published = context.write([&](store::Tx& tx) {
    std::int64_t version = publish_notice(tx, text, context.user().user_id);
    context.audit(tx, "privacy.notice.publish", "privacy_notice:" + std::to_string(version),
                  {{"version", version}, {"characters", text.size()}});
    return notice_json(*current_notice(tx.connection()));
  });
  return Response::json(201, published);
}

// --- Consent ---

Json consent_json(store::Connection& connection, std::optional<std::int64_t> person_id) {
  auto current = current_notice(connection);
  std::optional<std::int64_t> current_version = current ? std::optional(current->version) : std::nullopt;
  std::optional<std::int64_t> consented = person_id ? consented_version(connection, *person_id) : std::nullopt;
  // Only a person of the registry is asked: an account behind nobody holds no data the notice covers.
  return {{"current_version", or_null(current_version)},
          {"consented_version", or_null(consented)},
          {"needs_consent", person_id.has_value() && needs_consent(current_version, consented)}};
}

Response my_consent_route(Context& context) {
  auto lease = context.read();
  return Response::json(200, consent_json(*lease, people::person_of_user(*lease, context.user().user_id)));
}

Response consent_route(Context& context) {
  JsonObject body(context.json_body());
  std::int64_t version = body.integer("version");
  body.finish();
  return context.write([&](store::Tx& tx) {
    people::Person person = require_own_person(tx.connection(), context);
    auto current = current_notice(tx.connection());
    check_consent_version(version, current ? std::optional(current->version) : std::nullopt);
    bool recorded = record_consent(tx, person.id, context.user().user_id, version);
    // No client address is kept: the account, signed in by its own phone, says who consented.
    if (recorded) {
      context.audit(tx, "privacy.consent", "person:" + std::to_string(person.id), {{"version", version}});
    }
    return Response::json(recorded ? 201 : 200, consent_json(tx.connection(), person.id));
  });
}

// --- 我的信息 ---

std::string address_of(const people::PlacedLink& link) {
  std::string address;
  for (const auto& part : {link.compound, link.building, link.unit, std::optional(link.part)}) {
    if (!part) continue;
    if (!address.empty()) address += " ";
    address += part->name;
  }
  return address;
}

Json person_json(const people::Person& person) {
  return {{"name", person.name_masked},
          {"phone", or_null(person.phone_masked)},
          {"id_number", or_null(person.id_number_masked)},
          {"birth_year", or_null(person.birth_year)},
          {"party_member", person.party_member}};
}

Response my_data_route(Context& context) {
  const auth::Principal& caller = context.user();
  auto lease = context.read();
  auto person_id = people::person_of_user(*lease, caller.user_id);
  auto person = person_id ? people::find_person(*lease, *person_id) : std::nullopt;
  Json homes = Json::array();
  Json consents = Json::array();
  Json ballots = Json::array();
  Json requests = Json::array();
  if (person) {
    for (const auto& link : people::links_of_person(*lease, person->id)) {
      homes.push_back(
          {{"address", address_of(link)},
           {"compound", link.compound ? Json{{"id", link.compound->id}, {"name", link.compound->name}} : Json(nullptr)},
           {"relation", code_of(people::kRelations, link.relation)},
           {"since", link.since}});
    }
    for (const auto& consent : consents_of(*lease, person->id)) {
      consents.push_back({{"version", consent.version}, {"consented_at", consent.consented_at}});
    }
    // Owners' votes are named (docs/rules.md#c-masked-results); the choices stay on the vote's own page.
    for (const auto& ballot : voting::ballots_of_voter(*lease, person->id)) {
      ballots.push_back({{"vote_id", ballot.vote_id},
                         {"title", ballot.vote_title},
                         {"channel", ballot.channel},
                         {"recorded_at", ballot.recorded_at}});
    }
    for (const auto& request : corrections_of(*lease, context.services.data_key, person->id)) {
      requests.push_back(own_correction_json(request));
    }
  }
  Json roles = Json::array();
  for (const auto& grant : caller.roles) {
    roles.push_back({{"role", grant.role},
                     {"scope_node_id", grant.scope_node_id},
                     {"scope_name", grant.scope_name},
                     {"scope_kind", grant.scope_kind}});
  }
  auto sessions = auth::live_sessions(*lease, caller.user_id, context.services.settings, context.services.clock.now());
  return Response::json(200, {{"person", person ? person_json(*person) : Json(nullptr)},
                              {"homes", homes},
                              {"roles", roles},
                              {"consents", consents},
                              {"sessions", sessions.size()},
                              {"ballots", ballots},
                              {"corrections", requests},
                              {"open_limit", kMaxOpenCorrections}});
}

Response ask_correction_route(Context& context) {
  JsonObject body(context.json_body());
  Field field = code_field(body, "field", parser_of(kFields), "更正项目应为 name、phone、id_number、home 或 other");
  std::string proposed = body.text("proposed");
  std::optional<std::string> note = body.optional_text("note");
  body.finish();
  check_note(note);
  NewCorrection input{0, context.user().user_id, 0, field, checked_proposal(field, proposed), note};
  const crypto::DataKey& key = context.services.data_key;
  Json created = context.write([&](store::Tx& tx) {
    people::Person person = require_own_person(tx.connection(), context);
    check_open_limit(open_corrections_of(tx.connection(), person.id));
    input.person_id = person.id;
    input.home_node_id = person.home_node_id;
    std::int64_t id = insert_correction(tx, key, input);
    // The value itself stays out of the log, which keeps no personal data in clear.
    context.audit(tx, "privacy.correction.create", "privacy_correction:" + std::to_string(id),
                  {{"field", code_of(kFields, field)}, {"person_id", person.id}});
    return own_correction_json(*find_correction(tx.connection(), key, id));
  });
  return Response::json(201, created);
}

// Closes the caller's own account and signs this device out; the registry keeps the person.
Response close_account_route(Context& context) {
  const auth::Principal& caller = context.user();
  std::vector<std::string> roles;
  for (const auto& grant : caller.roles) roles.push_back(grant.role);
  check_account_closable(roles);
  context.write([&](store::Tx& tx) {
    people::Person person = require_own_person(tx.connection(), context);
    std::int64_t ended = close_account(tx, caller.user_id, person.id);
    context.audit(tx, "privacy.account.close", "user:" + std::to_string(caller.user_id),
                  {{"person_id", person.id}, {"sessions_ended", ended}});
  });
  Response response = Response::no_content();
  response.header("Set-Cookie", auth::expired_session_cookie(context.services.settings));
  return response;
}

// --- Staff ---

Response corrections_route(Context& context) {
  Filter filter;
  filter.status = http::query_code(context, "status", parser_of(kStatuses), "状态应为 open、corrected 或 rejected");
  filter.limit = http::page_limit(context, 50, 200);
  filter.before_id = http::page_cursor(context);
  std::string path;
  std::int64_t node_id = 0;
  {
    auto subtree = org::read_queried_subtree(context);
    path = subtree.node.path;
    node_id = subtree.node.id;
  }
  std::vector<Correction> list;
  {
    auto lease = context.read();
    list = list_corrections(*lease, context.services.data_key, path, filter);
  }
  Json items = Json::array();
  Json shown = Json::array();
  for (const auto& request : list) {
    items.push_back(staff_correction_json(request));
    shown.push_back(request.id);
  }
  // Showing proposed values in clear is a read of personal data, so it is logged, as an unmasking is,
  // before anything is answered.
  if (!list.empty()) {
    context.write([&](store::Tx& tx) {
      context.audit(tx, "privacy.corrections.read", "node:" + std::to_string(node_id), {{"ids", shown}});
    });
  }
  return Response::json(200, http::page_json(items, filter.limit, list.empty() ? 0 : list.back().id));
}

Response resolve_route(Context& context) {
  std::int64_t id = context.path_id("id");
  JsonObject body(context.json_body());
  Status outcome = code_field(body, "outcome", parse_outcome, "处理结果应为 corrected 或 rejected");
  std::optional<std::string> reply = body.optional_text("reply");
  body.finish();
  const crypto::DataKey& key = context.services.data_key;
  std::int64_t home = 0;
  {
    auto lease = context.read();
    home = found_or_404(find_correction(*lease, key, id), "找不到该更正申请").home_node_id;
  }
  // A request of a person outside the caller's scope is answered as one that does not exist.
  if (!context.can(kAnswering, home)) fail_not_found("找不到该更正申请");
  Json resolved = context.write([&](store::Tx& tx) {
    Correction request = found_or_404(find_correction(tx.connection(), key, id), "找不到该更正申请");
    check_resolution(request.status, outcome, reply);
    resolve_correction(tx, key, id, outcome, reply, context.user().user_id);
    context.audit(tx, "privacy.correction.resolve", "privacy_correction:" + std::to_string(id),
                  {{"outcome", code_of(kStatuses, outcome)}, {"person_id", request.person_id}});
    notifications::notify(tx, {request.user_id},
                          {.kind = "privacy.correction.resolved",
                           .title = outcome == Status::Corrected ? "您的信息已更正" : "您的信息更正申请未获同意",
                           .body = "请在「我的信息」中查看答复。",
                           .link = "",
                           .node_id = std::nullopt,
                           .entity = notifications::Entity{"privacy_correction", id}});
    return staff_correction_json(*find_correction(tx.connection(), key, id));
  });
  return Response::json(200, resolved);
}

void add(http::Router& router, Method method, const std::string& pattern, Access access, http::Handler handler,
         std::size_t max_body_bytes = 0) {
  http::Route route{method, pattern, std::move(access), std::move(handler)};
  route.max_body_bytes = max_body_bytes;
  router.add(std::move(route));
}

}  // namespace

void add_routes(http::Router& router) {
  auto on_street = Access::permission("privacy.manage", street_scope);
  add(router, Method::Get, "/api/v1/privacy/notice", Access::anyone(), notice_route);
  add(router, Method::Get, "/api/v1/privacy/notices", on_street, notices_route);
  add(router, Method::Post, "/api/v1/privacy/notices", on_street, publish_route, kMaxNoticeBodyBytes);
  add(router, Method::Get, "/api/v1/me/consent", Access::signed_in(), my_consent_route);
  add(router, Method::Post, "/api/v1/me/consent", Access::signed_in(), consent_route, kMaxBodyBytes);
  add(router, Method::Get, "/api/v1/me/data", Access::signed_in(), my_data_route);
  add(router, Method::Post, "/api/v1/me/corrections", Access::signed_in(), ask_correction_route, kMaxBodyBytes);
  add(router, Method::Delete, "/api/v1/me/account", Access::signed_in(), close_account_route);
  add(router, Method::Get, "/api/v1/privacy/corrections", Access::permission(kAnswering, org::node_query_scope()),
      corrections_route);
  add(router, Method::Post, "/api/v1/privacy/corrections/{id}/resolve",
      Access::permission(kAnswering, http::scope::any()), resolve_route, kMaxBodyBytes);
}

}  // namespace weizhi::privacy
