// HTTP routes of the governance module: the responsibility chain and its coverage, commissioners,
// community positions, party organisations and compound party forms, grids, social
// organisations and the organisation statistics.
#include <array>
#include <map>
#include <utility>

#include "core/error.hpp"
#include "core/json_array.hpp"
#include "core/json_code.hpp"
#include "http/context.hpp"
#include "http/record_scope.hpp"
#include "modules/governance/module.hpp"
#include "modules/governance/rules.hpp"
#include "modules/governance/store.hpp"
#include "modules/people/people.hpp"
#include "modules/org/org.hpp"

namespace weizhi::governance {

namespace {

using http::Access;
using http::Context;
using http::Method;
using http::Response;

using org::node_query_scope;
using org::read_queried_subtree;

org::Node path_node_of_kind(Context& context, store::Connection& connection, org::NodeKind kind,
                            const std::string& what) {
  auto node = org::find_node(connection, context.path_id("id"));
  if (!node || node->kind != kind) fail_not_found("找不到该" + what);
  return *node;
}

Json ref_json(std::int64_t id, const std::map<std::int64_t, std::string>& names) {
  auto it = names.find(id);
  return {{"id", id}, {"name", it == names.end() ? "" : it->second}};
}

Json optional_ref_json(const std::optional<std::int64_t>& id, const std::map<std::int64_t, std::string>& names) {
  return id ? ref_json(*id, names) : Json(nullptr);
}

// The people and org nodes a list's records name, as {id, name}: each name is looked up once for
// the whole list, people's masked.
struct ListedNames {
  std::vector<std::int64_t> person_ids;
  std::vector<std::int64_t> node_ids;
  std::map<std::int64_t, std::string> people;
  std::map<std::int64_t, std::string> nodes;

