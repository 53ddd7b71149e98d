// HTTP routes of the covenant module: the street's clause types, a compound's covenant versions
// (draft, adoption by a passed matter-2 vote), acknowledgements by households, violations through
// their life cycle with re-inspections, the escalation run, and the compound's statistics.
#include <map>
#include <set>

#include "audit/audit.hpp"
#include "core/error.hpp"
#include "core/json_array.hpp"
#include "http/audited_step.hpp"
#include "http/body_id.hpp"
#include "http/context.hpp"
#include "http/record_scope.hpp"
#include "http/paging.hpp"
#include "http/query_code.hpp"
#include "modules/covenant/module.hpp"
#include "modules/covenant/rules.hpp"
#include "modules/covenant/store.hpp"
#include "modules/governance/governance.hpp"
#include "modules/media/media.hpp"
#include "modules/org/org.hpp"
#include "modules/people/people.hpp"
#include "store/timeline.hpp"

namespace weizhi::covenant {

namespace {

using http::Access;
using http::Context;
using http::Method;
using http::Response;

// Square metres from 0.01 m² units: an integer when whole, so 462700 reads as 4627.
Json square_metres(std::int64_t centi_m2) {
  if (centi_m2 % 100 == 0) return Json(centi_m2 / 100);
  return Json(static_cast<double>(centi_m2) / 100.0);
}

std::string today(Context& context) { return street_date(context.services.clock.now()); }

// A date field of a body, today when absent.
std::string day_field(Context& context, JsonObject& body, const std::string& name) {
  return checked_date(body.optional_text(name).value_or(today(context)), name);
}

// --- Scopes ---

Version require_version(store::Connection& connection, std::int64_t id) {
  return found_or_404(find_version(connection, id), "找不到该公约");
}

Violation require_violation(store::Connection& connection, std::int64_t id) {
  return found_or_404(find_violation(connection, id), "找不到该违约记录");
}

http::ScopeResolver version_scope() { return http::scope::record_node(require_version, &Version::compound_node_id); }

http::ScopeResolver violation_scope() {
  return http::scope::record_node(require_violation,
                                  [](const Violation& violation) { return violation.input.compound_node_id; });
}

// --- JSON ---

Json policy_json(const Policy& policy) {
  return {{"extra_clause_types", policy.extra_clause_types}, {"clause_types", clause_types(policy)}};
}

Json version_json(const Version& version) {
  Json clauses = Json::array();
  for (const auto& clause : version.clauses) {
    clauses.push_back({{"number", clause.number},
                       {"type", clause.type},
                       {"text", clause.text},
                       {"rectification_days", clause.rectification_days},
                       {"escalation_days", clause.escalation_days}});
  }
  return {{"id", version.id},
          {"compound", {{"id", version.compound_node_id}, {"name", version.compound_name}}},
          {"number", version.number},
          {"title", version.title},
          {"state", code_of(kVersionStates, version.state)},
          {"vote_id", or_null(version.vote_id)},
          {"vote_item", or_null(version.vote_item)},
          {"adopted_on", or_null(version.adopted_on)},
          {"superseded_on", or_null(version.superseded_on)},
          {"created_at", version.created_at},
          {"clauses", clauses}};
}

// Who the violation has reached today. Computed on read from the clause's escalation days, so it
// is right whether or not the escalation run has recorded it yet.
Json escalation_json(store::Connection& connection, const Violation& violation, const std::string& today_text,
                     TimePoint now) {
  EscalationLevel level =
      escalation_level(violation.state, violation.deadline_on, violation.escalation_days, today_text);
  std::optional<std::int64_t> person_id;
  if (level != EscalationLevel::None && level != EscalationLevel::Street) {
    auto compound = org::find_node(connection, violation.input.compound_node_id);
    auto chains = governance::chains_under(connection, compound->path, now);
    auto status = governance::check_chain(chains.terms[compound->id], now);
    auto wanted = level == EscalationLevel::Commissioner         ? governance::ChainPosition::Commissioner
                  : level == EscalationLevel::TripartiteDirector ? governance::ChainPosition::TripartiteDirector
                                                                 : governance::ChainPosition::CommunitySecretary;
    for (const auto& link : status.links) {
      if (link.position == wanted) person_id = link.person_id;
    }
  }
  Json person = nullptr;
  if (person_id) {
    auto names = governance::masked_names(connection, {*person_id});
    person = {{"id", *person_id}, {"name", names.count(*person_id) ? names[*person_id] : ""}};
  }
  Json recorded = Json::array();
  for (const auto& escalation : recorded_escalations(connection, violation.id)) {
    recorded.push_back({{"level", escalation.level}, {"on", escalation.on}});
  }
  return {{"level", code_of(governance::kEscalationLevels, level)},
          {"days_overdue",
           violation.deadline_on && is_open(violation.state) ? days_overdue(*violation.deadline_on, today_text) : 0},
          {"person", person},
          {"recorded_level",
           code_of(governance::kEscalationLevels, static_cast<EscalationLevel>(violation.recorded_level))},
          {"recorded", recorded}};
}

Json violation_json(store::Connection& connection, const Violation& violation, const std::string& today_text,
                    TimePoint now) {
  Json json{{"id", violation.id},
            {"covenant_id", violation.version_id},
            {"compound_id", violation.input.compound_node_id},
            {"compound", {{"id", violation.input.compound_node_id}, {"name", violation.compound_name}}},
            {"clause_number", violation.input.clause_number},
            {"clause_type", violation.clause_type},
            {"kind", code_of(kViolationKinds, violation.kind)},
            {"state", code_of(kViolationStates, violation.state)},
            {"reported_on", violation.input.reported_on},
            {"notified_on", or_null(violation.notified_on)},
            {"deadline_on", or_null(violation.deadline_on)},
            {"rectifying_on", or_null(violation.rectifying_on)},
            {"removed_on", or_null(violation.removed_on)},
            {"closed_on", or_null(violation.closed_on)},
            {"close_reason", or_null(violation.close_reason)},
            {"created_at", violation.created_at}};
  switch (violation.kind) {
    case ViolationKind::IllegalStructure:
      json["location"] = violation.input.location;
      json["part_id"] = or_null(violation.input.part_node_id);
      json["area_centi_m2"] = violation.input.area_centi_m2;
      json["photos"] = violation.input.photos;
      break;
    case ViolationKind::Parking:
      json["plate"] = violation.input.plate;
      json["place"] = violation.input.place;
      break;
    case ViolationKind::Other:
      json["description"] = violation.input.description;
      break;
  }
  Json inspections = Json::array();
  for (const auto& inspection : violation.inspections) {
    inspections.push_back({{"id", inspection.id},
                           {"inspected_on", inspection.inspected_on},
                           {"passed", inspection.passed},
                           {"note", inspection.note}});
  }
  json["inspections"] = inspections;
  json["escalation"] = escalation_json(connection, violation, today_text, now);
  return json;
}

// The violation as its own page shows it: each step, re-inspection and recorded escalation names who
// took it (`by`: user_id, name and role as every timeline shows them, masked for residents), null for
// the daily job and for steps recorded before who took them was kept. Lists leave it out.
Json violation_detail_json(store::Connection& connection, const Violation& violation, const std::string& today_text,
                           TimePoint now) {
  Json json = violation_json(connection, violation, today_text, now);
  auto escalations = recorded_escalations(connection, violation.id);
  const ViolationTakers& by = violation.by;
  std::set<std::int64_t> ids;
  for (auto user_id : {by.reported, by.notified, by.rectifying, by.removed, by.closed}) {
    if (user_id) ids.insert(*user_id);
  }
  for (const auto& inspection : violation.inspections) {
    if (inspection.by_user_id) ids.insert(*inspection.by_user_id);
  }
  for (const auto& escalation : escalations) {
    if (escalation.by_user_id) ids.insert(*escalation.by_user_id);
  }
  auto actors = store::actors(connection, ids, now);
  auto taker = [&](std::optional<std::int64_t> user_id) {
    auto found = user_id ? actors.find(*user_id) : actors.end();
    if (found == actors.end()) return Json(nullptr);
    return Json{{"user_id", *user_id}, {"name", found->second.name}, {"role", found->second.role}};
  };
  json["by"] = {{"reported", taker(by.reported)},
                {"notified", taker(by.notified)},
                {"rectifying", taker(by.rectifying)},
                {"removed", taker(by.removed)},
                {"closed", taker(by.closed)}};
  for (std::size_t i = 0; i < violation.inspections.size(); ++i) {
    json["inspections"][i]["by"] = taker(violation.inspections[i].by_user_id);
  }
  for (std::size_t i = 0; i < escalations.size(); ++i) {
    json["escalation"]["recorded"][i]["by"] = taker(escalations[i].by_user_id);
  }
  return json;
}

// --- Policy ---

Response get_policy_route(Context& context) { return org::street_policy(context, policy_of_street, policy_json); }

Response put_policy_route(Context& context) {
  std::int64_t street_id = context.path_id("street_id");
  JsonObject body(context.json_body());
  const Json& types = body.any("extra_clause_types");
  body.finish();
  Policy policy;
  policy.extra_clause_types =
      text_array(types, "extra_clause_types", "字段 extra_clause_types 应为文字数组", "应为文字");
  check_policy(policy);
  return org::save_street_policy(context, street_id, "covenant.policy.update", policy_json(policy),
                                 [&](store::Tx& tx) { save_policy(tx, street_id, policy); });
}

// --- Covenant versions ---

Response list_route(Context& context) {
  std::int64_t compound_id = org::queried_compound_id(context);
  auto lease = context.read();
  auto compound = org::require_compound(*lease, compound_id);
  Json items = Json::array();
  std::optional<std::int64_t> in_force;
  for (const auto& version : versions_of_compound(*lease, compound_id)) {
    if (version.state == VersionState::Adopted) in_force = version.id;
    items.push_back(version_json(version));
  }
  return Response::json(200, {{"compound", {{"id", compound.id}, {"name", compound.name}}},
                              {"in_force_id", or_null(in_force)},
                              {"policy", policy_json(policy_for_node(*lease, compound_id))},
                              {"items", items}});
}

std::vector<Clause> clauses_field(JsonObject& body) {
  return read_array(body.any("clauses"), "clauses", "字段 clauses 应为条款数组",
                    [](const Json& element, const std::string& field) {
                      if (!element.is_object()) fail_invalid(field, "条款应为对象");
                      JsonObject clause(element, field);
                      Clause read{clause.integer("number"), clause.text("type"), clause.text("text"),
                                  clause.integer("rectification_days"), clause.integer("escalation_days")};
                      clause.finish();
                      return read;
                    });
}

Response create_route(Context& context) {
  JsonObject body(context.json_body());
  std::int64_t compound_id = http::body_id(context, body, "compound_id");
  std::string title = body.text("title");
  auto clauses = clauses_field(body);
  body.finish();
  Json created = context.write([&](store::Tx& tx) {
    std::int64_t id = create_version(tx, compound_id, title, clauses);
    Version version = require_version(tx.connection(), id);
    context.audit(tx, "covenant.create", "covenant:" + std::to_string(id), version_json(version));
    return version_json(version);
  });
  return Response::json(201, created);
}

Response get_route(Context& context) {
  auto lease = context.read();
  return Response::json(200, version_json(require_version(*lease, context.path_id("id"))));
}

Response adopt_route(Context& context) {
  std::int64_t id = context.path_id("id");
  JsonObject body(context.json_body());
  std::int64_t vote_id = http::body_id(context, body, "vote_id");
  std::int64_t vote_item = body.optional_integer("vote_item").value_or(1);
  std::string adopted_on = day_field(context, body, "adopted_on");
  body.finish();
  Json adopted = context.write([&](store::Tx& tx) {
    Version version = require_version(tx.connection(), id);
    auto superseded = adopt_version(tx, version, vote_id, vote_item, adopted_on);
    context.audit(tx, "covenant.adopt", "covenant:" + std::to_string(id),
                  {{"vote_id", vote_id},
                   {"vote_item", vote_item},
                   {"adopted_on", adopted_on},
                   {"superseded_id", or_null(superseded)}});
    return version_json(require_version(tx.connection(), id));
  });
  return Response::json(200, adopted);
}

// --- Acknowledgements ---

Json acknowledgements_json(store::Connection& connection, const Version& version) {
  Json items = Json::array();
  auto list = acknowledgements_of(connection, version.id);
  for (const auto& acknowledgement : list) {
    items.push_back({{"part", {{"id", acknowledgement.part_node_id}, {"name", acknowledgement.part_name}}},
                     {"signed_by_resident", acknowledgement.person_id.has_value()},
                     {"acknowledged_at", acknowledgement.acknowledged_at}});
  }
  return {{"covenant_id", version.id},
          {"acknowledged_parts", static_cast<std::int64_t>(list.size())},
          {"residential_parts", residential_parts_of(connection, version.compound_node_id)},
          {"items", items}};
}

Response list_acknowledgements_route(Context& context) {
  auto lease = context.read();
  return Response::json(200, acknowledgements_json(*lease, require_version(*lease, context.path_id("id"))));
}

// Staff who manage the covenant record a household's (paper) acknowledgement; anyone else signs
// only for a part they own, rent or live in.
Response acknowledge_route(Context& context) {
  std::int64_t id = context.path_id("id");
  JsonObject body(context.json_body());
  std::int64_t part_id = http::body_id(context, body, "part_id");
  body.finish();
  std::int64_t compound_id = [&] {
    auto lease = context.read();
    return require_version(*lease, id).compound_node_id;
  }();
  bool staff = context.can("covenant.manage", compound_id);
  Json result = context.write([&](store::Tx& tx) {
    Version version = require_version(tx.connection(), id);
    std::optional<std::int64_t> person_id;
    if (!staff) {
      person_id = people::person_of_user(tx.connection(), context.user().user_id);
      if (!person_id || !person_linked_to_part(tx.connection(), *person_id, part_id)) {
        fail_forbidden("只能为本人居住或拥有的房屋签署公约");
      }
    }
    acknowledge(tx, version, part_id, person_id, context.user().user_id);
    context.audit(tx, "covenant.acknowledge", "covenant:" + std::to_string(id),
                  {{"part_id", part_id}, {"by", staff ? "staff" : "resident"}});
    return acknowledgements_json(tx.connection(), version);
  });
  return Response::json(201, result);
}

// --- Violations ---

Response list_violations_route(Context& context) {
  auto state = http::query_code(context, "state", parser_of(kViolationStates),
                                "状态应为 reported、notified、rectifying、removed 或 closed");
  std::int64_t limit = http::page_limit(context, 100, 500);
  auto before = http::page_cursor(context);
  auto [lease, node] = org::read_queried_subtree(context);
  std::string today_text = today(context);
  TimePoint now = context.services.clock.now();
  auto violations = violations_under(*lease, node.path, state, before, limit);
  Json items = Json::array();
  for (const auto& violation : violations) items.push_back(violation_json(*lease, violation, today_text, now));
  return Response::json(200, http::page_json(items, limit, violations.empty() ? 0 : violations.back().id));
}

Response report_route(Context& context) {
  JsonObject body(context.json_body());
  ViolationInput input;
  input.compound_node_id = http::body_id(context, body, "compound_id");
  input.clause_number = body.integer("clause_number");
  input.reported_on = body.optional_text("reported_on").value_or(today(context));
  input.location = body.optional_text("location").value_or("");
  input.part_node_id = http::optional_body_id(context, body, "part_id");
  input.area_centi_m2 = body.optional_integer("area_centi_m2").value_or(0);
  input.photos = media::photo_ids_field(body, "photos");
  input.plate = body.optional_text("plate").value_or("");
  input.place = body.optional_text("place").value_or("");
  input.description = body.optional_text("description").value_or("");
  body.finish();
  std::string today_text = today(context);
  Json created = context.write([&](store::Tx& tx) {
    std::int64_t id = report_violation(tx, input, context.user().user_id);
    Violation violation = require_violation(tx.connection(), id);
    context.audit(tx, "covenant.violation.report", "covenant_violation:" + std::to_string(id),
                  violation_json(tx.connection(), violation, today_text, tx.now()));
    return violation_detail_json(tx.connection(), violation, today_text, tx.now());
  });
  return Response::json(201, created);
}

// A photo of the violation, to those who may read the violation.
Response violation_photo_route(Context& context) {
  auto lease = context.read();
  return media::cited_photo_reply(context, *lease, require_violation(*lease, context.path_id("id")).input.photos,
                                  "该违约记录没有这张照片");
}

Response get_violation_route(Context& context) {
  auto lease = context.read();
  return Response::json(200, violation_detail_json(*lease, require_violation(*lease, context.path_id("id")),
                                                   today(context), context.services.clock.now()));
}

// One step of a violation's life (its body already read): applies `step` in one transaction with
// its audit record, which also names the state it left, and answers with the violation as it now is.
template <class Step>
Response violation_step(Context& context, const std::string& action, int status, Step&& step) {
  std::int64_t id = context.path_id("id");
  std::string today_text = today(context);
  http::StepTarget<Violation> target{id, "covenant_violation", require_violation,
                                     [&](store::Tx& tx, const Violation& violation) {
                                       return violation_detail_json(tx.connection(), violation, today_text, tx.now());
                                     }};
  return http::audited_step(context, target, action, status, [&](store::Tx& tx, const Violation& violation) {
    Json summary = step(tx, violation);
    summary["from"] = code_of(kViolationStates, violation.state);
    return summary;
  });
}

// A step whose body is only the day it happened on, in the field `day` (today when absent):
// `record(tx, violation, day, user_id)` writes it as taken by the signed-in user.
template <class Record>
Response dated_step(Context& context, const std::string& action, const std::string& day, Record&& record) {
  JsonObject body(context.json_body());
  std::string on = day_field(context, body, day);
  body.finish();
  return violation_step(context, action, 200, [&](store::Tx& tx, const Violation& violation) {
    record(tx, violation, on, context.user().user_id);
    return Json{{day, on}};
  });
}

Response notify_route(Context& context) {
  return dated_step(context, "covenant.violation.notify", "notified_on", notify);
}

Response rectifying_route(Context& context) {
  return dated_step(context, "covenant.violation.rectifying", "on", start_rectifying);
}

Response inspection_route(Context& context) {
  JsonObject body(context.json_body());
  std::string inspected_on = day_field(context, body, "inspected_on");
  bool passed = body.boolean("passed");
  std::string note = body.optional_text("note").value_or("");
  body.finish();
  return violation_step(context, "covenant.violation.inspect", 201, [&](store::Tx& tx, const Violation& violation) {
    std::int64_t inspection_id = add_inspection(tx, violation, inspected_on, passed, note, context.user().user_id);
    return Json{{"inspection_id", inspection_id}, {"inspected_on", inspected_on}, {"passed", passed}};
  });
}

Response remove_route(Context& context) {
  return dated_step(context, "covenant.violation.remove", "removed_on", remove);
}

Response close_route(Context& context) {
  JsonObject body(context.json_body());
  std::string reason = body.text("reason");
  std::string closed_on = day_field(context, body, "closed_on");
  body.finish();
  return violation_step(context, "covenant.violation.close", 200, [&](store::Tx& tx, const Violation& violation) {
    close(tx, violation, reason, closed_on, context.user().user_id);
    return Json{{"reason", reason}, {"closed_on", closed_on}};
  });
}

// Records the levels overdue violations under the node have reached today, as run by `by_user_id`
// (none for the daily job) and audited as `actor`; a second run the same day records nothing, so the
// daily job and a person pressing the button cannot double-escalate.
Json escalate_subtree(store::Tx& tx, std::int64_t node_id, const std::string& path, const std::string& today_text,
                      const std::string& actor, std::optional<std::int64_t> by_user_id) {
  Json recorded = Json::array();
  for (const auto& record : record_escalations(tx, path, today_text, by_user_id)) {
    recorded.push_back(
        {{"violation_id", record.violation_id}, {"level", code_of(governance::kEscalationLevels, record.level)}});
  }
  Json summary{{"today", today_text}, {"node_id", node_id}, {"recorded", recorded}};
  if (!recorded.empty())
    audit::record(tx, actor, "covenant.violation.escalate", "node:" + std::to_string(node_id), summary);
  return summary;
}

Response escalate_route(Context& context) {
  auto node = [&] {
    auto [lease, queried] = org::read_queried_subtree(context);
    return queried;
  }();
  std::string today_text = today(context);
  Json result = context.write([&](store::Tx& tx) {
    return escalate_subtree(tx, node.id, node.path, today_text, context.actor(), context.user().user_id);
  });
  return Response::json(200, result);
}

}  // namespace

// The daily run of escalate_subtree over every street, on the street's date.
modules::Job escalation_job() {
  return modules::Job{"covenant.escalations", [](TimePoint now) { return street_date(now); },
                      [](store::Tx& tx, const std::string& today_text) {
                        for (const auto& root : tx.query("SELECT id, path FROM org_nodes WHERE parent_id IS NULL")) {
                          escalate_subtree(tx, root.i64(0), root.text(1), today_text, "system", std::nullopt);
                        }
                      }};
}

// --- Statistics ---

Response stats_route(Context& context) {
  std::int64_t compound_id = org::queried_compound_id(context);
  auto lease = context.read();
  Stats stats = compound_stats(*lease, compound_id);
  return Response::json(200, {{"adopted_on", or_null(stats.adopted_on)},
                              {"violations", stats.violations},
                              {"removed", stats.removed},
                              {"removed_area_m2", square_metres(stats.removed_area_centi_m2)},
                              {"days_to_last_removal", or_null(stats.days_to_last_removal)},
                              {"open", stats.open}});
}

void add_routes(http::Router& router) {
  auto on_version = [](const char* permission) { return Access::permission(permission, version_scope()); };
  auto on_violation = [](const char* permission) { return Access::permission(permission, violation_scope()); };
  const std::string covenants = "/api/v1/covenants";
  const std::string violations = "/api/v1/covenant-violations";
  org::add_street_policy_routes(router, "/api/v1/covenant-policies", "covenant.read", "covenant.policy",
                                get_policy_route, put_policy_route);

  router.add(Method::Get, covenants, Access::permission("covenant.read", org::compound_query_scope()), list_route);
  router.add(Method::Post, covenants, Access::permission("covenant.manage", http::scope::body_node("compound_id")),
             create_route);
  router.add(Method::Get, covenants + "/{id}", on_version("covenant.read"), get_route);
  router.add(Method::Post, covenants + "/{id}/adopt", on_version("covenant.manage"), adopt_route);
  router.add(Method::Get, covenants + "/{id}/acknowledgements", on_version("covenant.read"),
             list_acknowledgements_route);
  router.add(Method::Post, covenants + "/{id}/acknowledgements", on_version("covenant.acknowledge"), acknowledge_route);

  router.add(Method::Get, violations, Access::permission("covenant.violations.read", org::node_query_scope()),
             list_violations_route);
  router.add(Method::Post, violations, Access::permission("covenant.manage", http::scope::body_node("compound_id")),
             report_route);
  router.add(Method::Post, violations + "/escalate", Access::permission("covenant.manage", org::node_query_scope()),
             escalate_route);
  router.add(Method::Get, violations + "/{id}", on_violation("covenant.violations.read"), get_violation_route);
  router.add(Method::Get, violations + "/{id}/photos/{photo}", on_violation("covenant.violations.read"),
             violation_photo_route);
  router.add(Method::Post, violations + "/{id}/notify", on_violation("covenant.manage"), notify_route);
  router.add(Method::Post, violations + "/{id}/rectifying", on_violation("covenant.manage"), rectifying_route);
  router.add(Method::Post, violations + "/{id}/inspections", on_violation("covenant.manage"), inspection_route);
  router.add(Method::Post, violations + "/{id}/remove", on_violation("covenant.manage"), remove_route);
  router.add(Method::Post, violations + "/{id}/close", on_violation("covenant.manage"), close_route);

  router.add(Method::Get, "/api/v1/stats/covenant", Access::permission("covenant.read", org::compound_query_scope()),
             stats_route);
}

}  // namespace weizhi::covenant
