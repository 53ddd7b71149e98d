// HTTP routes of the epidemic module: observation points declared on a building or unit, listed by compound, read,
// their last day moved, and lifted, the compound's group robots told. An observation or node the caller cannot read is answered as
// missing (404). Their care's routes are care_routes.cpp.
#include "core/entries.hpp"
#include "core/lookup.hpp"
#include "http/body_id.hpp"
#include "http/context.hpp"
#include "http/record_scope.hpp"
#include "modules/access/access.hpp"
#include "modules/epidemic/module.hpp"
#include "modules/epidemic/permissions.hpp"
#include "modules/epidemic/rules.hpp"
#include "modules/epidemic/store.hpp"
#include "modules/org/org.hpp"

namespace weizhi::epidemic {

Observation require_observation(store::Connection& connection, std::int64_t id) {
  return found_or_404(find_observation(connection, id), kNoObservation);
}

http::ScopeResolver observation_scope() {
  return http::scope::readable_by(kRead, http::scope::record_node(require_observation, &Observation::compound_node_id),
                                  kNoObservation);
}

namespace {

using http::Access;
using http::Context;
using http::Method;
using http::Response;

constexpr const char* kNoNode = "找不到该楼栋或单元";

Json observation_json(const Observation& observation) {
  Json staff = Json::array();
  for (const auto& member : observation.staff) {
    staff.push_back({{"user_id", member.user_id}, {"display_name", member.display_name}});
  }
  return {{"id", observation.id},
          {"node", {{"id", observation.input.node_id}, {"name", observation.node_name}}},
          {"compound", {{"id", observation.compound_node_id}, {"name", observation.compound_name}}},
          {"starts_on", observation.input.starts_on},
          {"ends_on", observation.input.ends_on},
          {"reason", observation.input.reason},
          {"state", code_of(kObservationStates, observation.state)},
          {"households", observation.households},
          {"persons", observation.persons},
          {"credentials_suspended", observation.credentials_held},
          {"staff", staff},
          {"ended_at", or_null(observation.ended_at)},
          {"created_at", observation.created_at},
          {"check_ins", observation.check_ins},
          {"help_requests", observation.help_requests},
          {"care_purged_at", or_null(observation.purged_at)}};
}

// The compound of an observed node, which is a building or a unit of one: 422 naming `node_id` for another kind.
std::int64_t compound_of(store::Tx& tx, const org::Node& node) {
  if (node.kind != org::NodeKind::Building && node.kind != org::NodeKind::Unit) {
    fail_unprocessable("观察点应为楼栋或单元", "node_id");
  }
  auto building = node.kind == org::NodeKind::Building ? node : org::find_node(tx, node.parent_id.value_or(0));
  if (!building || !building->parent_id) throw std::runtime_error("a building without its compound");
  return *building->parent_id;
}

// Each staff account must work on the compound: 422 naming the element otherwise.
void check_staff(store::Tx& tx, const std::vector<std::int64_t>& staff, const std::string& compound_path) {
  for (std::size_t i = 0; i < staff.size(); ++i) {
    if (!access::works_on(tx.connection(), staff[i], compound_path, modules::kStaff, iso_utc(tx.now()))) {
      fail_unprocessable("该账号在本小区没有工作岗位", element_field("staff_user_ids", i));
    }
  }
}

Response declare_route(Context& context) {
  JsonObject body(context.json_body());
  ObservationInput input;
  input.node_id = http::body_id(context, body, "node_id");
  input.starts_on = body.text("starts_on");
  input.ends_on = body.text("ends_on");
  input.reason = body.text("reason");
  if (const Json* staff = body.optional_any("staff_user_ids")) {
    input.staff_user_ids =
        http::body_ids(context, *staff, "staff_user_ids", "工作人员应为账号编号的数组", "账号编号应为整数");
    std::sort(input.staff_user_ids.begin(), input.staff_user_ids.end());
    input.staff_user_ids.erase(std::unique(input.staff_user_ids.begin(), input.staff_user_ids.end()),
                               input.staff_user_ids.end());
  }
  body.finish();
  std::string today = street_date(context.services.clock.now());
  check_observation(input, today);
  Json created = context.write([&](store::Tx& tx) {
    auto node = found_or_404(org::find_node(tx, input.node_id), kNoNode);
    std::int64_t compound = compound_of(tx, node);
    check_staff(tx, input.staff_user_ids, found_or_404(org::find_node(tx, compound), kNoNode).path);
    ObservationState state = state_on(input.starts_on, input.ends_on, street_date(tx.now()));
    std::int64_t id =
        insert_observation(tx, input, compound, ObservationState::Planned, residents_under(tx.connection(), node.path));
    insert_staff(tx, id, input.staff_user_ids);
    Json summary{{"node_id", input.node_id},
                 {"starts_on", input.starts_on},
                 {"ends_on", input.ends_on},
                 {"reason", input.reason},
                 {"staff_user_ids", input.staff_user_ids}};
    if (state == ObservationState::Active)
      summary["credentials"] = start_observation(tx, require_observation(tx.connection(), id));
    context.audit(tx, "epidemic.observation.declare", "epidemic_observation:" + std::to_string(id), summary);
    auto declared = require_observation(tx.connection(), id);
    tell_compound(tx, declared, Notice::Declared);
    return observation_json(declared);
  });
  return Response::json(201, created);
}

Response list_route(Context& context) {
  auto lease = context.read();
  auto compound = org::require_compound(*lease, org::queried_compound_id(context));
  Json items = Json::array();
  for (const auto& observation : observations_of_compound(*lease, compound.id)) {
    items.push_back(observation_json(observation));
  }
  return Response::json(200, {{"items", items}});
}

// One observation with the history of its last day, as its page shows it.
Json observation_page_json(store::Connection& connection, const Observation& observation) {
  Json json = observation_json(observation);
  Json changes = Json::array();
  for (const auto& change : end_changes(connection, observation.id)) {
    changes.push_back({{"from_ends_on", change.from_ends_on},
                       {"ends_on", change.ends_on},
                       {"reason", change.reason},
                       {"changed_by", change.changed_by},
                       {"changed_at", change.changed_at}});
  }
  json["changes"] = changes;
  return json;
}

Response get_route(Context& context) {
  auto lease = context.read();
  return Response::json(200, observation_page_json(*lease, require_observation(*lease, context.path_id("id"))));
}

// Extends or shortens the observation: credentials stay as they are, the daily job ends it once its new last day has
// passed (docs/rules.md#i-observation-change).
Response change_route(Context& context) {
  JsonObject body(context.json_body());
  std::string ends_on = body.text("ends_on");
  std::string reason = body.text("reason");
  body.finish();
  std::int64_t id = context.path_id("id");
  Json changed = context.write([&](store::Tx& tx) {
    auto observation = require_observation(tx.connection(), id);
    EndChange change = change_end(observation, ends_on, reason, street_date(tx.now()));
    change_ends_on(tx, observation, ends_on, reason, context.user().user_id);
    context.audit(tx, "epidemic.observation.change", "epidemic_observation:" + std::to_string(id),
                  {{"change", code_of(kEndChanges, change)},
                   {"from_ends_on", observation.input.ends_on},
                   {"ends_on", ends_on},
                   {"reason", reason}});
    auto moved = require_observation(tx.connection(), id);
    tell_compound(tx, moved, Notice::Changed, observation.input.ends_on);
    return observation_page_json(tx.connection(), moved);
  });
  return Response::json(200, changed);
}

Response lift_route(Context& context) {
  // Nothing to say: an empty body, or an empty object.
  if (!context.request.body.empty()) JsonObject(context.json_body()).finish();
  std::int64_t id = context.path_id("id");
  Json lifted = context.write([&](store::Tx& tx) {
    auto observation = require_observation(tx.connection(), id);
    if (observation.state == ObservationState::Ended) fail_conflict("该观察点已解除", "state");
    Json summary = end_observation(tx, observation);
    context.audit(tx, "epidemic.observation.lift", "epidemic_observation:" + std::to_string(id), summary);
    tell_compound(tx, observation, Notice::Ended);
    return observation_json(require_observation(tx.connection(), id));
  });
  return Response::json(200, lifted);
}

}  // namespace

void add_routes(http::Router& router) {
  const std::string observations = "/api/v1/epidemic/observations";
  auto on_observation = [](const char* permission) { return Access::permission(permission, observation_scope()); };
  router.add(Method::Get, observations,
             Access::permission(kRead, http::scope::readable_by(kRead, org::compound_query_scope(), "找不到该小区")),
             list_route);
  router.add(Method::Post, observations,
             Access::permission(kManage, http::scope::readable_by(kRead, http::scope::body_node("node_id"), kNoNode)),
             declare_route);
  router.add(Method::Get, observations + "/{id}", on_observation(kRead), get_route);
  router.add(Method::Patch, observations + "/{id}", on_observation(kManage), change_route);
  router.add(Method::Post, observations + "/{id}/lift", on_observation(kManage), lift_route);
  add_care_routes(router);
}

}  // namespace weizhi::epidemic
