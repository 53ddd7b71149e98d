// HTTP routes of the people registry: people (masked unless unmasked with a logged reason),
// the links between parts and people, and the signed-in resident's own households.
#include "core/error.hpp"
#include "core/masking.hpp"
#include "http/context.hpp"
#include "http/paging.hpp"
#include "modules/org/org.hpp"
#include "modules/people/module.hpp"
#include "modules/people/people.hpp"
#include "modules/people/rules.hpp"
#include "modules/people/store.hpp"

namespace weizhi::people {

namespace {

using http::Access;
using http::Context;
using http::Method;
using http::Response;

constexpr std::int64_t kDefaultPageSize = 50;
constexpr std::int64_t kMaxPageSize = 200;

// The home node of the person whose id is the path parameter `name`: people are scoped by it.
http::ScopeResolver person_home(std::string name) {
  return [name](Context& context) -> std::optional<std::int64_t> {
    auto lease = context.read();
    auto person = find_person(*lease, context.path_id(name));
    if (!person) fail_not_found("找不到该人员");
    return person->home_node_id;
  };
}

Json optional_json(const std::optional<std::string>& value) { return value ? Json(*value) : Json(nullptr); }

Json person_json(const Person& person) {
  return {{"id", person.id},
          {"home_node_id", person.home_node_id},
          {"name", person.name_masked},
          {"phone", optional_json(person.phone_masked)},
          {"id_number", optional_json(person.id_number_masked)},
          {"birth_year", person.birth_year ? Json(*person.birth_year) : Json(nullptr)},
          {"party_member", person.party_member},
          {"tags", person.tags},
          {"is_developer", person.is_developer},
          {"created_at", person.created_at},
          {"updated_at", person.updated_at}};
}

Json placed_link_json(const PlacedLink& link) {
  auto id_of = [](const std::optional<NamedNode>& node) { return node ? Json(node->id) : Json(nullptr); };
  auto name_of = [](const std::optional<NamedNode>& node) { return node ? Json(node->name) : Json(nullptr); };
  return {{"link_id", link.link_id},
          {"relation", code_of(kRelations, link.relation)},
          {"designated_voter", link.designated_voter},
          {"proxy_reference", optional_json(link.proxy_reference)},
          {"part_id", link.part.id},
          {"room", link.part.name},
          {"unit_id", id_of(link.unit)},
          {"unit", name_of(link.unit)},
          {"building_id", id_of(link.building)},
          {"building", name_of(link.building)},
          {"compound_id", id_of(link.compound)},
          {"compound", name_of(link.compound)}};
}

Json part_link_json(const PartLink& link) {
  return {{"id", link.link_id},
          {"person_id", link.person_id},
          {"name", link.person_name_masked},
          {"relation", code_of(kRelations, link.relation)},
          {"designated_voter", link.designated_voter},
          {"proxy_reference", optional_json(link.proxy_reference)},
          {"created_at", link.created_at}};
}

std::vector<std::string> read_tags(JsonObject& body) {
  const Json* value = body.optional_any("tags");
  if (!value) return {};
  if (!value->is_array()) fail_invalid("tags", "字段 tags 应为字符串数组");
  std::vector<std::string> tags;
  for (const auto& tag : *value) {
    if (!tag.is_string()) fail_invalid("tags", "字段 tags 应为字符串数组");
    tags.push_back(tag.get<std::string>());
  }
  return tags;
}

// A field that may be set, cleared with null, or left out: outer nullopt when left out.
template <class Read>
auto nullable(const JsonObject& body, const std::string& key, Read read) -> std::optional<decltype(read())> {
  auto value = read();
  if (!body.mentions(key)) return std::nullopt;
  return std::optional<decltype(read())>(std::in_place, std::move(value));
}

Response list_people_route(Context& context) {
  PeopleFilter filter;
  auto node = context.query("node");
  std::int64_t node_id = node ? context.parse_id(*node, "node") : context.root_node_id();
  filter.limit = http::page_limit(context, kDefaultPageSize, kMaxPageSize);
  if (auto cursor = http::page_cursor(context)) filter.after_id = *cursor;
  const auto& key = context.services.data_key;
  if (auto q = context.query("q")) {
    switch (search_kind(*q)) {
      case SearchKind::Phone:
        filter.phone_index = key.blind_index(normalise_phone(*q));
        break;
      case SearchKind::Address:
        org::check_address_query(*q, "q");
        filter.address = *q;
        break;
      case SearchKind::Name:
        if (auto problem = name_problem(*q)) fail_invalid("q", *problem);
        filter.name_index = key.blind_index(normalise_name(*q));
        break;
    }
  }
  if (auto tag = context.query("tag")) {
    if (auto problem = tags_problem({*tag})) fail_invalid("tag", *problem);
    filter.tag = *tag;
  }
  auto lease = context.read();
  auto path = node_path(*lease, node_id);
  if (!path) fail_not_found("找不到该组织节点");
  filter.scope_path = *path;
  auto people = search_people(*lease, filter);
  ListedHomes homes = homes_of(*lease, people);
  Json items = Json::array();
  for (const auto& person : people) {
    Json item = person_json(person);
    item["home_name"] = homes.home_names[person.home_node_id];
    Json places = Json::array();
    for (const auto& place : homes.places[person.id]) {
      places.push_back({{"part_id", place.part_id},
                        {"compound_id", place.compound.id},
                        {"compound", place.compound.name},
                        {"address", place.address}});
    }
    item["places"] = places;
    items.push_back(item);
  }
  Json page = http::page_json(items, filter.limit, people.empty() ? 0 : people.back().id);
  page["total"] = count_people(*lease, filter);
  return Response::json(200, page);
}

Response get_person_route(Context& context) {
  std::int64_t id = context.path_id("id");
  Json result;
  {
    auto lease = context.read();
    auto person = find_person(*lease, id);
    if (!person) fail_not_found("找不到该人员");
    result = person_json(*person);
    Json links = Json::array();
    for (const auto& link : links_of_person(*lease, id)) links.push_back(placed_link_json(link));
    result["links"] = links;
  }
  result["can_unmask"] = context.can("people.unmask", result["home_node_id"].get<std::int64_t>());
  return Response::json(200, result);
}

Response create_person_route(Context& context) {
  JsonObject body(context.json_body());
  PersonInput input;
  input.home_node_id = body.integer("home_node_id");
  input.name = body.text("name");
  input.phone = body.optional_text("phone");
  input.id_number = body.optional_text("id_number");
  input.birth_year = body.optional_integer("birth_year");
  input.party_member = body.optional_boolean("party_member").value_or(false);
  input.tags = read_tags(body);
  input.is_developer = body.optional_boolean("is_developer").value_or(false);
  body.finish();
  Person created = context.write([&](store::Tx& tx) {
    std::int64_t id = create_person(tx, context.services.data_key, input);
    context.audit(tx, "person.create", "person:" + std::to_string(id),
                  {{"home_node_id", input.home_node_id}, {"fields", changed_field_names(as_change(input))}});
    return *find_person(tx.connection(), id);
  });
  return Response::json(201, person_json(created));
}

Response update_person_route(Context& context) {
  std::int64_t id = context.path_id("id");
  JsonObject body(context.json_body());
  PersonChange change;
  change.home_node_id = body.optional_integer("home_node_id");
  change.name = body.optional_text("name");
  change.phone = nullable(body, "phone", [&] { return body.optional_text("phone"); });
  change.id_number = nullable(body, "id_number", [&] { return body.optional_text("id_number"); });
  change.birth_year = nullable(body, "birth_year", [&] { return body.optional_integer("birth_year"); });
  change.party_member = body.optional_boolean("party_member");
  if (body.mentions("tags")) change.tags = read_tags(body);  // null clears them
  change.is_developer = body.optional_boolean("is_developer");
  body.finish();
  if (change.home_node_id) context.require("people.write", *change.home_node_id);
  Person updated = context.write([&](store::Tx& tx) {
    auto changed = update_person(tx, context.services.data_key, id, change);
    if (!changed.empty()) context.audit(tx, "person.update", "person:" + std::to_string(id), {{"fields", changed}});
    return *find_person(tx.connection(), id);
  });
  return Response::json(200, person_json(updated));
}

Response unmask_route(Context& context) {
  std::int64_t id = context.path_id("id");
  JsonObject body(context.json_body());
  std::string reason = body.text("reason");
  body.finish();
  if (auto problem = unmask_reason_problem(reason)) fail_invalid("reason", *problem);
  PersonSecrets secrets = context.write([&](store::Tx& tx) {
    PersonSecrets found = read_secrets(tx.connection(), context.services.data_key, id);
    context.audit(tx, "person.unmask", "person:" + std::to_string(id), {{"reason", reason}});
    return found;
  });
  return Response::json(200, {{"id", id},
                              {"name", secrets.name},
                              {"phone", optional_json(secrets.phone)},
                              {"id_number", optional_json(secrets.id_number)}});
}

std::int64_t part_id(Context& context) {
  std::int64_t id = context.path_id("id");
  auto lease = context.read();
  if (!is_part(*lease, id)) fail_not_found("找不到该户");
  return id;
}

Response part_links_route(Context& context) {
  std::int64_t id = part_id(context);
  auto lease = context.read();
  Json items = Json::array();
  for (const auto& link : links_of_part(*lease, id)) items.push_back(part_link_json(link));
  return Response::json(200, {{"items", items}});
}

Response create_link_route(Context& context) {
  std::int64_t part = context.path_id("id");
  JsonObject body(context.json_body());
  LinkInput link;
  link.part_node_id = part;
  link.person_id = body.integer("person_id");
  std::string relation_text = body.text("relation");
  link.designated_voter = body.optional_boolean("designated_voter").value_or(false);
  link.proxy_reference = body.optional_text("proxy_reference");
  body.finish();
  if (link.person_id <= 0) fail_invalid("person_id", "字段 person_id 应为正整数编号");
  require_person(context, "people.write", link.person_id);
  auto relation = parse_code(kRelations, relation_text);
  if (!relation) fail_invalid("relation", "关系应为 owner、tenant 或 resident");
  link.relation = *relation;
  if (link.proxy_reference) {
    if (auto problem = proxy_reference_problem(*link.proxy_reference)) fail_invalid("proxy_reference", *problem);
  }
  PartLink created = context.write([&](store::Tx& tx) {
    std::int64_t id = insert_link(tx, link);
    context.audit(tx, "part.link.create", "part_link:" + std::to_string(id),
                  {{"part_id", part},
                   {"person_id", link.person_id},
                   {"relation", relation_text},
                   {"designated_voter", link.designated_voter}});
    return *find_link(tx.connection(), id);
  });
  return Response::json(201, part_link_json(created));
}

Response delete_link_route(Context& context) {
  std::int64_t part = context.path_id("id");
  std::int64_t link_id = context.path_id("link_id");
  context.write([&](store::Tx& tx) {
    if (!delete_link(tx, part, link_id)) fail_not_found("该户没有这条关联");
    context.audit(tx, "part.link.delete", "part_link:" + std::to_string(link_id), {{"part_id", part}});
  });
  return Response::no_content();
}

Response households_route(Context& context) {
  std::int64_t user_id = context.user().user_id;
  auto lease = context.read();
  auto person_id = person_of_user(*lease, user_id);
  Json items = Json::array();
  if (person_id) {
    for (const auto& link : links_of_person(*lease, *person_id)) items.push_back(placed_link_json(link));
  }
  return Response::json(200, {{"person_id", person_id ? Json(*person_id) : Json(nullptr)}, {"items", items}});
}

}  // namespace

void add_routes(http::Router& router) {
  router.add(Method::Get, "/api/v1/people", Access::permission("people.read", http::scope::query_node_or_root("node")),
             list_people_route);
  router.add(Method::Post, "/api/v1/people", Access::permission("people.write", http::scope::body_node("home_node_id")),
             create_person_route);
  router.add(Method::Get, "/api/v1/people/{id}", Access::permission("people.read", person_home("id")),
             get_person_route);
  router.add(Method::Patch, "/api/v1/people/{id}", Access::permission("people.write", person_home("id")),
             update_person_route);
  router.add(Method::Post, "/api/v1/people/{id}/unmask", Access::permission("people.unmask", person_home("id")),
             unmask_route);
  router.add(Method::Get, "/api/v1/parts/{id}/links", Access::permission("people.read", http::scope::path_node("id")),
             part_links_route);
  router.add(Method::Post, "/api/v1/parts/{id}/links", Access::permission("people.write", http::scope::path_node("id")),
             create_link_route);
  router.add(Method::Delete, "/api/v1/parts/{id}/links/{link_id}",
             Access::permission("people.write", http::scope::path_node("id")), delete_link_route);
  router.add(Method::Get, "/api/v1/me/households", Access::signed_in(), households_route);
}

void require_person(Context& context, const std::string& permission, std::int64_t person_id) {
  require_person(context, permission, person_id, "person_id");
}

void require_person(Context& context, const std::string& permission, std::int64_t person_id, const std::string& field) {
  std::optional<std::int64_t> home;
  {
    auto lease = context.read();
    if (auto person = find_person(*lease, person_id)) home = person->home_node_id;
  }
  if (!home) throw ApiError(404, "not_found", "找不到人员 " + std::to_string(person_id), field);
  if (!context.can(permission, *home)) {
    throw ApiError(403, "forbidden", "字段 " + field + " 所指人员不在您的管理范围内", field);
  }
}

}  // namespace weizhi::people
