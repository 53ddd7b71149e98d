// HTTP routes of the committees module: the street's policy, a compound's committee with its
// duties, members, alternates and party share, adding members and alternates, and a member
// leaving (the first alternate promoted).
#include "core/error.hpp"
#include "core/json_array.hpp"
#include "core/json_code.hpp"
#include "http/audited_step.hpp"
#include "http/body_id.hpp"
#include "http/context.hpp"
#include "http/record_scope.hpp"
#include "modules/committees/module.hpp"
#include "modules/committees/rules.hpp"
#include "modules/committees/store.hpp"
#include "modules/org/org.hpp"
#include "modules/people/people.hpp"

namespace weizhi::committees {

namespace {

using http::Access;
using http::Context;
using http::Method;
using http::Response;

Json policy_json(const Policy& policy) {
  return {{"term_years", policy.term_years},
          {"duties", policy.duties},
          {"party_share_percent", policy.party_share_percent},
          {"commissioner_joins", code_of(kCommissionerJoins, policy.commissioner_joins)},
          {"publicity_days", policy.publicity_days}};
}

Json votes_json(const std::optional<std::int64_t>& votes) { return votes ? Json(*votes) : Json(nullptr); }

Json committee_json(store::Connection& connection, const Committee& committee) {
  Policy policy = policy_for_node(connection, committee.compound_node_id);
  auto members = members_of(connection, committee.id);
  auto commissioner = current_commissioner(connection, committee.compound_node_id);
  Json member_list = Json::array();
  std::int64_t party_members = 0;
  bool commissioner_on_committee = false;
  for (const auto& member : members) {
    party_members += member.party_member;
    commissioner_on_committee = commissioner_on_committee || (commissioner && member.person_id == *commissioner);
    member_list.push_back({{"id", member.id},
                           {"person", {{"id", member.person_id}, {"name", member.name}}},
                           {"party_member", member.party_member},
                           {"position", code_of(kPositions, member.position)},
                           {"origin", code_of(kOrigins, member.origin)},
                           {"votes", votes_json(member.votes)},
                           {"joined_at", member.joined_at}});
  }
  Json alternate_list = Json::array();
  for (const auto& alternate : alternates_of(connection, committee.id)) {
    alternate_list.push_back({{"rank", alternate.rank},
                              {"person", {{"id", alternate.person_id}, {"name", alternate.name}}},
                              {"party_member", alternate.party_member},
                              {"votes", votes_json(alternate.votes)}});
  }
  PartyShare share = party_share(party_members, static_cast<std::int64_t>(members.size()), policy.party_share_percent);
  Json share_json{{"party_members", share.party_members},
                  {"members", share.members},
                  {"required_percent", share.required_percent},
                  {"met", share.met},
                  {"shortfall", share.shortfall}};
  if (!share.met) {
    share_json["message"] = "党员比例未达到街道要求的 " + std::to_string(share.required_percent) + "%，还差 " +
                            std::to_string(share.shortfall) + " 名党员成员";
  }
  // Terms come newest first: those before this one are its predecessors, the one just before it its successor.
  Json previous_terms = Json::array();
  std::optional<std::int64_t> next_term_id;
  bool before_this = false;
  for (const auto& term : terms_of_compound(connection, committee.compound_node_id)) {
    if (term.id == committee.id) {
      before_this = true;
      continue;
    }
    if (!before_this) {
      next_term_id = term.id;
      continue;
    }
    previous_terms.push_back({{"id", term.id},
                              {"term_starts_on", term.term_starts_on},
                              {"term_ends_on", term.term_ends_on},
                              {"ended_on", term.ended_on ? Json(*term.ended_on) : Json(nullptr)}});
  }
  return {{"id", committee.id},
          {"compound", {{"id", committee.compound_node_id}, {"name", committee.compound_name}}},
          {"term_starts_on", committee.term_starts_on},
          {"term_ends_on", committee.term_ends_on},
          {"ended_on", committee.ended_on ? Json(*committee.ended_on) : Json(nullptr)},
          {"next_term_id", next_term_id ? Json(*next_term_id) : Json(nullptr)},
          {"previous_terms", previous_terms},
          {"duties", policy.duties},
          {"members", member_list},
          {"alternates", alternate_list},
          {"party_share", share_json},
          {"commissioner",
           {{"person_id", commissioner ? Json(*commissioner) : Json(nullptr)},
            {"on_committee", commissioner_on_committee}}}};
}

Committee require_committee(store::Connection& connection, std::int64_t id) {
  return found_or_404(find_committee(connection, id), "找不到该自管会");
}

// Members and alternates of a past term are its record: only the current committee changes.
Committee require_current_committee(store::Connection& connection, std::int64_t id) {
  Committee committee = require_committee(connection, id);
  if (committee.ended_on) fail_conflict("该届自管会已于 " + *committee.ended_on + " 换届，不能再修改");
  return committee;
}

http::ScopeResolver committee_scope() {
  return http::scope::record_node(require_committee, &Committee::compound_node_id);
}

// The person named by the body's person_id, whom the caller must be allowed to see: the right to
// the committee is no right to people of other compounds.
std::int64_t person_field(Context& context, JsonObject& body) {
  std::int64_t person_id = http::body_id(context, body, "person_id");
  people::require_person(context, "people.read", person_id, "person_id");
  return person_id;
}

Origin origin_field(JsonObject& body) {
  return code_field(
      body, "origin", parser_of(kOrigins),
      "来源应为 social_worker、resident_group_leader、building_leader、enthusiastic_resident 或 commissioner");
}

// --- Policy ---

Response get_policy_route(Context& context) { return org::street_policy(context, policy_of_street, policy_json); }

Response put_policy_route(Context& context) {
  std::int64_t street_id = context.path_id("street_id");
  JsonObject body(context.json_body());
  Policy policy;
  policy.term_years = body.integer("term_years");
  policy.duties = text_array(body.any("duties"), "duties", "字段 duties 应为文字数组", "应为文字");
  policy.party_share_percent = body.integer("party_share_percent");
  policy.commissioner_joins = code_field(body, "commissioner_joins", parser_of(kCommissionerJoins),
                                         "专员进入方式应为 ex_officio 或 if_elected");
  policy.publicity_days = body.integer("publicity_days");
  body.finish();
  check_policy(policy);
  return org::save_street_policy(context, street_id, "committee.policy.update", policy_json(policy),
                                 [&](store::Tx& tx) { save_policy(tx, street_id, policy); });
}

// --- Committees ---

Response list_route(Context& context) { return org::subtree_items(context, committees_under, committee_json); }

Response get_route(Context& context) {
  auto lease = context.read();
  return Response::json(200, committee_json(*lease, require_committee(*lease, context.path_id("id"))));
}

Response create_route(Context& context) {
  JsonObject body(context.json_body());
  std::int64_t compound_id = http::body_id(context, body, "compound_id");
  std::string starts_on = body.text("term_starts_on");
  body.finish();
  Json created = context.write([&](store::Tx& tx) {
    std::int64_t id = create_committee(tx, compound_id, starts_on);
    Committee committee = require_committee(tx.connection(), id);
    context.audit(
        tx, "committee.create", "committee:" + std::to_string(id),
        {{"compound_id", compound_id}, {"term_starts_on", starts_on}, {"term_ends_on", committee.term_ends_on}});
    return committee_json(tx.connection(), committee);
  });
  return Response::json(201, created);
}

// One write to the current committee `id` (its body already read): `step` in one transaction with
// its audit record, answered with the committee as it now is.
template <class Step>
Response committee_step(Context& context, std::int64_t id, const std::string& action, int status, Step&& step) {
  http::StepTarget<Committee> target{
      id, "committee", require_current_committee,
      [](store::Tx& tx, const Committee& committee) { return committee_json(tx.connection(), committee); }};
  return http::audited_step(context, target, action, status, std::forward<Step>(step));
}

Response add_member_route(Context& context) {
  std::int64_t id = context.path_id("id");
  JsonObject body(context.json_body());
  NewMember member{person_field(context, body)};
  member.position = code_field(body, "position", parser_of(kPositions), "职务应为 director、deputy 或 member");
  member.origin = origin_field(body);
  body.finish();
  return committee_step(context, id, "committee.member.add", 201, [&](store::Tx& tx, const Committee&) {
    std::int64_t member_id = add_member(tx, id, member);
    return Json{{"member_id", member_id},
                {"person_id", member.person_id},
                {"position", code_of(kPositions, member.position)},
                {"origin", code_of(kOrigins, member.origin)}};
  });
}

Response add_alternate_route(Context& context) {
  std::int64_t id = context.path_id("id");
  JsonObject body(context.json_body());
  NewAlternate alternate{person_field(context, body)};
  alternate.origin = origin_field(body);
  body.finish();
  return committee_step(context, id, "committee.alternate.add", 201, [&](store::Tx& tx, const Committee&) {
    std::int64_t rank = add_alternate(tx, id, alternate);
    return Json{{"person_id", alternate.person_id}, {"rank", rank}};
  });
}

Response leave_route(Context& context) {
  std::int64_t id = context.path_id("id");
  std::int64_t member_id = context.path_id("member_id");
  JsonObject body(context.json_body());
  std::string reason = body.text("reason");
  body.finish();
  if (reason.find_first_not_of(" \t") == std::string::npos || reason.size() > 600) {
    fail_invalid("reason", "请填写离任原因（不超过 200 字）");
  }
  return committee_step(context, id, "committee.member.leave", 200, [&](store::Tx& tx, const Committee&) {
    auto promoted = member_leaves(tx, id, member_id, reason);
    return Json{{"member_id", member_id}, {"reason", reason}, {"promoted_member_id", or_null(promoted)}};
  });
}

}  // namespace

void add_routes(http::Router& router) {
  auto allowed = [](const char* permission) { return Access::permission(permission, committee_scope()); };
  const std::string base = "/api/v1/committees";
  org::add_street_policy_routes(router, "/api/v1/committee-policies", "committees.read", "committees.policy",
                                get_policy_route, put_policy_route);
  router.add(Method::Get, base, Access::permission("committees.read", org::node_query_scope()), list_route);
  router.add(Method::Post, base, Access::permission("committees.manage", http::scope::body_node("compound_id")),
             create_route);
  router.add(Method::Get, base + "/{id}", allowed("committees.read"), get_route);
  router.add(Method::Post, base + "/{id}/members", allowed("committees.manage"), add_member_route);
  router.add(Method::Post, base + "/{id}/alternates", allowed("committees.manage"), add_alternate_route);
  router.add(Method::Post, base + "/{id}/members/{member_id}/leave", allowed("committees.manage"), leave_route);
}

}  // namespace weizhi::committees