  void name_person(const std::optional<std::int64_t>& id) {
    if (id) person_ids.push_back(*id);
  }
  void name_node(std::int64_t id) { node_ids.push_back(id); }
  Json person(const std::optional<std::int64_t>& id) const { return optional_ref_json(id, people); }
  Json node(std::int64_t id) const { return ref_json(id, nodes); }
};

// `records` as `show(record, names)` shows each, after `name(record, names)` has listed the ids
// each one names.
template <class Record, class Name, class Show>
Json named_items(store::Connection& connection, const std::vector<Record>& records, Name&& name, Show&& show) {
  ListedNames names;
  for (const auto& record : records) name(record, names);
  names.people = masked_names(connection, names.person_ids);
  names.nodes = node_names(connection, names.node_ids);
  Json items = Json::array();
  for (const auto& record : records) items.push_back(show(record, names));
  return items;
}

void require_positive(const std::string& field, std::optional<std::int64_t> id) {
  if (id && *id <= 0) fail_invalid(field, "字段 " + field + " 应为正整数编号");
}

// A person named beside the record: the caller must hold governance.write where the person is
// registered too, or anyone in the street could be appointed from a community's office.
void require_person_in_scope(Context& context, const std::string& field, std::optional<std::int64_t> person_id) {
  require_positive(field, person_id);
  if (person_id) people::require_person(context, "governance.write", *person_id, field);
}

void check_name(const std::string& field, const std::string& value) {
  if (auto problem = org::name_problem(value)) fail_invalid(field, *problem);
}

// An optional array of positive ids; 400 naming the offending element.
std::vector<std::int64_t> id_list(Context& context, JsonObject& body, const std::string& key) {
  const Json* value = body.optional_any(key);
  if (!value) return {};
  return read_array(*value, key, "字段 " + key + " 应为编号数组", [&](const Json& item, const std::string& field) {
    if (!item.is_number_integer()) fail_invalid(field, "字段 " + field + " 应为正整数编号");
    return context.parse_id(item.dump(), field);
  });
}

// --- Responsibility chain ---

Json positions_json(const std::vector<ChainPosition>& positions) {
  Json codes = Json::array();
  for (ChainPosition position : positions) codes.push_back(code_of(kChainPositionCodes, position));
  return codes;
}

// Staff read the chains in their scope; a resident reads the chain of a compound they have a household in,
// which is how the H5 shows "my commissioner".
Response chain_route(Context& context) {
  auto lease = context.read();
  org::Node compound = path_node_of_kind(context, *lease, org::NodeKind::Compound, "小区");
  if (!context.can("governance.read", compound.id) &&
      !people::has_household_in(*lease, context.user().user_id, compound.id)) {
    context.require("governance.read", compound.id);
  }
  TimePoint now = context.services.clock.now();
  auto chains = chains_under(*lease, compound.path, now);
  ChainStatus status = check_chain(chains.terms[compound.id], now);
  std::vector<std::int64_t> people;
  for (const auto& link : status.links) {
    if (link.person_id) people.push_back(*link.person_id);
  }
  auto names = masked_names(*lease, people);
  Json links = Json::array();
  for (const auto& link : status.links) {
    Json shown{{"position", code_of(kChainPositionCodes, link.position)},
               {"person", optional_ref_json(link.person_id, names)}};
    if (link.position == ChainPosition::Commissioner && link.person_id) {
      auto phone = commissioner_service_phone(*lease, compound.id, now);
      shown["service_phone"] = phone ? Json(*phone) : Json(nullptr);
    }
    links.push_back(shown);
  }
  return Response::json(200, {{"compound", {{"id", compound.id}, {"name", compound.name}}},
                              {"links", links},
                              {"complete", status.complete},
                              {"missing", positions_json(status.missing)}});
}

Response coverage_route(Context& context) {
  auto [lease, node] = read_queried_subtree(context);
  TimePoint now = context.services.clock.now();
  auto chains = chains_under(*lease, node.path, now);
  auto gaps = coverage_gaps(chains.terms, now);
  Json items = Json::array();
  for (const auto& gap : gaps) {
    items.push_back(
        {{"compound", ref_json(gap.compound_id, chains.compound_names)}, {"missing", positions_json(gap.missing)}});
  }
  return Response::json(200, {{"node", {{"id", node.id}, {"name", node.name}}},
                              {"compounds", chains.compound_names.size()},
                              {"complete", chains.compound_names.size() - gaps.size()},
                              {"items", items}});
}

Response set_position_route(Context& context) {
  auto position = parse_code(kCommunityPositions, context.request.path_params.at("position"));
  if (!position) fail_not_found("没有该社区职务：可设 secretary 或 tripartite_director");
  JsonObject body(context.json_body());
  std::int64_t person_id = body.integer("person_id");
  body.finish();
  require_person_in_scope(context, "person_id", person_id);
  std::int64_t community_id = context.path_id("id");
  Json result = context.write([&](store::Tx& tx) {
    path_node_of_kind(context, tx.connection(), org::NodeKind::Community, "社区");
    bool changed = set_community_position(tx, community_id, *position, person_id);
    if (changed) {
      context.audit(tx, "governance.position.set", "org_node:" + std::to_string(community_id),
                    {{"position", code_of(kCommunityPositions, *position)}, {"person_id", person_id}});
    }
    return Json{{"community_id", community_id},
                {"position", code_of(kCommunityPositions, *position)},
                {"person", ref_json(person_id, masked_names(tx.connection(), {person_id}))},
                {"changed", changed}};
  });
  return Response::json(200, result);
}

// --- Commissioners ---

// A commissioner's four attributes, by the names replies give them.
std::array<std::pair<const char*, bool>, 4> attributes_of(const CommissionerInput& input) {
  return {{{"from_two_committees", input.from_two_committees},
           {"also_party_secretary", input.also_party_secretary},
           {"first_secretary", input.first_secretary},
           {"grid_chief", input.grid_chief}}};
}

Json assignment_json(store::Connection& connection, const CommissionerAssignment& assignment) {
  const CommissionerInput& input = assignment.input;
  Json json{{"id", assignment.id},
            {"person", ref_json(input.person_id, masked_names(connection, {input.person_id}))},
            {"compound", ref_json(input.compound_node_id, node_names(connection, {input.compound_node_id}))},
            {"since", assignment.since},
            {"until", or_null(assignment.until)},
            {"service_phone", or_null(input.service_phone)}};
  for (const auto& [key, value] : attributes_of(input)) json[key] = value;
  return json;
}

Response list_commissioners_route(Context& context) {
  auto [lease, node] = read_queried_subtree(context);
  Json items = Json::array();
  for (const auto& row : current_commissioners(*lease, node.path, context.services.clock.now())) {
    const CommissionerInput& input = row.assignment.input;
    if (items.empty() || items.back()["person"]["id"] != input.person_id) {
      items.push_back(
          {{"person", {{"id", input.person_id}, {"name", row.person_name}, {"phone", or_null(row.person_phone)}}},
           {"compounds", Json::array()},
           {"from_two_committees", false},
           {"also_party_secretary", false},
           {"first_secretary", false},
           {"grid_chief", false}});
    }
    Json& item = items.back();
    item["compounds"].push_back({{"id", input.compound_node_id},
                                 {"name", row.compound_name},
                                 {"assignment_id", row.assignment.id},
                                 {"since", row.assignment.since},
                                 {"service_phone", or_null(input.service_phone)}});
    // A person's attributes are those of any of their current assignments.
    for (const auto& [key, value] : attributes_of(input)) {
      if (value) item[key] = true;
    }
  }
  return Response::json(200, {{"items", items}});
}

Response assign_commissioner_route(Context& context) {
  JsonObject body(context.json_body());
  auto flag = [&](const char* key) { return body.optional_boolean(key).value_or(false); };
  CommissionerInput input{body.integer("person_id"),    body.integer("compound_id"), flag("from_two_committees"),
                          flag("also_party_secretary"), flag("first_secretary"),     flag("grid_chief")};
  input.service_phone = body.optional_text("service_phone");
  body.finish();
  require_person_in_scope(context, "person_id", input.person_id);
  if (input.service_phone) {
    if (auto problem = service_phone_problem(*input.service_phone)) fail_invalid("service_phone", *problem);
  }
  Json created = context.write([&](store::Tx& tx) {
    CommissionerAssignment assignment = assign_commissioner(tx, input);
    context.audit(tx, "governance.commissioner.assign", "commissioner_assignment:" + std::to_string(assignment.id),
                  {{"person_id", input.person_id}, {"compound_id", input.compound_node_id}});
    return assignment_json(tx.connection(), assignment);
  });
  return Response::json(201, created);
}

http::ScopeResolver assignment_scope() {
  return http::scope::record_node("assignment_id", [](store::Connection& connection, std::int64_t id) {
    return found_or_404(assignment_compound(connection, id), "找不到该专员任职记录");
  });
}

Response end_commissioner_route(Context& context) {
  std::int64_t id = context.path_id("assignment_id");
  context.write([&](store::Tx& tx) {
    CommissionerAssignment ended = end_commissioner(tx, id);
    context.audit(
        tx, "governance.commissioner.end", "commissioner_assignment:" + std::to_string(id),
        {{"person_id", ended.input.person_id}, {"compound_id", ended.input.compound_node_id}, {"until", *ended.until}});
  });
  return Response::no_content();
}

// --- Party organisations ---

Json party_orgs_json(store::Connection& connection, const std::vector<PartyOrg>& orgs) {
  auto name = [](const PartyOrg& org, ListedNames& names) {
    names.name_person(org.input.secretary_person_id);
    names.name_node(org.input.community_node_id);
    for (std::int64_t id : org.input.compound_ids) names.name_node(id);
  };
  return named_items(connection, orgs, name, [](const PartyOrg& org, const ListedNames& names) {
    Json compounds = Json::array();
    for (std::int64_t id : org.input.compound_ids) compounds.push_back(names.node(id));
    return Json{{"id", org.id},
                {"kind", code_of(kPartyOrgKinds, org.input.kind)},
                {"name", org.input.name},
                {"community", names.node(org.input.community_node_id)},
                {"secretary", names.person(org.input.secretary_person_id)},
                {"compounds", compounds},
                {"created_at", org.created_at}};
  });
}

Json party_org_json(store::Connection& connection, std::int64_t id) {
  auto org = find_party_org(connection, id);
  if (!org) fail_not_found("找不到该党组织");
  return party_orgs_json(connection, {*org}).front();
}

Response list_party_orgs_route(Context& context) {
  auto [lease, node] = read_queried_subtree(context);
  return Response::json(200, {{"items", party_orgs_json(*lease, party_orgs_under(*lease, node.path))}});
}

Response create_party_org_route(Context& context) {
  JsonObject body(context.json_body());
  std::string kind_text = body.text("kind");
  std::string name = body.text("name");
  std::int64_t community_id = body.integer("community_id");
  auto secretary = body.optional_integer("secretary_person_id");
  auto compound_ids = id_list(context, body, "compound_ids");
  body.finish();
  auto kind = parse_code(kPartyOrgKinds, kind_text);
  if (!kind) fail_invalid("kind", "党组织类型应为 committee（社区党委）或 branch（党支部）");
  check_name("name", name);
  require_person_in_scope(context, "secretary_person_id", secretary);
  Json created = context.write([&](store::Tx& tx) {
    std::int64_t id = create_party_org(tx, {*kind, name, community_id, secretary, compound_ids});
    context.audit(
        tx, "governance.party_org.create", "party_org:" + std::to_string(id),
        {{"kind", kind_text}, {"name", name}, {"community_id", community_id}, {"compound_ids", compound_ids}});
    return party_org_json(tx.connection(), id);
  });
  return Response::json(201, created);
}

http::ScopeResolver party_org_scope() {
  return http::scope::record_node("id", [](store::Connection& connection, std::int64_t id) {
    return found_or_404(find_party_org(connection, id), "找不到该党组织").input.community_node_id;
  });
}

Response update_party_org_route(Context& context) {
  std::int64_t id = context.path_id("id");
  const Json& raw = context.json_body();
  JsonObject body(raw);
  PartyOrgChange change;
  change.name = body.optional_text("name");
  auto secretary = body.optional_integer("secretary_person_id");
  if (body.mentions("secretary_person_id")) change.secretary_person_id = secretary;
  if (body.has("compound_ids")) change.compound_ids = id_list(context, body, "compound_ids");
  body.finish();
  if (change.name) check_name("name", *change.name);
  require_person_in_scope(context, "secretary_person_id", secretary);
  Json updated = context.write([&](store::Tx& tx) {
    update_party_org(tx, id, change);
    context.audit(tx, "governance.party_org.update", "party_org:" + std::to_string(id), raw);
    return party_org_json(tx.connection(), id);
  });
  return Response::json(200, updated);
}

// --- Compound party form ---

Json compound_party_json(store::Connection& connection, const org::Node& compound) {
  CompoundParty party = compound_party(connection, compound.id);
  std::vector<PartyOrg> orgs = party.branches;
  if (party.community_committee) orgs.push_back(*party.community_committee);
  Json shown = party_orgs_json(connection, orgs);
  Json committee = party.community_committee ? shown.back() : Json(nullptr);
  if (party.community_committee) shown.erase(shown.size() - 1);
  return {{"compound", {{"id", compound.id}, {"name", compound.name}}},
          {"form", code_of(kPartyForms, party.decision.form)},
          {"derived_form", code_of(kPartyForms, party.decision.derived)},
          {"overridden", party.decision.overridden},
          {"led_by_community_committee", party.led_by_community_committee},
          {"form_override", party.form_override ? Json(code_of(kPartyForms, *party.form_override)) : Json(nullptr)},
          {"community_committee", committee},
          {"branches", shown}};
}

Response compound_party_route(Context& context) {
  auto lease = context.read();
  org::Node compound = path_node_of_kind(context, *lease, org::NodeKind::Compound, "小区");
  return Response::json(200, compound_party_json(*lease, compound));
}

Response set_compound_party_route(Context& context) {
  JsonObject body(context.json_body());
  bool led = body.boolean("led_by_community_committee");
  auto form_override = optional_code_field(body, "form_override", parser_of(kPartyForms),
                                           "形式应为 single_branch、joint_association、community_direct 或 none");
  body.finish();
  Json result = context.write([&](store::Tx& tx) {
    org::Node compound = path_node_of_kind(context, tx.connection(), org::NodeKind::Compound, "小区");
    set_compound_party(tx, compound.id, led, form_override);
    context.audit(tx, "governance.compound_party.set", "org_node:" + std::to_string(compound.id),
                  {{"led_by_community_committee", led},
                   {"form_override", form_override ? Json(code_of(kPartyForms, *form_override)) : Json(nullptr)}});
    return compound_party_json(tx.connection(), compound);
  });
  return Response::json(200, result);
}

// --- Grids and social organisations ---

Json grids_json(store::Connection& connection, const std::vector<Grid>& grids) {
  auto name = [](const Grid& grid, ListedNames& names) {
    names.name_person(grid.input.chief_person_id);
    names.name_node(grid.input.community_node_id);
  };
  return named_items(connection, grids, name, [](const Grid& grid, const ListedNames& names) {
    return Json{{"id", grid.id},
                {"name", grid.input.name},
                {"community", names.node(grid.input.community_node_id)},
                {"chief", names.person(grid.input.chief_person_id)},
                {"building_ids", grid.input.building_ids}};
  });
}

Response list_grids_route(Context& context) {
  auto [lease, node] = read_queried_subtree(context);
  return Response::json(200, {{"items", grids_json(*lease, grids_under(*lease, node.path))}});
}

Response create_grid_route(Context& context) {
  JsonObject body(context.json_body());
  GridInput input{body.integer("community_id"), body.text("name"), body.optional_integer("chief_person_id"), {}};
  input.building_ids = id_list(context, body, "building_ids");
  body.finish();
  check_name("name", input.name);
  require_person_in_scope(context, "chief_person_id", input.chief_person_id);
  Json created = context.write([&](store::Tx& tx) {
    std::int64_t id = create_grid(tx, input);
    context.audit(
        tx, "governance.grid.create", "grid:" + std::to_string(id),
        {{"community_id", input.community_node_id}, {"name", input.name}, {"building_ids", input.building_ids}});
    Grid grid{id, input};
    return grids_json(tx.connection(), {grid}).front();
  });
  return Response::json(201, created);
}

Json social_orgs_json(store::Connection& connection, const std::vector<SocialOrg>& orgs) {
  auto name = [](const SocialOrg& org, ListedNames& names) {
    names.name_person(org.input.contact_person_id);
    names.name_node(org.input.node_id);
  };
  return named_items(connection, orgs, name, [](const SocialOrg& org, const ListedNames& names) {
    return Json{{"id", org.id},
                {"name", org.input.name},
                {"node", names.node(org.input.node_id)},
                {"service", org.input.service},
                {"contact", names.person(org.input.contact_person_id)},
                {"created_at", org.created_at}};
  });
}

Response list_social_orgs_route(Context& context) {
  auto [lease, node] = read_queried_subtree(context);
  return Response::json(200, {{"items", social_orgs_json(*lease, social_orgs_under(*lease, node.path))}});
}

Response create_social_org_route(Context& context) {
  JsonObject body(context.json_body());
  SocialOrgInput input{body.text("name"), body.integer("node_id"), body.text("service"),
                       body.optional_integer("contact_person_id")};
  body.finish();
  check_name("name", input.name);
  check_name("service", input.service);
  require_person_in_scope(context, "contact_person_id", input.contact_person_id);
  Json created = context.write([&](store::Tx& tx) {
    std::int64_t id = create_social_org(tx, input);
    context.audit(tx, "governance.social_org.create", "social_org:" + std::to_string(id),
                  {{"name", input.name}, {"node_id", input.node_id}, {"service", input.service}});
    SocialOrg org{id, input, iso_utc(tx.now())};
    return social_orgs_json(tx.connection(), {org}).front();
  });
  return Response::json(201, created);
}

// --- Statistics ---

Response organization_stats_route(Context& context) {
  auto [lease, node] = read_queried_subtree(context);
  OrganizationStats stats = organization_stats(*lease, node, context.services.clock.now());
  Json forms = Json::object();
  for (const auto& [form, count] : stats.party_forms) forms[code_of(kPartyForms, form)] = count;
  return Response::json(
      200, {{"node", {{"id", node.id}, {"name", node.name}, {"kind", code_of(org::kNodeKinds, node.kind)}}},
            {"communities", stats.communities},
            {"compounds", stats.compounds},
            {"buildings", stats.buildings},
            {"parts", stats.parts},
            {"commissioners", stats.commissioners},
            {"commissioners_from_two_committees", stats.commissioners_from_two_committees},
            {"commissioners_also_party_secretary", stats.commissioners_also_party_secretary},
            {"party_forms", forms},
            {"compounds_with_complete_chain", stats.compounds_with_complete_chain},
            {"compounds_missing_chain", stats.compounds - stats.compounds_with_complete_chain}});
}

}  // namespace

void add_routes(http::Router& router) {
  auto read = [](http::ScopeResolver scope) { return Access::permission("governance.read", std::move(scope)); };
  auto write = [](http::ScopeResolver scope) { return Access::permission("governance.write", std::move(scope)); };
  const std::string base = "/api/v1/governance";
  router.add(Method::Get, "/api/v1/org/nodes/{id}/chain", Access::signed_in(), chain_route);
  router.add(Method::Get, base + "/coverage", read(node_query_scope()), coverage_route);
  router.add(Method::Get, base + "/commissioners", read(node_query_scope()), list_commissioners_route);
  router.add(Method::Post, base + "/commissioners", write(http::scope::body_node("compound_id")),
             assign_commissioner_route);
  router.add(Method::Delete, base + "/commissioners/{assignment_id}", write(assignment_scope()),
             end_commissioner_route);
  router.add(Method::Put, base + "/communities/{id}/positions/{position}", write(http::scope::path_node("id")),
             set_position_route);
  router.add(Method::Get, base + "/party-orgs", read(node_query_scope()), list_party_orgs_route);
  router.add(Method::Post, base + "/party-orgs", write(http::scope::body_node("community_id")), create_party_org_route);
  router.add(Method::Patch, base + "/party-orgs/{id}", write(party_org_scope()), update_party_org_route);
  router.add(Method::Get, base + "/compounds/{id}/party", read(http::scope::path_node("id")), compound_party_route);
  router.add(Method::Put, base + "/compounds/{id}/party", write(http::scope::path_node("id")),
             set_compound_party_route);
  router.add(Method::Get, base + "/grids", read(node_query_scope()), list_grids_route);
  router.add(Method::Post, base + "/grids", write(http::scope::body_node("community_id")), create_grid_route);
  router.add(Method::Get, base + "/social-orgs", read(node_query_scope()), list_social_orgs_route);
  router.add(Method::Post, base + "/social-orgs", write(http::scope::body_node("node_id")), create_social_org_route);
  router.add(Method::Get, "/api/v1/stats/organization", Access::permission("stats.read", node_query_scope()),
             organization_stats_route);
}

}  // namespace weizhi::governance
