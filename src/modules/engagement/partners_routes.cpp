// HTTP routes of partner units (共建单位) and their alliance (运河红盟): street leaders add units with their
// contacts, agreements and the resources they sink to communities and compounds; staff read them, and a
// commissioner sees everything sunk to their compound in one place. Every change is audited; what another
// street holds answers 404 like what does not exist.
#include "core/error.hpp"
#include "core/json_code.hpp"
#include "core/lookup.hpp"
#include "core/masking.hpp"
#include "http/body_id.hpp"
#include "http/context.hpp"
#include "modules/engagement/module.hpp"
#include "modules/engagement/partners_store.hpp"
#include "modules/engagement/permissions.hpp"
#include "modules/engagement/route_support.hpp"
#include "modules/engagement/store.hpp"
#include "modules/org/org.hpp"
#include "modules/people/people.hpp"

namespace weizhi::engagement {

namespace {

constexpr const char* kUnknownUnitKind =
    "单位类型应为 government、state_enterprise、enterprise、school、hospital、social_organisation 或 other";
constexpr const char* kUnknownResourceKind = "资源类型应为 venue、volunteers、expertise、funds 或 other";

Partner require_partner(store::Connection& connection, std::int64_t id) {
  return found_or_404(find_partner(connection, id), "找不到该共建单位");
}

http::ScopeResolver partner_scope() {
  return record_scope(
      [](store::Connection& connection, std::int64_t id) { return require_partner(connection, id).input.street_id; });
}

// --- JSON ---

Json partner_json(const Partner& partner) {
  return {{"id", partner.id},
          {"street_id", partner.input.street_id},
          {"name", partner.input.name},
          {"kind", code_of(kUnitKinds, partner.input.kind)},
          {"alliance", or_null(partner.input.alliance)},
          {"created_at", partner.created_at},
          {"updated_at", partner.updated_at}};
}

Json contact_json(const Contact& contact) {
  return {{"id", contact.id},
          {"name", contact.name_masked},
          {"role", contact.role},
          {"phone", or_null(contact.phone_masked)}};
}

Json agreement_json(const Agreement& agreement) {
  return {{"id", agreement.id},
          {"title", agreement.input.title},
          {"signed_on", agreement.input.signed_on},
          {"valid_to", or_null(agreement.input.valid_to)},
          {"summary", agreement.input.summary}};
}

Json resource_json(const Resource& resource) {
  Json served = Json::array();
  for (const auto& [id, name] : resource.served) served.push_back({{"id", id}, {"name", name}});
  Json venue = nullptr;
  if (resource.input.venue_id) venue = {{"id", *resource.input.venue_id}, {"name", resource.venue_name.value_or("")}};
  return {{"id", resource.id},
          {"unit", {{"id", resource.unit_id}, {"name", resource.unit_name}}},
          {"kind", code_of(kResourceKinds, resource.input.kind)},
          {"description", resource.input.description},
          {"venue", venue},
          {"serves", served}};
}

template <class Item, class ToJson>
Json list_json(const std::vector<Item>& items, ToJson to_json) {
  Json list = Json::array();
  for (const auto& item : items) list.push_back(to_json(item));
  return list;
}

// The unit with its contacts (masked), agreements and resources.
Json unit_page_json(store::Connection& connection, const Partner& partner) {
  Json json = partner_json(partner);
  json["contacts"] = list_json(contacts_of(connection, partner.id), contact_json);
  json["agreements"] = list_json(agreements_of(connection, partner.id), agreement_json);
  json["resources"] = list_json(resources_of(connection, partner.id), resource_json);
  return json;
}

// --- Bodies ---

void read_partner(JsonObject& body, PartnerInput& input) {
  if (auto name = body.optional_text("name")) input.name = *name;
  if (auto kind = optional_code_field(body, "kind", parser_of(kUnitKinds), kUnknownUnitKind)) input.kind = *kind;
  if (body.mentions("alliance")) input.alliance = body.optional_text("alliance");
}

// 409 naming name when another unit of the street is called so.
void refuse_taken_name(store::Connection& connection, const PartnerInput& input, std::int64_t except_id) {
  if (partner_name_taken(connection, input.street_id, input.name, except_id))
    fail_conflict("本街道已有共建单位「" + input.name + "」", "name");
}

// --- Units ---

Response list_partners_route(Context& context) {
  auto alliance = context.query("alliance");
  auto [lease, node] = org::read_queried_subtree(context);
  Json items = Json::array();
  for (const auto& partner : partners_of_street(*lease, org::street_of(node.path), alliance)) {
    Json json = partner_json(partner);
    json["resources"] = list_json(resources_of(*lease, partner.id), resource_json);
    json["contacts"] = contacts_of(*lease, partner.id).size();
    json["agreements"] = agreements_of(*lease, partner.id).size();
    items.push_back(std::move(json));
  }
  return Response::json(200, {{"items", items}});
}

Response create_partner_route(Context& context) {
  JsonObject body(context.json_body());
  PartnerInput input;
  input.street_id = http::body_id(context, body, "street_id");
  input.name = body.text("name");
  input.kind = code_field(body, "kind", parser_of(kUnitKinds), kUnknownUnitKind);
  read_partner(body, input);
  body.finish();
  check_partner(input);
  Json created = context.write([&](store::Tx& tx) {
    auto street = org::find_node(tx, input.street_id);
    if (!street) throw ApiError(404, "not_found", "找不到该组织节点", "street_id");
    if (street->kind != org::NodeKind::Street) fail_unprocessable("共建单位应属于街道", "street_id");
    refuse_taken_name(tx.connection(), input, 0);
    std::int64_t id = insert_partner(tx, input, context.user().user_id);
    context.audit(
        tx, "engagement.partner.create", "partner:" + std::to_string(id),
        {{"name", input.name}, {"kind", code_of(kUnitKinds, input.kind)}, {"alliance", or_null(input.alliance)}});
    return unit_page_json(tx.connection(), require_partner(tx.connection(), id));
  });
  return Response::json(201, created);
}

Response get_partner_route(Context& context) {
  auto lease = context.read();
  return Response::json(200, unit_page_json(*lease, require_partner(*lease, context.path_id("id"))));
}

Response update_partner_route(Context& context) {
  std::int64_t id = context.path_id("id");
  JsonObject body(context.json_body());
  if (body.has("street_id")) fail_invalid("street_id", "不能更改共建单位所属街道");
  Json fields = Json::array();
  for (const auto& [key, value] : context.json_body().items()) fields.push_back(key);
  Json updated = context.write([&](store::Tx& tx) {
    Partner partner = require_partner(tx.connection(), id);
    read_partner(body, partner.input);
    body.finish();
    check_partner(partner.input);
    refuse_taken_name(tx.connection(), partner.input, id);
    update_partner(tx, id, partner.input);
    context.audit(tx, "engagement.partner.update", "partner:" + std::to_string(id), {{"fields", fields}});
    return unit_page_json(tx.connection(), require_partner(tx.connection(), id));
  });
  return Response::json(200, updated);
}

// --- Contacts, agreements, resources ---

Response add_contact_route(Context& context) {
  std::int64_t id = context.path_id("id");
  JsonObject body(context.json_body());
  ContactInput input{.name = body.text("name"), .role = body.optional_text("role").value_or(""), .phone = {}};
  if (auto phone = body.optional_text("phone")) {
    if (auto problem = people::phone_problem(*phone)) fail_invalid("phone", "联系电话" + *problem);
    input.phone = normalise_phone(*phone);
  }
  body.finish();
  input.name = people::normalise_name(input.name);
  check_contact(input);
  Json created = context.write([&](store::Tx& tx) {
    require_partner(tx.connection(), id);
    std::int64_t contact = insert_contact(tx, context.services.data_key, id, input);
    context.audit(tx, "engagement.partner.contact.add", "partner:" + std::to_string(id),
                  {{"contact_id", contact}, {"role", input.role}});
    for (const auto& saved : contacts_of(tx.connection(), id)) {
      if (saved.id == contact) return contact_json(saved);
    }
    fail_not_found("找不到该联系人");
  });
  return Response::json(201, created);
}

Response add_agreement_route(Context& context) {
  std::int64_t id = context.path_id("id");
  JsonObject body(context.json_body());
  AgreementInput input{.title = body.text("title"),
                       .signed_on = body.text("signed_on"),
                       .valid_to = body.optional_text("valid_to"),
                       .summary = body.optional_text("summary").value_or("")};
  body.finish();
  check_agreement(input);
  Json created = context.write([&](store::Tx& tx) {
    require_partner(tx.connection(), id);
    std::int64_t agreement = insert_agreement(tx, id, input);
    context.audit(tx, "engagement.partner.agreement.add", "partner:" + std::to_string(id),
                  {{"agreement_id", agreement}, {"title", input.title}, {"valid_to", or_null(input.valid_to)}});
    return agreement_json(Agreement{agreement, input});
  });
  return Response::json(201, created);
}

// The nodes a resource is sunk to: the body's list `serves` of ids, each of the unit's street and within the
// caller's reach (404 naming serves[i] otherwise) and a street, community or compound (422).
std::vector<std::int64_t> read_serves(Context& context, JsonObject& body) {
  return http::body_ids(context, body.any("serves"), "serves", "下沉范围 serves 应为节点编号列表",
                        "下沉范围应为节点编号");
}

void check_served_nodes(Context& context, store::Connection& connection, const std::vector<std::int64_t>& serves,
                        std::int64_t street_id) {
  for (std::size_t i = 0; i < serves.size(); ++i) {
    std::string field = "serves[" + std::to_string(i) + "]";
    auto node = org::find_node(connection, serves[i]);
    if (!node || org::street_of(node->path) != street_id || !context.can(kRead, node->id))
      throw ApiError(404, "not_found", "找不到该组织节点", field);
    if (node->kind != org::NodeKind::Street && node->kind != org::NodeKind::Community &&
        node->kind != org::NodeKind::Compound)
      fail_unprocessable("资源应下沉到街道、社区或小区", field);
  }
}

Response add_resource_route(Context& context) {
  std::int64_t id = context.path_id("id");
  JsonObject body(context.json_body());
  ResourceInput input;
  input.kind = code_field(body, "kind", parser_of(kResourceKinds), kUnknownResourceKind);
  input.description = body.text("description");
  input.venue_id = http::optional_body_id(context, body, "venue_id");
  input.serves = read_serves(context, body);
  body.finish();
  check_resource(input);
  Json created = context.write([&](store::Tx& tx) {
    Partner partner = require_partner(tx.connection(), id);
    check_served_nodes(context, tx.connection(), input.serves, partner.input.street_id);
    if (input.venue_id) {
      auto venue = find_venue(tx.connection(), *input.venue_id);
      if (!venue || org::street_of(venue->node_path) != partner.input.street_id)
        throw ApiError(404, "not_found", "找不到该场地", "venue_id");
      if (venue_is_resource(tx.connection(), venue->id)) fail_conflict("该场地已登记为共建资源", "venue_id");
    }
    std::int64_t resource = insert_resource(tx, id, input);
    context.audit(tx, "engagement.partner.resource.add", "partner:" + std::to_string(id),
                  {{"resource_id", resource},
                   {"kind", code_of(kResourceKinds, input.kind)},
                   {"venue_id", or_null(input.venue_id)},
                   {"serves", input.serves}});
    for (const auto& saved : resources_of(tx.connection(), id)) {
      if (saved.id == resource) return resource_json(saved);
    }
    fail_not_found("找不到该资源");
  });
  return Response::json(201, created);
}

// Everything sunk to the compound, its community and its street (部门下沉资源), by unit.
Response sunk_resources_route(Context& context) {
  std::int64_t compound_id = org::queried_compound_id(context);
  auto lease = context.read();
  org::Node compound = org::require_compound(*lease, compound_id);
  Json items = Json::array();
  for (const auto& resource : resources_sunk_to(*lease, compound.path)) {
    Json json = resource_json(resource);
    Partner partner = require_partner(*lease, resource.unit_id);
    json["unit"] = partner_json(partner);
    json["contacts"] = list_json(contacts_of(*lease, partner.id), contact_json);
    items.push_back(std::move(json));
  }
  return Response::json(200, {{"compound", {{"id", compound.id}, {"name", compound.name}}}, {"items", items}});
}

}  // namespace

void add_partner_routes(http::Router& router) {
  const std::string partners = "/api/v1/partners";
  auto on_partner = [](const char* permission) { return Access::permission(permission, partner_scope()); };
  // Before {id}: the router takes the first pattern that matches.
  router.add(Method::Get, partners + "/resources", Access::permission(kRead, readable(org::compound_query_scope())),
             sunk_resources_route);
  add_collection_routes(router, partners, list_partners_route, create_partner_route, "street_id");
  router.add(Method::Get, partners + "/{id}", on_partner(kRead), get_partner_route);
  router.add(Method::Patch, partners + "/{id}", on_partner(kManage), update_partner_route);
  router.add(Method::Post, partners + "/{id}/contacts", on_partner(kManage), add_contact_route);
  router.add(Method::Post, partners + "/{id}/agreements", on_partner(kManage), add_agreement_route);
  router.add(Method::Post, partners + "/{id}/resources", on_partner(kManage), add_resource_route);
}

}  // namespace weizhi::engagement
