// HTTP routes of the deliberation module: topics and their steps, residents' comments and
// moderation, round-table meetings, plan versions, sending a plan to the residents' vote, the
// return to drafting after a failed vote, the resolution with its actions, and a resident's topics.
#include <algorithm>

#include "auth/permissions.hpp"
#include "core/error.hpp"
#include "core/json_array.hpp"
#include "core/json_code.hpp"
#include "http/audited_step.hpp"
#include "http/body_id.hpp"
#include "http/context.hpp"
#include "http/query_code.hpp"
#include "http/record_scope.hpp"
#include "modules/covenant/covenant.hpp"
#include "modules/deliberation/module.hpp"
#include "modules/deliberation/rules.hpp"
#include "modules/deliberation/store.hpp"
#include "modules/org/org.hpp"
#include "modules/people/people.hpp"
#include "modules/voting/voting.hpp"

namespace weizhi::deliberation {

namespace {

using http::Access;
using http::Context;
using http::Method;
using http::Response;

std::string today(Context& context) { return street_date(context.services.clock.now()); }

// --- Scopes ---

Topic require_topic(store::Connection& connection, std::int64_t id) {
  return found_or_404(find_topic(connection, id), "找不到该议题");
}

std::int64_t compound_of_topic(store::Connection& connection, std::int64_t topic_id) {
  return found_or_404(topic_compound(connection, topic_id), "找不到该议题");
}

http::ScopeResolver topic_scope() { return http::scope::record_node("id", compound_of_topic); }

http::ScopeResolver comment_scope() {
  return http::scope::record_node("id", [](store::Connection& connection, std::int64_t id) {
    return compound_of_topic(connection, found_or_404(find_comment(connection, id), "找不到该意见").topic_id);
  });
}

http::ScopeResolver action_scope() {
  return http::scope::record_node("id", [](store::Connection& connection, std::int64_t id) {
    return compound_of_topic(connection, found_or_404(find_action(connection, id), "找不到该事项").topic_id);
  });
}

// The role codes the signed-in user holds over the compound.
std::vector<std::string> roles_over(Context& context, std::int64_t compound_id) {
  auto lease = context.read();
  auto compound = org::find_node(*lease, compound_id);
  std::vector<std::string> roles;
  if (!compound) return roles;
  for (const auto& grant : context.user().roles) {
    if (auth::path_within(compound->path, grant.scope_path)) roles.push_back(grant.role);
  }
  return roles;
}

// The signed-in user's person when it owns, rents or lives in a part of the compound.
std::optional<std::int64_t> linked_person(Context& context, std::int64_t compound_id) {
  auto lease = context.read();
  auto person = people::person_of_user(*lease, context.user().user_id);
  if (!person || !person_linked_to_compound(*lease, *person, compound_id)) return std::nullopt;
  return person;
}

// Staff read topics in their scope; residents those of the compound they live in. 404 before 403.
std::int64_t require_reader(Context& context) {
  std::int64_t compound_id = [&] {
    auto lease = context.read();
    return require_topic(*lease, context.path_id("id")).input.compound_node_id;
  }();
  if (!context.can("deliberation.read", compound_id) && !linked_person(context, compound_id)) fail_forbidden();
  return compound_id;
}

// --- JSON ---

Json scope_json(const voting::VoteScope& scope) {
  return {{"kind", code_of(voting::kScopeKinds, scope.kind)}, {"node_ids", scope.node_ids}};
}

Json topic_json(const Topic& topic) {
  return {{"id", topic.id},
          {"compound", {{"id", topic.input.compound_node_id}, {"name", topic.compound_name}}},
          {"scope", scope_json(topic.input.scope)},
          {"category", code_of(kCategories, topic.input.category)},
          {"title", topic.input.title},
          {"description", topic.input.description},
          {"step", code_of(kSteps, topic.step)},
          {"step_label", code_of(kStepLabels, topic.step)},
          {"proposer", {{"kind", code_of(kProposerKinds, topic.proposer_kind)}, {"name", topic.proposer_name}}},
          {"created_at", topic.created_at},
          {"updated_at", topic.updated_at}};
}

Json comment_json(const Comment& comment) {
  bool hidden = comment.hidden_reason.has_value();
  return {{"id", comment.id},
          {"author", {{"kind", code_of(kProposerKinds, comment.author_kind)}, {"name", comment.author_name}}},
          {"hidden", hidden},
          {"text", hidden ? Json(nullptr) : Json(comment.text)},
          {"hidden_reason", or_null(comment.hidden_reason)},
          {"hidden_at", or_null(comment.hidden_at)},
          {"created_at", comment.created_at}};
}

Json meeting_json(const Meeting& meeting) {
  Json positions = Json::array();
  for (const auto& position : meeting.input.positions) {
    positions.push_back({{"party", position.party}, {"position", position.position}});
  }
  Json members = Json::array();
  for (const auto& member : meeting.members)
    members.push_back({{"person_id", member.person_id}, {"name", member.name}});
  return {{"id", meeting.id},
          {"held_on", meeting.input.held_on},
          {"place", meeting.input.place},
          {"attendees", meeting.input.attendees},
          {"attendee_count", meeting.input.attendee_count},
          {"members", members},
          {"minutes", meeting.input.minutes},
          {"positions", positions},
          {"created_at", meeting.created_at}};
}

Json plan_json(const Plan& plan) {
  Json attachments = Json::array();
  for (const auto& attachment : plan.input.attachments) {
    attachments.push_back({{"name", attachment.name}, {"reference", attachment.reference}});
  }
  return {{"id", plan.id},
          {"number", plan.number},
          {"title", plan.input.title},
          {"body", plan.input.body},
          {"cost_fen", plan.input.cost_fen},
          {"cost_yuan", yuan_text(plan.input.cost_fen)},
          {"attachments", attachments},
          {"created_at", plan.created_at}};
}

// The item's ratios as the vote's result.json gives them.
Json item_result_json(const std::string& result_json) { return parse_json(result_json)["items"][0]; }

Json vote_summary_json(store::Connection& connection, const TopicVote& link) {
  auto reading = read_vote(connection, link.vote_id);
  if (!reading) return nullptr;
  const voting::Vote& vote = reading->vote;
  Json json{{"id", vote.id},
            {"plan_id", link.plan_id},
            {"title", vote.input.title},
            {"matter", vote.input.matter},
            {"state", code_of(voting::kVoteStates, vote.state)},
            {"opens_at", vote.input.opens_at},
            {"closes_at", vote.input.closes_at},
            {"outcome", nullptr},
            {"result", nullptr},
            {"ratios", nullptr}};
  if (reading->result) {
    json["outcome"] = code_of(voting::kOutcomes, reading->result->outcome);
    json["result"] = item_result_json(voting::result_json({*reading->result}));
    json["ratios"] = voting::ratios_json(*reading->result);
  }
  return json;
}

Json action_json(const Action& action, const std::string& today_text) {
  return {{"id", action.id},
          {"title", action.input.title},
          {"owner", {{"name", action.owner_label}, {"person_id", or_null(action.input.owner_person_id)}}},
          {"due_on", action.input.due_on},
          {"done", action.done_on.has_value()},
          {"done_on", or_null(action.done_on)},
          {"note", or_null(action.note)},
          {"overdue", is_overdue(action.input.due_on, action.done_on, today_text)},
          {"created_at", action.created_at}};
}

// The topic with everything its steps recorded.
Json topic_detail_json(store::Connection& connection, const Topic& topic, const std::string& today_text) {
  Json json = topic_json(topic);
  auto counts = comment_counts(connection, topic.id);
  json["comments"] = {{"count", counts.shown + counts.hidden}, {"shown", counts.shown}, {"hidden", counts.hidden}};
  Json meetings = Json::array();
  for (const auto& meeting : meetings_of(connection, topic.id)) meetings.push_back(meeting_json(meeting));
  json["meetings"] = meetings;
  Json plans = Json::array();
  for (const auto& plan : plans_of(connection, topic.id)) plans.push_back(plan_json(plan));
  json["plans"] = plans;
  Json votes = Json::array();
  for (const auto& link : votes_of(connection, topic.id)) votes.push_back(vote_summary_json(connection, link));
  json["vote"] = votes.empty() ? Json(nullptr) : votes.back();
  json["votes"] = votes;
  json["resolution"] = nullptr;
  if (auto resolution = find_resolution(connection, topic.id)) {
    json["resolution"] = {{"vote_id", resolution->vote_id},
                          {"summary", resolution->summary},
                          {"outcome", resolution->outcome},
                          {"result", item_result_json(resolution->result_json)},
                          {"ratios", voting::ratios_json(voting::parse_result_json(resolution->result_json).at(0))},
                          {"published_at", resolution->published_at}};
  }
  Json actions = Json::array();
  std::int64_t overdue = 0;
  for (const auto& action : actions_of(connection, topic.id)) {
    actions.push_back(action_json(action, today_text));
    if (actions.back()["overdue"].get<bool>()) ++overdue;
  }
  json["actions"] = actions;
  json["overdue_actions"] = overdue;
  return json;
}

// --- Topics ---

// An array of ids; 400 naming the element (`field[i]`) that is no positive integer.
std::vector<std::int64_t> id_list(Context& context, const Json& list, const std::string& field,
                                  const std::string& not_array) {
  return read_array(list, field, not_array, [&](const Json& id, const std::string& element_field) {
    return context.parse_id(id.is_number_integer() ? id.dump() : "", element_field);
  });
}

voting::VoteScope scope_field(Context& context, JsonObject& body) {
  voting::VoteScope scope;
  const Json* value = body.optional_any("scope");
  if (!value || value->is_null()) return scope;
  if (!value->is_object()) fail_invalid("scope", "字段 scope 应为对象");
  JsonObject scope_body(*value, "scope");
  scope.kind =
      code_field(scope_body, "kind", parser_of(voting::kScopeKinds), "范围应为 compound、buildings、units 或 parts");
  if (const Json* ids = scope_body.optional_any("node_ids")) {
    scope.node_ids = id_list(context, *ids, "scope.node_ids", "字段 scope.node_ids 应为编号数组");
  }
  scope_body.finish();
  return scope;
}

Response list_route(Context& context) {
  std::int64_t compound_id = org::queried_compound_id(context);
  auto step = http::query_code(context, "step", parser_of(kSteps),
                               "阶段应为 proposed、commenting、consulting、drafting、voting、resolved 或 done");
  auto lease = context.read();
  auto compound = org::require_compound(*lease, compound_id);
  Json items = Json::array();
  std::string today_text = today(context);
  for (const auto& topic : topics_of_compound(*lease, compound_id, step)) {
    Json item = topic_json(topic);
    auto counts = comment_counts(*lease, topic.id);
    item["comments_count"] = counts.shown + counts.hidden;
    std::int64_t overdue = 0;
    for (const auto& action : actions_of(*lease, topic.id)) {
      if (is_overdue(action.input.due_on, action.done_on, today_text)) ++overdue;
    }
    item["overdue_actions"] = overdue;
    items.push_back(item);
  }
  return Response::json(200, {{"compound", {{"id", compound.id}, {"name", compound.name}}}, {"items", items}});
}

Response create_route(Context& context) {
  JsonObject body(context.json_body());
  TopicInput input{};
  input.compound_node_id = http::body_id(context, body, "compound_id");
  input.scope = scope_field(context, body);
  input.category =
      code_field(body, "category", parser_of(kCategories),
                 "类别应为 environment、facilities、parking、elevator、covenant、property、safety 或 other");
  input.title = body.text("title");
  input.description = body.text("description");
  body.finish();
  ProposerKind kind = proposer_kind_of(roles_over(context, input.compound_node_id));
  // A resident proposes only for the compound they live in, as they comment only there.
  if (kind == ProposerKind::Resident && !linked_person(context, input.compound_node_id)) {
    fail_forbidden("只能为本人居住或拥有房屋的小区提出议题");
  }
  std::int64_t user_id = context.user().user_id;
  std::string today_text = today(context);
  Json created = context.write([&](store::Tx& tx) {
    std::int64_t id = create_topic(tx, input, kind, user_id);
    Topic topic = require_topic(tx.connection(), id);
    context.audit(tx, "deliberation.topic.create", "topic:" + std::to_string(id), topic_json(topic));
    return topic_detail_json(tx.connection(), topic, today_text);
  });
  return Response::json(201, created);
}

Response get_route(Context& context) {
  require_reader(context);
  auto lease = context.read();
  return Response::json(200, topic_detail_json(*lease, require_topic(*lease, context.path_id("id")), today(context)));
}

// One write on a topic (its body already read): `step` runs in one transaction with its audit
// record, which also names the step the topic was at; the answer is the topic as it now is.
template <class Step_>
Response topic_write(Context& context, const std::string& action, int status, Step_&& step) {
  std::int64_t id = context.path_id("id");
  std::string today_text = today(context);
  http::StepTarget<Topic> target{id, "topic", require_topic, [&](store::Tx& tx, const Topic& topic) {
                                   return topic_detail_json(tx.connection(), topic, today_text);
                                 }};
  return http::audited_step(context, target, action, status, [&](store::Tx& tx, const Topic& topic) {
    Json summary = step(tx, topic);
    summary["from_step"] = code_of(kSteps, topic.step);
    return summary;
  });
}

Response advance_route(Context& context) {
  JsonObject body(context.json_body());
  auto to = parse_code(kSteps, body.text("to"));
  body.finish();
  if (!to) fail_invalid("to", "下一阶段应为 commenting、consulting 或 drafting");
  return topic_write(context, "deliberation.topic.advance", 200, [&](store::Tx& tx, const Topic& topic) {
    advance(tx, topic, *to);
    return Json{{"to", code_of(kSteps, *to)}};
  });
}

// --- Comments ---

Response add_comment_route(Context& context) {
  JsonObject body(context.json_body());
  std::string text = body.text("text");
  body.finish();
  std::int64_t compound_id = [&] {
    auto lease = context.read();
    return require_topic(*lease, context.path_id("id")).input.compound_node_id;
  }();
  ProposerKind kind = proposer_kind_of(roles_over(context, compound_id));
  std::optional<std::int64_t> person;
  if (kind == ProposerKind::Resident) {
    person = linked_person(context, compound_id);
    if (!person) fail_forbidden("只能对本人居住或拥有房屋的小区的议题发表意见");
  }
  std::int64_t user_id = context.user().user_id;
  Json created = context.write([&](store::Tx& tx) {
    Topic topic = require_topic(tx.connection(), context.path_id("id"));
    std::int64_t id = add_comment(tx, topic, user_id, person, kind, text);
    context.audit(tx, "deliberation.comment.create", "topic_comment:" + std::to_string(id),
                  {{"topic_id", topic.id}, {"author_kind", code_of(kProposerKinds, kind)}});
    return comment_json(*find_comment(tx.connection(), id));
  });
  return Response::json(201, created);
}

Response list_comments_route(Context& context) {
  require_reader(context);
  auto lease = context.read();
  Topic topic = require_topic(*lease, context.path_id("id"));
  Json items = Json::array();
  for (const auto& comment : comments_of(*lease, topic.id)) items.push_back(comment_json(comment));
  return Response::json(200, {{"topic_id", topic.id}, {"step", code_of(kSteps, topic.step)}, {"items", items}});
}

Response hide_comment_route(Context& context) {
  std::int64_t id = context.path_id("id");
  JsonObject body(context.json_body());
  std::string reason = body.text("reason");
  body.finish();
  std::int64_t user_id = context.user().user_id;
  Json hidden = context.write([&](store::Tx& tx) {
    auto comment = find_comment(tx.connection(), id);
    if (!comment) fail_not_found("找不到该意见");
    hide_comment(tx, *comment, reason, user_id);
    context.audit(tx, "deliberation.comment.hide", "topic_comment:" + std::to_string(id),
                  {{"topic_id", comment->topic_id}, {"reason", reason}});
    return comment_json(*find_comment(tx.connection(), id));
  });
  return Response::json(200, hidden);
}

// --- Meetings and plans ---

std::vector<std::string> text_list(JsonObject& body, const std::string& key) {
  const Json* value = body.optional_any(key);
  if (!value || value->is_null()) return {};
  return text_array(*value, key, "字段 " + key + " 应为文字数组", "应为文字");
}

// The objects of an optional array field, each read by `read` with its own JsonObject.
template <class T, class Read>
std::vector<T> object_list(JsonObject& body, const std::string& key, Read&& read) {
  const Json* value = body.optional_any(key);
  if (!value || value->is_null()) return {};
  return read_array(*value, key, "字段 " + key + " 应为数组", [&](const Json& element, const std::string& field) {
    if (!element.is_object()) fail_invalid(field, "应为对象");
    JsonObject item(element, field);
    T read_item = read(item);
    item.finish();
    return read_item;
  });
}

Response add_meeting_route(Context& context) {
  JsonObject body(context.json_body());
  MeetingInput input;
  input.held_on = body.text("held_on");
  input.place = body.text("place");
  input.attendees = text_list(body, "attendees");
  input.attendee_count = body.integer("attendee_count");
  input.minutes = body.text("minutes");
  input.positions = object_list<Position>(body, "positions", [](JsonObject& item) {
    return Position{item.text("party"), item.text("position")};
  });
  if (const Json* members = body.optional_any("members"); members && !members->is_null()) {
    input.members = id_list(context, *members, "members", "字段 members 应为人员编号数组");
  }
  body.finish();
  std::int64_t user_id = context.user().user_id;
  return topic_write(context, "deliberation.meeting.create", 201, [&](store::Tx& tx, const Topic& topic) {
    std::int64_t id = add_meeting(tx, topic, input, user_id);
    return Json{{"meeting_id", id},
                {"held_on", input.held_on},
                {"attendee_count", input.attendee_count},
                {"members", input.members}};
  });
}

// cost_yuan as a string ("1234.56") or a JSON number, into fen without floating point: a number is
// read back from its shortest decimal text.
std::int64_t cost_field(JsonObject& body) {
  const Json& value = body.any("cost_yuan");
  std::optional<std::int64_t> fen;
  if (value.is_string()) fen = parse_cost_fen(value.get<std::string>());
  if (value.is_number()) fen = parse_cost_fen(value.dump());
  if (!fen) fail_invalid("cost_yuan", "费用应为不超过 10 亿元、最多两位小数的金额（元）");
  return *fen;
}

Response add_plan_route(Context& context) {
  JsonObject body(context.json_body());
  PlanInput input;
  input.title = body.text("title");
  input.body = body.text("body");
  input.cost_fen = cost_field(body);
  input.attachments = object_list<Attachment>(body, "attachments", [](JsonObject& item) {
    return Attachment{item.text("name"), item.text("reference")};
  });
  body.finish();
  std::int64_t user_id = context.user().user_id;
  return topic_write(context, "deliberation.plan.create", 201, [&](store::Tx& tx, const Topic& topic) {
    std::int64_t id = add_plan(tx, topic, input, user_id);
    return Json{{"plan_id", id}, {"title", input.title}, {"cost_fen", input.cost_fen}};
  });
}

// --- The vote ---

Response vote_route(Context& context) {
  JsonObject body(context.json_body());
  VoteRequest request{};
  request.plan_id = http::body_id(context, body, "plan_id");
  std::int64_t matter = body.integer("matter");
  request.matter = matter >= 1 && matter <= 9 ? static_cast<int>(matter) : 0;
  request.opens_at = body.text("opens_at");
  request.closes_at = body.text("closes_at");
  request.channels = code_array(body.any("channels"), "channels", "字段 channels 应为渠道数组",
                                parser_of(voting::kChannels), "渠道应为 online、paper 或 meeting");
  body.finish();
  std::int64_t user_id = context.user().user_id;
  return topic_write(context, "deliberation.vote.create", 201, [&](store::Tx& tx, const Topic& topic) {
    std::int64_t vote_id = send_to_vote(tx, topic, request, user_id);
    return Json{{"vote_id", vote_id}, {"plan_id", request.plan_id}, {"matter", request.matter}};
  });
}

Response return_route(Context& context) {
  return topic_write(context, "deliberation.topic.return_to_drafting", 200, [&](store::Tx& tx, const Topic& topic) {
    return_to_drafting(tx, topic);
    return Json::object();
  });
}

// --- Resolution and actions ---

Response resolution_route(Context& context) {
  JsonObject body(context.json_body());
  std::string summary = body.text("summary");
  body.finish();
  return topic_write(context, "deliberation.resolution.publish", 201, [&](store::Tx& tx, const Topic& topic) {
    resolve(tx, topic, summary);
    auto resolution = find_resolution(tx.connection(), topic.id);
    return Json{{"vote_id", resolution->vote_id}, {"outcome", resolution->outcome}};
  });
}

Response add_action_route(Context& context) {
  JsonObject body(context.json_body());
  ActionInput input;
  input.title = body.text("title");
  input.owner_name = body.optional_text("owner_name");
  input.owner_person_id = http::optional_body_id(context, body, "owner_person_id");
  input.due_on = body.text("due_on");
  body.finish();
  return topic_write(context, "deliberation.action.create", 201, [&](store::Tx& tx, const Topic& topic) {
    std::int64_t id = add_action(tx, topic, input);
    return Json{{"action_id", id}, {"title", input.title}, {"due_on", input.due_on}};
  });
}

Response action_done_route(Context& context) {
  std::int64_t id = context.path_id("id");
  JsonObject body(context.json_body());
  std::string done_on = covenant::checked_date(body.optional_text("done_on").value_or(today(context)), "done_on");
  std::string note = body.optional_text("note").value_or("");
  body.finish();
  std::string today_text = today(context);
  Json result = context.write([&](store::Tx& tx) {
    auto action = find_action(tx.connection(), id);
    if (!action) fail_not_found("找不到该事项");
    bool topic_done = complete_action(tx, *action, done_on, note);
    context.audit(tx, "deliberation.action.done", "topic_action:" + std::to_string(id),
                  {{"topic_id", action->topic_id}, {"done_on", done_on}, {"topic_done", topic_done}});
    return topic_detail_json(tx.connection(), require_topic(tx.connection(), action->topic_id), today_text);
  });
  return Response::json(200, result);
}

// --- A resident's topics ---

Response my_topics_route(Context& context) {
  std::int64_t user_id = context.user().user_id;
  std::vector<std::int64_t> compounds;
  {
    auto lease = context.read();
    if (auto person = people::person_of_user(*lease, user_id)) compounds = compounds_of_person(*lease, *person);
  }
  std::vector<std::pair<std::int64_t, bool>> commenters;
  for (std::int64_t compound : compounds)
    commenters.emplace_back(compound, context.can("deliberation.comment", compound));
  auto lease = context.read();
  Json items = Json::array();
  for (const auto& [compound, may_comment] : commenters) {
    for (const auto& topic : topics_of_compound(*lease, compound, std::nullopt)) {
      Json item = topic_json(topic);
      item["comments_count"] = comment_counts(*lease, topic.id).shown;
      item["may_comment"] = may_comment && topic.step == Step::Commenting;
      items.push_back(item);
    }
  }
  return Response::json(200, {{"items", items}});
}

}  // namespace

void add_routes(http::Router& router) {
  auto on_topic = [](const char* permission) { return Access::permission(permission, topic_scope()); };
  const std::string topics = "/api/v1/topics";
  router.add(Method::Get, topics, Access::permission("deliberation.read", org::compound_query_scope()), list_route);
  router.add(Method::Post, topics, Access::permission("deliberation.propose", http::scope::body_node("compound_id")),
             create_route);
  router.add(Method::Get, topics + "/{id}", Access::signed_in(), get_route);
  router.add(Method::Post, topics + "/{id}/advance", on_topic("deliberation.advance"), advance_route);
  router.add(Method::Get, topics + "/{id}/comments", Access::signed_in(), list_comments_route);
  router.add(Method::Post, topics + "/{id}/comments", on_topic("deliberation.comment"), add_comment_route);
  router.add(Method::Post, "/api/v1/topic-comments/{id}/hide",
             Access::permission("deliberation.moderate", comment_scope()), hide_comment_route);
  router.add(Method::Post, topics + "/{id}/meetings", on_topic("deliberation.advance"), add_meeting_route);
  router.add(Method::Post, topics + "/{id}/plans", on_topic("deliberation.advance"), add_plan_route);
  router.add(Method::Post, topics + "/{id}/vote", on_topic("deliberation.vote"), vote_route);
  router.add(Method::Post, topics + "/{id}/return-to-drafting", on_topic("deliberation.vote"), return_route);
  router.add(Method::Post, topics + "/{id}/resolution", on_topic("deliberation.resolve"), resolution_route);
  router.add(Method::Post, topics + "/{id}/actions", on_topic("deliberation.resolve"), add_action_route);
  router.add(Method::Post, "/api/v1/topic-actions/{id}/done",
             Access::permission("deliberation.resolve", action_scope()), action_done_route);
  router.add(Method::Get, "/api/v1/me/topics", Access::signed_in(), my_topics_route);
}

}  // namespace weizhi::deliberation
