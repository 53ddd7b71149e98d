// HTTP routes of the elevators module: the street's policy, units' eligibility, and each unit's
// retrofit project — stages, working group, consent vote, cost agreement and split, maintenance
// contract and mediation records.
#include <map>

#include "core/error.hpp"
#include "core/json_array.hpp"
#include "core/json_code.hpp"
#include "http/audited_step.hpp"
#include "http/body_id.hpp"
#include "http/context.hpp"
#include "http/record_scope.hpp"
#include "modules/covenant/covenant.hpp"
#include "modules/elevators/module.hpp"
#include "modules/elevators/rules.hpp"
#include "modules/elevators/store.hpp"
#include "modules/governance/governance.hpp"
#include "modules/org/org.hpp"
#include "modules/voting/voting.hpp"

namespace weizhi::elevators {

namespace {

using http::Access;
using http::Context;
using http::Response;
// elevators::Method is the split method.
using HttpMethod = http::Method;

std::string today(Context& context) { return street_date(context.services.clock.now()); }

std::string day_field(Context& context, JsonObject& body, const std::string& name) {
  return covenant::checked_date(body.optional_text(name).value_or(today(context)), name);
}

// Money as the API takes it: a decimal string of yuan or a whole number of yuan.
std::int64_t yuan_field(JsonObject& body, const std::string& name) {
  const Json& value = body.any(name);
  if (value.is_number_unsigned() || value.is_number_integer()) return parse_yuan(value.dump(), name);
  if (!value.is_string()) fail_invalid(name, "金额应为元，如 \"386000.50\"");
  return parse_yuan(value.get<std::string>(), name);
}

Project require_project(store::Connection& connection, std::int64_t id) {
  return found_or_404(find_project(connection, id), "找不到该加装电梯项目");
}

http::ScopeResolver project_scope() { return http::scope::record_node(require_project, &Project::unit_id); }

// --- JSON ---

Json policy_json(const Policy& policy) {
  return {
      {"min_floors", policy.min_floors}, {"group_size", policy.group_size}, {"publicity_days", policy.publicity_days}};
}

Json unit_json(const UnitRecord& unit, const Policy& policy) {
  Eligibility result = eligibility(unit.facts, policy);
  return {{"unit", {{"id", unit.unit_id}, {"name", unit.unit_name}}},
          {"building",
           {{"id", unit.building_id},
            {"name", unit.building_name},
            {"floors", or_null(unit.facts.floors)},
            {"has_elevator", unit.facts.has_elevator},
            {"state_owned_land", unit.facts.state_owned_land}}},
          {"compound", {{"id", unit.compound_id}, {"name", unit.compound_name}}},
          {"owners", unit.facts.owners},
          {"residential_parts", unit.residential_parts},
          {"eligible", result.eligible},
          {"reasons", result.reasons},
          {"project_id", or_null(unit.project_id)}};
}

Json project_summary_json(const Project& project) {
  return {{"id", project.id},
          {"title", project.title},
          {"unit_id", project.unit_id},
          {"compound_id", project.compound_id},
          {"stage", code_of(kStages, project.stage)},
          {"vote_id", or_null(project.vote_id)},
          {"created_at", project.created_at}};
}

Json group_json(const std::vector<Member>& members, const Policy& policy) {
  Json list = Json::array();
  for (const auto& member : members) {
    list.push_back({{"person_id", or_null(member.person_id)}, {"name", member.name}, {"role", member.role}});
  }
  auto size = static_cast<std::int64_t>(members.size());
  return {{"members", list},
          {"size", size},
          {"required_size", policy.group_size},
          {"group_short", size < policy.group_size}};
}

// The consent vote as the project shows it: state, turnout once opened, and the outcome with its
// ratios against their bounds once counted.
Json vote_json(store::Connection& connection, const Project& project) {
  if (!project.vote_id) return nullptr;
  auto vote = voting::find_vote(connection, *project.vote_id);
  if (!vote) return nullptr;
  Json json{{"id", vote->id},
            {"title", vote->input.title},
            {"matter", vote->input.matter},
            {"state", code_of(voting::kVoteStates, vote->state)},
            {"opens_at", vote->input.opens_at},
            {"closes_at", vote->input.closes_at},
            {"turnout", nullptr},
            {"outcome", nullptr}};
  if (vote->state == voting::VoteState::Draft) return json;
  auto electorate = voting::electorate_of(voting::roll_of(connection, vote->id));
  auto turnout = voting::turnout(electorate, voting::voters_with_ballot(connection, vote->id));
  json["turnout"] = voting::turnout_json(turnout);
  if (vote->state == voting::VoteState::Closed || vote->state == voting::VoteState::Published) {
    auto results = voting::vote_files(connection, *vote).results;
    if (!results.empty()) {
      json["outcome"] = code_of(voting::kOutcomes, results.front().outcome);
      json["result"] = voting::ratios_json(results.front());
    }
  }
  return json;
}

Json weights_json(const std::optional<std::map<std::int64_t, Weight>>& weights) {
  if (!weights) return nullptr;
  Json json = Json::object();
  for (const auto& [floor, weight] : *weights) json[std::to_string(floor)] = weight.text;
  return json;
}

Json split_json(const Split& split) {
  Json shares = Json::array();
  std::int64_t sum = 0;
  for (const auto& share : split.shares) {
    sum += share.share_fen;
    shares.push_back({{"part",
                       {{"id", share.part.part_id},
                        {"room_number", share.part.room_number},
                        {"floor", share.part.floor},
                        {"area_centi_m2", share.part.area_centi_m2}}},
                      {"weight", or_null(share.weight)},
                      {"share_fen", share.share_fen},
                      {"share_yuan", yuan_text(share.share_fen)}});
  }
  return {{"method", code_of(kMethods, split.method)},
          {"total_fen", split.total_fen},
          {"total_yuan", yuan_text(split.total_fen)},
          {"sum_yuan", yuan_text(sum)},
          {"shares", shares}};
}

// The split as the project shows it: null when the registry no longer lets the cost be split
// (the cost-split route answers 409 with the reason).
Json split_or_null(store::Connection& connection, const Project& project) {
  try {
    return split_json(cost_split(connection, project));
  } catch (const ApiError&) {
    return nullptr;
  }
}

Json cost_json(store::Connection& connection, const Project& project) {
  auto agreement = cost_of(connection, project.id);
  if (!agreement) return nullptr;
  return {{"total_fen", agreement->total_fen},
          {"total_yuan", yuan_text(agreement->total_fen)},
          {"floor_weights", weights_json(agreement->floor_weights)},
          {"method", code_of(kMethods, agreement->floor_weights ? Method::Floor : Method::Area)},
          {"split", split_or_null(connection, project)},
          {"updated_at", agreement->updated_at}};
}

Json contract_json(const std::optional<Contract>& contract) {
  if (!contract) return nullptr;
  return {{"provider", contract->provider},
          {"signed_on", contract->signed_on},
          {"maintenance_years", contract->maintenance_years},
          {"warranty_years", contract->warranty_years},
          {"label", contract_label(*contract)},
          {"annual_fee_fen", contract->annual_fee_fen},
          {"annual_fee_yuan", yuan_text(contract->annual_fee_fen)},
          {"response_minutes", or_null(contract->response_minutes)},
          {"note", contract->note},
          {"updated_at", contract->updated_at}};
}

Json mediations_json(store::Connection& connection, std::int64_t project_id) {
  auto list = mediations_of(connection, project_id);
  std::vector<std::int64_t> mediators;
  for (const auto& mediation : list) {
    if (mediation.input.mediator_person_id) mediators.push_back(*mediation.input.mediator_person_id);
  }
  auto names = governance::masked_names(connection, mediators);
  Json items = Json::array();
  for (const auto& mediation : list) {
    const MediationInput& input = mediation.input;
    Json mediator = nullptr;
    if (input.mediator_person_id) {
      mediator = {{"person_id", *input.mediator_person_id}, {"name", names[*input.mediator_person_id]}};
    } else if (input.mediator_name) {
      mediator = {{"person_id", nullptr}, {"name", *input.mediator_name}};
    }
    items.push_back({{"id", mediation.id},
                     {"held_on", input.held_on},
                     {"level", code_of(kLevels, input.level)},
                     {"parties", input.parties},
                     {"mediator", mediator},
                     {"issue", input.issue},
                     {"outcome", code_of(kOutcomes, input.outcome)},
                     {"agreement", or_null(input.agreement)},
                     {"created_at", mediation.created_at}});
  }
  return items;
}

Json project_json(store::Connection& connection, const Project& project) {
  UnitRecord unit = unit_record(connection, project.unit_id);
  Policy policy = policy_for_node(connection, project.unit_id);
  Json stages = Json::array();
  for (const auto& event : stage_history(connection, project.id)) {
    stages.push_back({{"stage", code_of(kStages, event.stage)},
                      {"on", event.on},
                      {"by", {{"user_id", event.by_user_id}, {"name", event.by_name}}},
                      {"recorded_at", event.recorded_at}});
  }
  Json json = project_summary_json(project);
  json["unit"] = unit_json(unit, policy);
  json["policy"] = policy_json(policy);
  json["stages"] = stages;
  json["group"] = group_json(group_of(connection, project.id), policy);
  json["vote"] = vote_json(connection, project);
  json["cost"] = cost_json(connection, project);
  json["contract"] = contract_json(contract_of(connection, project.id));
  json["mediations"] = mediations_json(connection, project.id);
  json["publicity"] = project.publicity_ends_on
                          ? Json{{"starts_on", *project.publicity_starts_on}, {"ends_on", *project.publicity_ends_on}}
                          : Json(nullptr);
  return json;
}

// --- Policy and eligibility ---

Response get_policy_route(Context& context) { return org::street_policy(context, policy_for_node, policy_json); }

Response put_policy_route(Context& context) {
  std::int64_t street_id = context.path_id("street_id");
  JsonObject body(context.json_body());
  Policy policy{body.integer("min_floors"), body.integer("group_size"),
                body.optional_integer("publicity_days").value_or(Policy{}.publicity_days)};
  body.finish();
  return org::save_street_policy(context, street_id, "elevators.policy.update", policy_json(policy),
                                 [&](store::Tx& tx) { save_policy(tx, street_id, policy); });
}

Response eligibility_route(Context& context) {
  auto [lease, node] = org::read_queried_subtree(context);
  Policy policy = policy_for_node(*lease, node.id);
  Json items = Json::array();
  std::int64_t eligible = 0;
  for (const auto& unit : units_under(*lease, node)) {
    items.push_back(unit_json(unit, policy));
    if (items.back()["eligible"].get<bool>()) ++eligible;
  }
  return Response::json(
      200, {{"node", {{"id", node.id}, {"name", node.name}, {"kind", code_of(org::kNodeKinds, node.kind)}}},
            {"policy", policy_json(policy)},
            {"eligible_units", eligible},
            {"items", items}});
}

// --- Projects ---

Response list_route(Context& context) {
  std::int64_t compound_id = org::queried_compound_id(context);
  auto lease = context.read();
  Json items = Json::array();
  for (const auto& project : projects_of_compound(*lease, compound_id)) {
    Json json = project_summary_json(project);
    UnitRecord unit = unit_record(*lease, project.unit_id);
    json["unit"] = {{"id", unit.unit_id}, {"name", unit.unit_name}, {"building", unit.building_name}};
    items.push_back(json);
  }
  return Response::json(200, {{"compound_id", compound_id}, {"items", items}});
}

Response create_route(Context& context) {
  JsonObject body(context.json_body());
  std::int64_t unit_id = http::body_id(context, body, "unit_id");
  auto title = body.optional_text("title");
  std::string on = day_field(context, body, "on");
  body.finish();
  Json created = context.write([&](store::Tx& tx) {
    std::int64_t id = create_project(tx, unit_id, title, context.user().user_id, on);
    Json json = project_json(tx.connection(), require_project(tx.connection(), id));
    context.audit(tx, "elevators.project.create", "elevator_project:" + std::to_string(id),
                  {{"unit_id", unit_id}, {"title", json["title"]}, {"on", on}});
    return json;
  });
  return Response::json(201, created);
}

Response get_route(Context& context) {
  auto lease = context.read();
  return Response::json(200, project_json(*lease, require_project(*lease, context.path_id("id"))));
}

// One write to a project (its body already read): applies `step` in one transaction with its
// audit record and answers with the project as it now is.
template <class Step>
Response project_step(Context& context, const std::string& action, int status, Step&& step) {
  http::StepTarget<Project> target{
      context.path_id("id"), "elevator_project", require_project,
      [](store::Tx& tx, const Project& project) { return project_json(tx.connection(), project); }};
  return http::audited_step(context, target, action, status, std::forward<Step>(step));
}

std::vector<Member> members_field(Context& context, JsonObject& body) {
  return read_array(body.any("members"), "members", "字段 members 应为成员数组",
                    [&](const Json& element, const std::string& prefix) {
                      if (!element.is_object()) fail_invalid(prefix, "成员应为对象");
                      JsonObject member(element, prefix);
                      std::optional<std::int64_t> person_id = http::optional_body_id(context, member, "person_id");
                      Member read{person_id, member.optional_text("name").value_or(""), member.text("role")};
                      member.finish();
                      return read;
                    });
}

Response group_route(Context& context) {
  JsonObject body(context.json_body());
  auto members = members_field(context, body);
  body.finish();
  return project_step(context, "elevators.group.update", 200, [&](store::Tx& tx, const Project& project) {
    save_group(tx, project, members);
    return Json{{"members", static_cast<std::int64_t>(members.size())}};
  });
}

Response consent_vote_route(Context& context) {
  JsonObject body(context.json_body());
  std::string opens_at = body.text("opens_at");
  std::string closes_at = body.text("closes_at");
  const Json& codes = body.any("channels");
  std::string on = day_field(context, body, "on");
  body.finish();
  auto channels = code_array(codes, "channels", "字段 channels 应为渠道数组（online、paper、meeting）",
                             parser_of(voting::kChannels), "渠道应为 online、paper 或 meeting");
  return project_step(context, "elevators.consent_vote.create", 201, [&](store::Tx& tx, const Project& project) {
    std::int64_t vote_id = start_consent_vote(tx, project, opens_at, closes_at, channels, context.user().user_id, on);
    return Json{{"vote_id", vote_id}, {"from", code_of(kStages, project.stage)}, {"on", on}};
  });
}

Response advance_route(Context& context) {
  JsonObject body(context.json_body());
  std::string code = body.text("to");
  std::string on = day_field(context, body, "on");
  body.finish();
  auto to = parse_code(kStages, code);
  if (!to) fail_invalid("to", "阶段应为 design、approval、construction、acceptance、in_service 或 withdrawn");
  return project_step(context, "elevators.project.advance", 200, [&](store::Tx& tx, const Project& project) {
    advance(tx, project, *to, on, context.user().user_id);
    return Json{{"from", code_of(kStages, project.stage)}, {"to", code}, {"on", on}};
  });
}

Response publicity_route(Context& context) {
  JsonObject body(context.json_body());
  std::string starts_on = day_field(context, body, "starts_on");
  body.finish();
  return project_step(context, "elevators.publicity.start", 200, [&](store::Tx& tx, const Project& project) {
    std::string ends_on = start_publicity(tx, project, starts_on);
    return Json{{"starts_on", starts_on}, {"ends_on", ends_on}};
  });
}

Response cost_route(Context& context) {
  JsonObject body(context.json_body());
  CostAgreement agreement;
  agreement.total_fen = yuan_field(body, "total_yuan");
  if (const Json* weights = body.optional_any("floor_weights")) {
    if (!weights->is_object()) fail_invalid("floor_weights", "字段 floor_weights 应为 {\"楼层\": \"系数\"} 或 null");
    std::map<std::int64_t, Weight> parsed;
    for (const auto& [floor, weight] : weights->items()) {
      std::string field = "floor_weights." + floor;
      if (floor.empty() || floor.size() > 3 || floor.find_first_not_of("0123456789") != std::string::npos) {
        fail_invalid(field, "楼层应为正整数");
      }
      if (!weight.is_string() && !weight.is_number_unsigned()) fail_invalid(field, "分摊系数应为文字，如 \"0.5\"");
      parsed[std::stoll(floor)] = parse_weight(weight.is_string() ? weight.get<std::string>() : weight.dump(), field);
    }
    agreement.floor_weights = std::move(parsed);
  }
  body.finish();
  return project_step(context, "elevators.cost.update", 200, [&](store::Tx& tx, const Project& project) {
    save_cost(tx, project, agreement);
    return Json{{"total_fen", agreement.total_fen}, {"floor_weights", weights_json(agreement.floor_weights)}};
  });
}

Response cost_split_route(Context& context) {
  auto lease = context.read();
  Project project = require_project(*lease, context.path_id("id"));
  return Response::json(200, split_json(cost_split(*lease, project)));
}

Response contract_route(Context& context) {
  JsonObject body(context.json_body());
  Contract contract;
  contract.provider = body.text("provider");
  contract.signed_on = covenant::checked_date(body.text("signed_on"), "signed_on");
  contract.maintenance_years = body.integer("maintenance_years");
  contract.warranty_years = body.integer("warranty_years");
  contract.annual_fee_fen = yuan_field(body, "annual_fee_yuan");
  contract.response_minutes = body.optional_integer("response_minutes");
  contract.note = body.optional_text("note").value_or("");
  body.finish();
  return project_step(context, "elevators.contract.update", 200, [&](store::Tx& tx, const Project& project) {
    save_contract(tx, project, contract);
    return contract_json(contract);
  });
}

Response list_mediations_route(Context& context) {
  auto lease = context.read();
  Project project = require_project(*lease, context.path_id("id"));
  return Response::json(200, {{"items", mediations_json(*lease, project.id)}});
}

Response add_mediation_route(Context& context) {
  JsonObject body(context.json_body());
  MediationInput input;
  input.held_on = covenant::checked_date(body.text("held_on"), "held_on");
  if (auto level = optional_code_field(body, "level", parser_of(kLevels), "调解层级应为 community 或 street")) {
    input.level = *level;
  }
  input.parties = text_array(body.any("parties"), "parties", "字段 parties 应为当事方数组", "当事方应为文字");
  input.mediator_person_id = http::optional_body_id(context, body, "mediator_person_id");
  input.mediator_name = body.optional_text("mediator_name");
  input.issue = body.text("issue");
  input.outcome = code_field(body, "outcome", parser_of(kOutcomes), "调解结果应为 agreed、not_agreed 或 pending");
  input.agreement = body.optional_text("agreement");
  body.finish();
  std::int64_t id = context.path_id("id");
  Json created = context.write([&](store::Tx& tx) {
    Project project = require_project(tx.connection(), id);
    std::int64_t mediation_id = add_mediation(tx, project, input, context.user().user_id);
    context.audit(
        tx, "elevators.mediation.create", "elevator_project:" + std::to_string(id),
        {{"mediation_id", mediation_id}, {"held_on", input.held_on}, {"outcome", code_of(kOutcomes, input.outcome)}});
    return Json{{"id", mediation_id}, {"items", mediations_json(tx.connection(), id)}};
  });
  return Response::json(201, created);
}

}  // namespace

void add_routes(http::Router& router) {
  auto on_project = [](const char* permission) { return Access::permission(permission, project_scope()); };
  const std::string projects = "/api/v1/elevator-projects";
  org::add_street_policy_routes(router, "/api/v1/elevator-policies", "elevators.read", "elevators.policy",
                                get_policy_route, put_policy_route);
  router.add(HttpMethod::Get, "/api/v1/elevators/eligibility",
             Access::permission("elevators.read", org::node_query_scope()), eligibility_route);
  router.add(HttpMethod::Get, projects, Access::permission("elevators.read", org::compound_query_scope()), list_route);
  router.add(HttpMethod::Post, projects, Access::permission("elevators.manage", http::scope::body_node("unit_id")),
             create_route);
  router.add(HttpMethod::Get, projects + "/{id}", on_project("elevators.read"), get_route);
  router.add(HttpMethod::Put, projects + "/{id}/group", on_project("elevators.manage"), group_route);
  router.add(HttpMethod::Post, projects + "/{id}/consent-vote", on_project("elevators.manage"), consent_vote_route);
  router.add(HttpMethod::Post, projects + "/{id}/advance", on_project("elevators.manage"), advance_route);
  router.add(HttpMethod::Post, projects + "/{id}/publicity", on_project("elevators.manage"), publicity_route);
  router.add(HttpMethod::Put, projects + "/{id}/cost", on_project("elevators.manage"), cost_route);
  router.add(HttpMethod::Get, projects + "/{id}/cost-split", on_project("elevators.read"), cost_split_route);
  router.add(HttpMethod::Put, projects + "/{id}/contract", on_project("elevators.manage"), contract_route);
  router.add(HttpMethod::Get, projects + "/{id}/mediations", on_project("elevators.read"), list_mediations_route);
  router.add(HttpMethod::Post, projects + "/{id}/mediations", on_project("elevators.manage"), add_mediation_route);
}

}  // namespace weizhi::elevators
