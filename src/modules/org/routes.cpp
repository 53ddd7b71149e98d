// HTTP routes of the org tree and its registry: nodes with their details by kind, moves,
// deletion, and property clusters.
#include "audit/audit.hpp"
#include "core/error.hpp"
#include "core/json_array.hpp"
#include "core/json_code.hpp"
#include "http/context.hpp"
#include "http/paging.hpp"
#include "modules/org/module.hpp"
#include "modules/org/registry.hpp"
#include "modules/org/rules.hpp"
#include "modules/org/store.hpp"

namespace weizhi::org {

namespace {

using http::Access;
using http::Context;
using http::Method;
using http::Response;

Json optional_json(const std::optional<std::string>& value) { return value ? Json(*value) : Json(nullptr); }

Json record_json(const NodeRecord& record) {
  const Node& node = record.node;
  Json json{{"id", node.id},
            {"parent_id", node.parent_id ? Json(*node.parent_id) : Json(nullptr)},
            {"kind", code_of(kNodeKinds, node.kind)},
            {"name", node.name},
            {"code", optional_json(node.code)},
            {"path", node.path},
            {"created_at", node.created_at}};
  if (record.community) {
    json["party_committee_name"] = optional_json(record.community->party_committee_name);
    json["tripartite_office_name"] = optional_json(record.community->tripartite_office_name);
  }
  if (record.building) {
    json["floors"] = record.building->floors;
    json["has_elevator"] = record.building->has_elevator;
    json["land"] = code_of(kLandTenures, record.building->land);
  } else if (node.kind == NodeKind::Building) {
    json["floors"] = nullptr;
    json["has_elevator"] = nullptr;
    json["land"] = nullptr;
  }
  if (record.part) {
    const PartInput& part = *record.part;
    json["room_number"] = part.room_number;
    json["floor"] = part.floor;
    json["use"] = code_of(kPartUses, part.use);
    json["area_centi_m2"] = part.area_centi_m2;
    json["area_m2"] = area_m2_text(part.area_centi_m2);
    json["area_source"] = code_of(kAreaSources, part.area_source);
  }
  return json;
}

Json cluster_json(const Cluster& cluster) {
  return {{"id", cluster.id},
          {"name", cluster.name},
          {"code", optional_json(cluster.code)},
          {"community_ids", cluster.community_ids}};
}

PartUse read_use(JsonObject& body, const std::string& text) {
  auto use = parse_code(kPartUses, text);
  if (!use) fail_invalid(body.field_name("use"), "用途应为 residential、commercial、parking 或 other");
  return *use;
}

std::optional<LandTenure> read_land(JsonObject& body) {
  return optional_code_field(body, "land", parser_of(kLandTenures),
                             "土地性质应为 state_owned（国有）或 collective（集体）");
}

AreaSource read_area_source(JsonObject& body, const std::string& text) {
  auto source = parse_code(kAreaSources, text);
  if (!source) fail_invalid(body.field_name("area_source"), "面积来源应为 registered、surveyed 或 contract");
  return *source;
}

Response get_node_route(Context& context) {
  auto lease = context.read();
  auto record = find_record(*lease, context.path_id("id"));
  if (!record) fail_not_found("找不到该组织节点");
  Json json = record_json(*record);
  // The page names the node above by name, and links it only for those who may open it.
  std::optional<Node> parent;
  if (record->node.parent_id) parent = find_node(*lease, *record->node.parent_id);
  json["parent_name"] = parent ? Json(parent->name) : Json(nullptr);
  json["parent_readable"] = parent && context.can("org.read", parent->id);
  return Response::json(200, json);
}

// Listings of the tree page by id: `limit` up to 1000, 100 by default.
std::int64_t page_limit(Context& context) { return http::page_limit(context, 100, 1000); }

std::int64_t page_after(Context& context) { return http::page_cursor(context).value_or(0); }

Response children_route(Context& context) {
  std::int64_t id = context.path_id("id");
  std::int64_t limit = page_limit(context);
  std::int64_t after = page_after(context);
  auto lease = context.read();
  if (!find_node(*lease, id)) fail_not_found("找不到该组织节点");
  Json items = Json::array();
  auto records = child_records(*lease, id, after, limit);
  for (const auto& record : records) items.push_back(record_json(record));
  return Response::json(200, http::page_json(items, limit, records.empty() ? 0 : records.back().node.id));
}

Response parts_route(Context& context) {
  std::int64_t limit = page_limit(context);
  std::int64_t after = page_after(context);
  auto lease = context.read();
  std::string address = context.query("q").value_or("");
  if (context.query("q")) check_address_query(address, "q");
  auto node = find_node(*lease, context.path_id("id"));
  if (!node) fail_not_found("找不到该组织节点");
  Json items = Json::array();
  auto parts = parts_under(*lease, *node, after, limit, address);
  for (const auto& placed : parts) {
    const PartInput& part = placed.part;
    items.push_back({{"id", placed.id},
                     {"building_id", placed.building_id},
                     {"building_name", placed.building_name},
                     {"unit_id", placed.unit_id},
                     {"unit_name", placed.unit_name},
                     {"room_number", part.room_number},
                     {"floor", part.floor},
                     {"use", code_of(kPartUses, part.use)},
                     {"area_centi_m2", part.area_centi_m2},
                     {"area_m2", area_m2_text(part.area_centi_m2)},
                     {"area_source", code_of(kAreaSources, part.area_source)}});
  }
  return Response::json(200, http::page_json(items, limit, parts.empty() ? 0 : parts.back().id));
}

// What a POST asks for, read and type-checked before the write; the registry checks the values.
struct NewNode {
  std::int64_t parent_id;
  NodeKind kind;
  std::string name;
  std::optional<std::string> code;
  CommunityDetails community;
  std::optional<BuildingInput> building;  // nullopt: floors not known yet
  std::optional<PartInput> part;
};

NewNode read_new_node(Context& context) {
  JsonObject body(context.json_body());
  NewNode request{body.integer("parent_id"), NodeKind::Street, {}, std::nullopt, {}, std::nullopt, std::nullopt};
  std::string kind_text = body.text("kind");
  auto kind = parse_code(kNodeKinds, kind_text);
  if (!kind) fail_invalid("kind", "不认识的节点类型 " + kind_text);
  request.kind = *kind;
  if (request.kind == NodeKind::Part) {
    std::string room_number = body.text("room_number");
    std::int64_t floor = body.integer("floor");
    PartUse use = read_use(body, body.optional_text("use").value_or("residential"));
    std::int64_t area = body.integer("area_centi_m2");
    AreaSource source = read_area_source(body, body.optional_text("area_source").value_or("registered"));
    request.part = PartInput{room_number, floor, use, area, source};
  } else {
    request.name = body.text("name");
    request.code = body.optional_text("code");
  }
  if (request.kind == NodeKind::Community) {
    request.community =
        CommunityDetails{body.optional_text("party_committee_name"), body.optional_text("tripartite_office_name")};
  }
  if (request.kind == NodeKind::Building) {
    auto floors = body.optional_integer("floors");
    auto has_elevator = body.optional_boolean("has_elevator");
    auto land = read_land(body);
    if ((has_elevator || land) && !floors) fail_invalid("floors", "登记电梯或土地性质时请同时登记层数");
    if (floors) {
      request.building =
          BuildingInput{request.name, *floors, has_elevator.value_or(false), land.value_or(LandTenure::StateOwned)};
    }
  }
  body.finish();
  return request;
}

NodeRecord create_record(store::Tx& tx, const Node& parent, const NewNode& request) {
  switch (request.kind) {
    case NodeKind::Community:
      return {create_community(tx, parent, request.name, request.code, request.community), request.community,
              std::nullopt, std::nullopt};
    case NodeKind::Compound:
      return {create_compound(tx, parent, request.name, request.code), std::nullopt, std::nullopt, std::nullopt};
    case NodeKind::Building:
      if (!request.building) {
        return {create_building_without_details(tx, parent, request.name, request.code), std::nullopt, std::nullopt,
                std::nullopt};
      }
      return {create_building(tx, parent, *request.building, request.code), std::nullopt,
              BuildingDetails{request.building->floors, request.building->has_elevator, request.building->land},
              std::nullopt};
    case NodeKind::Unit:
      return {create_unit(tx, parent, request.name, request.code), std::nullopt, std::nullopt, std::nullopt};
    case NodeKind::Part:
      return {create_part(tx, parent, *request.part), std::nullopt, std::nullopt, request.part};
    case NodeKind::Street:
      break;
  }
  fail_unprocessable(code_of(kNodeKinds, parent.kind) + " 下不能直接建立 street", "kind");
}

Response create_node_route(Context& context) {
  NewNode request = read_new_node(context);
  NodeRecord record = context.write([&](store::Tx& tx) {
    auto parent = find_node(tx, request.parent_id);
    if (!parent) {
      throw ApiError(404, "not_found", "找不到上级节点 " + std::to_string(request.parent_id), "parent_id");
    }
    NodeRecord created = create_record(tx, *parent, request);
    context.audit(
        tx, "org.node.create", "org_node:" + std::to_string(created.node.id),
        {{"parent_id", request.parent_id}, {"kind", code_of(kNodeKinds, request.kind)}, {"name", created.node.name}});
    return created;
  });
  return Response::json(201, record_json(record));
}

// Reads the fields a PATCH may carry for a node of `kind`; any other field is refused.
NodeChanges read_changes(Context& context, NodeKind kind) {
  JsonObject body(context.json_body());
  NodeChanges changes;
  if (kind != NodeKind::Part) changes.name = body.optional_text("name");
  changes.code = body.optional_text("code");
  if (auto parent = body.optional_integer("parent_id")) {
    if (*parent <= 0) fail_invalid("parent_id", "字段 parent_id 应为正整数编号");
    changes.parent_id = parent;
  }
  if (kind == NodeKind::Community) {
    changes.party_committee_name = body.optional_text("party_committee_name");
    changes.tripartite_office_name = body.optional_text("tripartite_office_name");
  }
  if (kind == NodeKind::Building) {
    changes.floors = body.optional_integer("floors");
    changes.has_elevator = body.optional_boolean("has_elevator");
    changes.land = read_land(body);
  }
  if (kind == NodeKind::Part) {
    changes.room_number = body.optional_text("room_number");
    changes.floor = body.optional_integer("floor");
    if (auto use = body.optional_text("use")) changes.use = read_use(body, *use);
    changes.area_centi_m2 = body.optional_integer("area_centi_m2");
    if (auto source = body.optional_text("area_source")) changes.area_source = read_area_source(body, *source);
  }
  body.finish();
  return changes;
}

// The fields that changed, as the audit summary of an update (a move is recorded on its own).
Json changed_fields(const NodeRecord& before, const NodeRecord& after) {
  Json old_json = record_json(before);
  Json new_json = record_json(after);
  Json changed = Json::object();
  for (const auto& [key, value] : new_json.items()) {
    if (key == "parent_id" || key == "path") continue;
    if (old_json.value(key, Json()) != value) changed[key] = {{"from", old_json.value(key, Json())}, {"to", value}};
  }
  return changed;
}

Response update_node_route(Context& context) {
  std::int64_t id = context.path_id("id");
  std::optional<NodeRecord> seen;
  {
    auto lease = context.read();
    seen = find_record(*lease, id);
  }
  if (!seen) fail_not_found("找不到该组织节点");
  NodeChanges changes = read_changes(context, seen->node.kind);
  if (changes.parent_id) context.require("org.write", *changes.parent_id);
  NodeRecord updated = context.write([&](store::Tx& tx) {
    auto current = find_record(tx.connection(), id);
    if (!current) fail_not_found("找不到该组织节点");
    NodeRecord result = update_node(tx, *current, changes);
    std::string entity = "org_node:" + std::to_string(id);
    if (result.node.parent_id != current->node.parent_id) {
      context.audit(tx, "org.node.move", entity,
                    {{"from_parent_id", *current->node.parent_id},
                     {"to_parent_id", *result.node.parent_id},
                     {"from_path", current->node.path},
                     {"to_path", result.node.path}});
    }
    Json changed = changed_fields(*current, result);
    if (!changed.empty()) context.audit(tx, "org.node.update", entity, changed);
    return result;
  });
  return Response::json(200, record_json(updated));
}

Response delete_node_route(Context& context) {
  std::int64_t id = context.path_id("id");
  context.write([&](store::Tx& tx) {
    auto node = find_node(tx, id);
    if (!node) fail_not_found("找不到该组织节点");
    remove_node(tx, *node);
    context.audit(tx, "org.node.delete", "org_node:" + std::to_string(id),
                  {{"parent_id", node->parent_id ? Json(*node->parent_id) : Json(nullptr)},
                   {"kind", code_of(kNodeKinds, node->kind)},
                   {"name", node->name},
                   {"path", node->path}});
  });
  return Response::no_content();
}

Response list_clusters_route(Context& context) {
  auto lease = context.read();
  Json items = Json::array();
  for (const auto& cluster : clusters(*lease)) items.push_back(cluster_json(cluster));
  return Response::json(200, {{"items", items}});
}

std::vector<std::int64_t> read_ids(JsonObject& body, const std::string& key) {
  return read_array(body.any(key), body.field_name(key), "字段 " + key + " 应为编号数组",
                    [](const Json& id, const std::string& field) {
                      if (!id.is_number_integer() || id.get<std::int64_t>() <= 0) {
                        fail_invalid(field, "字段 " + field + " 应为正整数编号");
                      }
                      return id.get<std::int64_t>();
                    });
}

Response create_cluster_route(Context& context) {
  JsonObject body(context.json_body());
  std::string name = body.text("name");
  auto code = body.optional_text("code");
  auto community_ids = read_ids(body, "community_ids");
  body.finish();
  Cluster cluster = context.write([&](store::Tx& tx) {
    Cluster created = create_cluster(tx, name, code, community_ids);
    context.audit(tx, "org.cluster.create", "property_cluster:" + std::to_string(created.id), cluster_json(created));
    return created;
  });
  return Response::json(201, cluster_json(cluster));
}

// Clusters span communities, so they are the street's business.
std::optional<std::int64_t> street_scope(Context& context) { return context.root_node_id(); }

}  // namespace

void add_routes(http::Router& router) {
  router.add(Method::Get, "/api/v1/org/nodes/{id}", Access::permission("org.read", http::scope::path_node("id")),
             get_node_route);
  router.add(Method::Get, "/api/v1/org/nodes/{id}/children",
             Access::permission("org.read", http::scope::path_node("id")), children_route);
  router.add(Method::Get, "/api/v1/org/nodes/{id}/parts", Access::permission("org.read", http::scope::path_node("id")),
             parts_route);
  router.add(Method::Post, "/api/v1/org/nodes", Access::permission("org.write", http::scope::body_node("parent_id")),
             create_node_route);
  router.add(Method::Patch, "/api/v1/org/nodes/{id}", Access::permission("org.write", http::scope::path_node("id")),
             update_node_route);
  router.add(Method::Delete, "/api/v1/org/nodes/{id}", Access::permission("org.write", http::scope::path_node("id")),
             delete_node_route);
  router.add(Method::Get, "/api/v1/org/clusters", Access::permission("org.read", street_scope), list_clusters_route);
  router.add(Method::Post, "/api/v1/org/clusters", Access::permission("org.write", street_scope), create_cluster_route);
}

}  // namespace weizhi::org
