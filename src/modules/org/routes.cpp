// HTTP routes of the org tree.
#include "audit/audit.hpp"
#include "core/error.hpp"
#include "http/context.hpp"
#include "modules/org/module.hpp"
#include "modules/org/rules.hpp"
#include "modules/org/store.hpp"

namespace weizhi::org {

namespace {

using http::Access;
using http::Context;
using http::Method;
using http::Response;

Json node_json(const Node& node) {
  return {{"id", node.id},
          {"parent_id", node.parent_id ? Json(*node.parent_id) : Json(nullptr)},
          {"kind", kind_code(node.kind)},
          {"name", node.name},
          {"code", node.code ? Json(*node.code) : Json(nullptr)},
          {"created_at", node.created_at}};
}

Response get_node_route(Context& context) {
  auto lease = context.read();
  auto node = find_node(*lease, context.path_id("id"));
  if (!node) fail_not_found("找不到该组织节点");
  return Response::json(200, node_json(*node));
}

Response children_route(Context& context) {
  std::int64_t id = context.path_id("id");
  std::int64_t limit = 100;
  if (auto text = context.query("limit")) {
    limit = context.parse_id(*text, "limit");
    if (limit > 1000) fail_invalid("limit", "limit 不能超过 1000");
  }
  std::int64_t after = 0;
  if (auto cursor = context.query("cursor")) after = context.parse_id(*cursor, "cursor");
  auto lease = context.read();
  if (!find_node(*lease, id)) fail_not_found("找不到该组织节点");
  Json items = Json::array();
  auto nodes = children(*lease, id, after, limit);
  for (const auto& node : nodes) items.push_back(node_json(node));
  Json result{{"items", items}, {"next_cursor", nullptr}};
  if (static_cast<std::int64_t>(nodes.size()) == limit) result["next_cursor"] = std::to_string(nodes.back().id);
  return Response::json(200, result);
}

Response create_node_route(Context& context) {
  JsonObject body(context.json_body());
  std::int64_t parent_id = body.integer("parent_id");
  std::string kind_text = body.text("kind");
  std::string name = body.text("name");
  auto code = body.optional_text("code");
  body.finish();
  auto kind = parse_kind(kind_text);
  if (!kind) fail_invalid("kind", "不认识的节点类型 " + kind_text);
  if (auto problem = name_problem(name)) fail_invalid("name", *problem);
  Node node = context.write([&](store::Tx& tx) {
    auto parent = find_node(tx, parent_id);
    if (!parent) throw ApiError(404, "not_found", "找不到上级节点 " + std::to_string(parent_id), "parent_id");
    if (child_kind(parent->kind) != kind) {
      fail_unprocessable(kind_code(parent->kind) + " 下不能直接建立 " + kind_text, "kind");
    }
    if (code && tx.query_one("SELECT id FROM org_nodes WHERE code = ?", {*code})) {
      fail_conflict("编码 " + *code + " 已被使用", "code");
    }
    Node created = insert_node(tx, parent, *kind, name, code);
    context.audit(tx, "org.node.create", "org_node:" + std::to_string(created.id),
                  {{"parent_id", parent_id}, {"kind", kind_text}, {"name", name}});
    return created;
  });
  return Response::json(201, node_json(node));
}

}  // namespace

void seed_demo(modules::SeedContext& seed);

}  // namespace weizhi::org

namespace weizhi::store {
std::vector<Migration> org_migrations();
}

namespace weizhi::org {

modules::Module module() {
  return modules::Module{
      "org",
      store::org_migrations,
      [](http::Router& router) {
        router.add(Method::Get, "/api/v1/org/nodes/{id}", Access::permission("org.read", http::scope::path_node("id")),
                   get_node_route);
        router.add(Method::Get, "/api/v1/org/nodes/{id}/children",
                   Access::permission("org.read", http::scope::path_node("id")), children_route);
        router.add(Method::Post, "/api/v1/org/nodes",
                   Access::permission("org.write", http::scope::body_node("parent_id")), create_node_route);
      },
      seed_demo};
}

}  // namespace weizhi::org
