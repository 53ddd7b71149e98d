// What the engagement module's route files share (see route_support.hpp).
#include "modules/engagement/route_support.hpp"

#include "core/error.hpp"
#include "http/context.hpp"
#include "http/record_scope.hpp"
#include "modules/engagement/permissions.hpp"
#include "modules/org/org.hpp"
#include "modules/people/people.hpp"

namespace weizhi::engagement {

http::ScopeResolver readable(http::ScopeResolver inner) {
  return http::scope::readable_by(kRead, std::move(inner), "找不到该组织节点");
}

http::ScopeResolver record_scope(std::function<std::int64_t(store::Connection&, std::int64_t)> node_of) {
  return readable([node_of = std::move(node_of)](http::Context& context) -> std::optional<std::int64_t> {
    auto lease = context.read();
    return node_of(*lease, context.path_id("id"));
  });
}

std::optional<std::int64_t> caller_person(http::Context& context) {
  auto lease = context.read();
  return people::person_of_user(*lease, context.user().user_id);
}

void add_collection_routes(http::Router& router, const std::string& path, http::Handler list, http::Handler create,
                           const std::string& node_field) {
  router.add(Method::Get, path, Access::permission(kRead, readable(org::node_query_scope())), std::move(list));
  router.add(Method::Post, path, Access::permission(kManage, readable(http::scope::body_node(node_field))),
             std::move(create));
}

void require_manage(http::Context& context, std::int64_t node_id, const std::string& missing) {
  if (context.can(kManage, node_id)) return;
  if (context.can(kRead, node_id)) fail_forbidden();
  fail_not_found(missing);
}

std::optional<TimePoint> optional_moment(JsonObject& body, const std::string& key) {
  auto text = body.optional_text(key);
  if (!text) return std::nullopt;
  auto moment = parse_iso(*text);
  if (!moment) fail_invalid(key, "字段 " + key + " 应为带时区的 ISO-8601 时间");
  return moment;
}

TimePoint moment_field(JsonObject& body, const std::string& key) {
  auto moment = optional_moment(body, key);
  if (!moment) fail_invalid(key, "缺少字段 " + key);
  return *moment;
}

std::string address_of(store::Connection& connection, std::int64_t person_id) {
  auto links = people::links_of_person(connection, person_id);
  if (links.empty()) return "";
  const auto& link = links.front();
  std::string address;
  for (const auto& part : {link.compound, link.building, link.unit}) {
    if (part) address += part->name + " ";
  }
  return address + link.part.name;
}

}  // namespace weizhi::engagement
