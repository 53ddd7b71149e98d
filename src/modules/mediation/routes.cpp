// HTTP routes of the mediation module: disputes listed by node with a state filter, recorded and
// edited while open, their sessions, state steps and follow-up visits, the community's gold
// mediators and the statistics. Every change is audited.
#include <set>

#include "core/error.hpp"
#include "core/json_array.hpp"
#include "core/json_code.hpp"
#include "http/audited_step.hpp"
#include "http/body_id.hpp"
#include "http/context.hpp"
#include "http/record_scope.hpp"
#include "http/paging.hpp"
#include "http/query_code.hpp"
#include "modules/mediation/module.hpp"
#include "modules/mediation/rules.hpp"
#include "modules/mediation/store.hpp"
#include "modules/org/org.hpp"
#include "modules/people/people.hpp"
#include "store/timeline.hpp"

namespace weizhi::mediation {

namespace {

using http::Access;
using http::Context;
using http::Method;
using http::Response;

Mediation require_mediation(store::Connection& connection, std::int64_t id) {
  return found_or_404(find_mediation(connection, id), "找不到该调解记录");
}

http::ScopeResolver mediation_scope() {
  return http::scope::record_node(require_mediation,
                                  [](const Mediation& mediation) { return mediation.details.compound_node_id; });
}

// --- JSON ---

Json mediation_json(store::Connection& connection, const Mediation& record) {
  Json parties = Json::array();
  for (const auto& party : parties_of(connection, record.id)) {
    parties.push_back({{"index", party.index},
                       {"person_id", or_null(party.person_id)},
                       {"name", party.name},
                       {"role", code_of(kRoles, party.role)}});
  }
  return {{"id", record.id},
          {"compound", {{"id", record.details.compound_node_id}, {"name", record.compound_name}}},
          {"building_id", or_null(record.details.building_node_id)},
          {"part_id", or_null(record.details.part_node_id)},
          {"category", record.details.category},
          {"category_name", category_name(record.details.category).value_or("")},
          {"summary", record.details.summary},
          {"parties", parties},
          {"mediator", {{"person_id", record.details.mediator_person_id}, {"name", record.mediator_name}}},
          {"case_id", or_null(record.details.case_id)},
          {"state", code_of(kStates, record.state)},
          {"agreement", or_null(record.agreement)},
          {"signed_on", or_null(record.signed_on)},
          {"reason", or_null(record.reason)},
          {"reopened", record.reopened},
          {"created_at", record.created_at},
          {"updated_at", record.updated_at}};
}

// The dispute with its sessions, visits (and the day the next is due) and timeline, as
// GET /api/v1/mediations/{id} and every write answer it.
Json detail_json(store::Connection& connection, const Mediation& record, TimePoint now) {
  Json json = mediation_json(connection, record);
  Json sessions = Json::array();
  for (const auto& session : sessions_of(connection, record.id)) {
    sessions.push_back({{"id", session.id},
                        {"held_on", session.input.held_on},
                        {"place", session.input.place},
                        {"attendees", session.input.attendees},
                        {"notes", session.input.notes},
                        {"next_step", session.input.next_step},
                        {"user_id", session.user_id},
                        {"created_at", session.created_at}});
  }
  Json visits = Json::array();
  std::optional<bool> latest_kept;
  auto follow_ups = follow_ups_of(connection, record.id);
  for (const auto& visit : follow_ups) {
    visits.push_back({{"id", visit.id},
                      {"visited_on", visit.input.visited_on},
                      {"note", visit.input.note},
                      {"holds", visit.input.kept ? "kept" : "broken"},
                      {"user_id", visit.user_id},
                      {"created_at", visit.created_at}});
    latest_kept = visit.input.kept;
  }
  Json timeline = Json::array();
  auto events = events_of(connection, record.id);
  std::set<std::int64_t> takers;
  for (const auto& event : events) {
    if (event.user_id) takers.insert(*event.user_id);
  }
  auto actors = store::actors(connection, takers, now);
  for (const auto& event : events) {
    auto actor = event.user_id ? actors.find(*event.user_id) : actors.end();
    bool named = actor != actors.end();
    timeline.push_back({{"id", event.id},
                        {"kind", event.kind},
                        {"from", or_null(event.from_state)},
                        {"to", or_null(event.to_state)},
                        {"note", event.note},
                        {"user_id", or_null(event.user_id)},
                        {"actor_name", named ? Json(actor->second.name) : Json(nullptr)},
                        {"actor_role", named ? Json(actor->second.role) : Json(nullptr)},
                        {"at", event.created_at}});
  }
  json["sessions"] = sessions;
  json["follow_ups"] = visits;
  json["follow_up_due_on"] = or_null(visit_due_on(record, follow_ups));
  json["timeline"] = timeline;
  json["can_reopen"] = record.state == State::Agreed && !record.reopened && latest_kept == std::optional<bool>(false);
  return json;
}

// --- Bodies ---

std::vector<PartyInput> parties_field(Context& context, JsonObject& body) {
  const Json& list = body.any("parties");
  if (!list.is_array()) fail_invalid("parties", "字段 parties 应为数组");
  if (list.size() > 10) fail_invalid("parties", "当事人应为 2 至 10 人");
  return read_elements(list, "parties", [&](const Json& element, const std::string& field) {
    JsonObject item(element, field);
    PartyInput party;
    party.person_id = http::optional_body_id(context, item, "person_id");
    party.name = item.optional_text("name").value_or("");
    auto role = parse_code(kRoles, item.text("role"));
    if (!role) fail_invalid(field + ".role", "当事人身份应为 applicant、respondent 或 other");
    party.role = *role;
    item.finish();
    return party;
  });
}

// Reads the editable fields present in the body over `details`; for building, part and case a
// null clears them.
void read_details(Context& context, JsonObject& body, Details& details) {
  if (body.mentions("building_id")) details.building_node_id = http::optional_body_id(context, body, "building_id");
  if (body.mentions("part_id")) details.part_node_id = http::optional_body_id(context, body, "part_id");
  if (body.mentions("case_id")) details.case_id = http::optional_body_id(context, body, "case_id");
  if (auto category = body.optional_text("category")) details.category = *category;
  if (auto summary = body.optional_text("summary")) details.summary = *summary;
  if (body.has("parties")) details.parties = parties_field(context, body);
  if (auto mediator = http::optional_body_id(context, body, "mediator_person_id"))
    details.mediator_person_id = *mediator;
}

// The right to the dispute is no right to the people named in it: each party given by person id
// must be one the caller may read (404 when there is no such person, 403 otherwise). Others are
// recorded by name.
void require_parties(Context& context, const std::vector<PartyInput>& parties) {
  for (const auto& party : parties) {
    if (party.person_id) people::require_person(context, "people.read", *party.person_id);
  }
}

Details stored_details(store::Connection& connection, const Mediation& record) {
  Details details = record.details;
  details.parties.clear();
  for (const auto& party : parties_of(connection, record.id)) {
    details.parties.push_back(PartyInput{party.person_id, party.person_id ? "" : party.name, party.role});
  }
  return details;
}

// --- Disputes ---

Response create_route(Context& context) {
  JsonObject body(context.json_body());
  Details details;
  details.compound_node_id = http::body_id(context, body, "compound_id");
  details.category = body.text("category");
  details.summary = body.text("summary");
  details.mediator_person_id = http::body_id(context, body, "mediator_person_id");
  read_details(context, body, details);
  body.finish();
  require_parties(context, details.parties);
  Json created = context.write([&](store::Tx& tx) {
    std::int64_t id = create_mediation(tx, details, context.user().user_id);
    Json json = detail_json(tx.connection(), require_mediation(tx.connection(), id), tx.now());
    context.audit(tx, "mediation.create", "mediation:" + std::to_string(id),
                  {{"compound_id", details.compound_node_id},
                   {"category", details.category},
                   {"mediator_person_id", details.mediator_person_id},
                   {"parties", details.parties.size()}});
    return json;
  });
  return Response::json(201, created);
}

Response get_route(Context& context) {
  auto lease = context.read();
  return Response::json(
      200, detail_json(*lease, require_mediation(*lease, context.path_id("id")), context.services.clock.now()));
}

Response list_route(Context& context) {
  Filter filter;
  filter.state = http::query_code(context, "state", parser_of(kStates),
                                  "状态应为 open、in_mediation、agreed、not_agreed 或 withdrawn");
  filter.limit = http::page_limit(context, 50, 200);
  filter.before_id = http::page_cursor(context);
  auto [lease, node] = org::read_queried_subtree(context);
  auto list = list_mediations(*lease, node.path, filter);
  Json items = Json::array();
  for (const auto& record : list) items.push_back(mediation_json(*lease, record));
  return Response::json(200, http::page_json(items, filter.limit, list.empty() ? 0 : list.back().id));
}

// Runs `work` on the dispute in one transaction with its audit record; 409 when the dispute
// changed state since it was read. Answers with the dispute.
template <class Work>
Response mediation_write(Context& context, const std::string& action, const Json& summary, int status, Work&& work) {
  http::StepTarget<Mediation> target{
      context.path_id("id"), "mediation", require_mediation,
      [](store::Tx& tx, const Mediation& record) { return detail_json(tx.connection(), record, tx.now()); }};
  return http::audited_step(context, target, action, status, [&](store::Tx& tx, const Mediation& record) {
    work(tx, record);
    Json audit = summary;
    audit["from"] = code_of(kStates, record.state);
    return audit;
  });
}

Response update_route(Context& context) {
  JsonObject body(context.json_body());
  if (body.has("compound_id")) fail_invalid("compound_id", "不能更改纠纷所在小区");
  Json fields = Json::array();
  for (const auto& [key, value] : context.json_body().items()) fields.push_back(key);
  if (body.has("parties")) require_parties(context, parties_field(context, body));
  return mediation_write(context, "mediation.update", {{"fields", fields}}, 200,
                         [&](store::Tx& tx, const Mediation& record) {
                           Details details = stored_details(tx.connection(), record);
                           read_details(context, body, details);
                           body.finish();
                           update_mediation(tx, record, details, context.user().user_id);
                         });
}

Response transition_route(Context& context) {
  JsonObject body(context.json_body());
  State to =
      code_field(body, "to", parser_of(kStates), "目标状态应为 open、in_mediation、agreed、not_agreed 或 withdrawn");
  TransitionInput input{to, body.optional_text("agreement"), body.optional_text("signed_on"),
                        body.optional_text("reason"), context.user().user_id};
  body.finish();
  return mediation_write(
      context, "mediation.transition",
      {{"to", code_of(kStates, to)}, {"signed_on", or_null(input.signed_on)}, {"reason", or_null(input.reason)}}, 200,
      [&](store::Tx& tx, const Mediation& record) { transition(tx, record, input); });
}

Response session_route(Context& context) {
  JsonObject body(context.json_body());
  SessionInput input;
  input.held_on = body.optional_text("held_on").value_or(street_date(context.services.clock.now()));
  input.place = body.text("place");
  input.attendees =
      integer_array(body.any("attendees"), "attendees", "字段 attendees 应为当事人序号数组", "到场人应为当事人序号");
  input.notes = body.text("notes");
  input.next_step = body.optional_text("next_step").value_or("");
  body.finish();
  return mediation_write(
      context, "mediation.session", {{"held_on", input.held_on}, {"attendees", input.attendees}}, 201,
      [&](store::Tx& tx, const Mediation& record) { add_session(tx, record, input, context.user().user_id); });
}

Response follow_up_route(Context& context) {
  JsonObject body(context.json_body());
  FollowUpInput input;
  input.visited_on = body.optional_text("visited_on").value_or(street_date(context.services.clock.now()));
  input.note = body.optional_text("note").value_or("");
  std::string holds = body.text("holds");
  if (holds != "kept" && holds != "broken") fail_invalid("holds", "协议履行情况应为 kept 或 broken");
  input.kept = holds == "kept";
  body.finish();
  return mediation_write(
      context, "mediation.follow_up", {{"visited_on", input.visited_on}, {"holds", holds}}, 201,
      [&](store::Tx& tx, const Mediation& record) { add_follow_up(tx, record, input, context.user().user_id); });
}

// --- Mediators and statistics ---

Response mediators_route(Context& context) {
  auto [lease, node] = org::read_queried_subtree(context);
  auto community = community_of(*lease, node.id);
  if (!community) fail_unprocessable("请选择社区或小区", "node");
  Json items = Json::array();
  for (const auto& person : mediators_of(*lease, *community)) {
    items.push_back({{"id", person.id}, {"name", person.name_masked}, {"home_node_id", person.home_node_id}});
  }
  return Response::json(200, {{"community_id", *community}, {"items", items}});
}

Response stats_route(Context& context) {
  auto [lease, node] = org::read_queried_subtree(context);
  Counts counts = counts_under(*lease, node.path);
  auto count = [&](State state) { return counts.by_state.count(state) ? counts.by_state.at(state) : 0; };
  Ratio rate = agreement_rate(count(State::Agreed), count(State::NotAgreed));
  Ratio kept = kept_share(counts.latest_visit_kept);
  Json by_category = Json::array();
  for (const auto& category : categories()) {
    auto found = counts.by_category.find(category.code);
    by_category.push_back({{"code", category.code},
                           {"name", category.name},
                           {"count", found == counts.by_category.end() ? 0 : found->second}});
  }
  return Response::json(200, {{"node_id", node.id},
                              {"open", count(State::Open)},
                              {"in_mediation", count(State::InMediation)},
                              {"agreed", count(State::Agreed)},
                              {"not_agreed", count(State::NotAgreed)},
                              {"withdrawn", count(State::Withdrawn)},
                              {"agreement_rate", {{"num", rate.num}, {"den", rate.den}}},
                              {"kept_share", {{"num", kept.num}, {"den", kept.den}}},
                              {"by_category", by_category}});
}

}  // namespace

void add_routes(http::Router& router) {
  auto on_mediation = [](const char* permission) { return Access::permission(permission, mediation_scope()); };
  const std::string base = "/api/v1/mediations";
  router.add(Method::Get, base, Access::permission("mediation.read", org::node_query_scope()), list_route);
  router.add(Method::Post, base, Access::permission("mediation.manage", http::scope::body_node("compound_id")),
             create_route);
  router.add(Method::Get, base + "/{id}", on_mediation("mediation.read"), get_route);
  router.add(Method::Patch, base + "/{id}", on_mediation("mediation.manage"), update_route);
  router.add(Method::Post, base + "/{id}/sessions", on_mediation("mediation.manage"), session_route);
  router.add(Method::Post, base + "/{id}/transition", on_mediation("mediation.manage"), transition_route);
  router.add(Method::Post, base + "/{id}/follow-ups", on_mediation("mediation.manage"), follow_up_route);
  router.add(Method::Get, "/api/v1/mediators", Access::permission("mediation.read", org::node_query_scope()),
             mediators_route);
  router.add(Method::Get, "/api/v1/stats/mediation", Access::permission("mediation.read", org::node_query_scope()),
             stats_route);
}

}  // namespace weizhi::mediation
