// HTTP routes of the talent pool (能人库): staff list the people of their scope with a talent tag — masked
// names, addresses, skills and when they can help — filtered by tag and by a moment they are free, so that
// mediation and the round tables pick from it; holders of engagement.manage at the person's home fill in
// what the pool adds. Who holds a tag stays the registry's fact. Audited; another street's person is 404.
#include <algorithm>

#include "core/error.hpp"
#include "core/lookup.hpp"
#include "http/body_id.hpp"
#include "http/context.hpp"
#include "modules/engagement/module.hpp"
#include "modules/engagement/permissions.hpp"
#include "modules/engagement/route_support.hpp"
#include "modules/engagement/talent_store.hpp"
#include "modules/org/org.hpp"
#include "modules/people/people.hpp"

namespace weizhi::engagement {

namespace {

Talent require_talent(store::Connection& connection, std::int64_t person_id) {
  return found_or_404(find_talent(connection, person_id), "找不到该居民");
}

// The scope of a person's pool entry: their home node, answered 404 out of the caller's reach.
http::ScopeResolver talent_scope() {
  return record_scope(
      [](store::Connection& connection, std::int64_t id) { return require_talent(connection, id).home_node_id; });
}

Json talent_json(store::Connection& connection, const Talent& talent) {
  Json pool = nullptr;
  bool active = false;
  if (talent.pool) {
    active = talent.pool->active;
    pool = {{"skills", talent.pool->skills}, {"availability", availability_json(talent.pool->availability)}};
  }
  return {{"person_id", talent.person_id},
          {"name", talent.name_masked},
          {"address", address_of(connection, talent.person_id)},
          {"tags", talent.tags},
          {"node", {{"id", talent.pool ? talent.pool->node_id : talent.home_node_id}, {"name", talent.node_name}}},
          {"skills", talent.pool ? Json(talent.pool->skills) : Json(nullptr)},
          {"availability", talent.pool ? availability_json(talent.pool->availability) : Json::array()},
          {"active", active},
          {"in_pool", talent.pool.has_value()},
          {"updated_at", or_null(talent.updated_at)}};
}

// A tag of people::talent_tags(); 400 naming `field` otherwise.
std::string known_tag(const std::string& tag, const std::string& field) {
  const auto& tags = people::talent_tags();
  if (std::find(tags.begin(), tags.end(), tag) == tags.end()) fail_invalid(field, "未知的能人标签：" + tag);
  return tag;
}

Response list_talents_route(Context& context) {
  TalentFilter filter;
  if (auto tag = context.query("tag")) filter.tag = known_tag(*tag, "tag");
  std::optional<TimePoint> moment;
  if (auto text = context.query("available_at")) {
    moment = parse_iso(*text);
    if (!moment) fail_invalid("available_at", "参数 available_at 应为带时区的 ISO-8601 时间");
  }
  auto [lease, node] = org::read_queried_subtree(context);
  filter.path = node.path;
  Json items = Json::array();
  for (const auto& talent : talents_under(*lease, filter)) {
    if (moment && !(talent.pool && available_at(*talent.pool, *moment))) continue;
    items.push_back(talent_json(*lease, talent));
  }
  return Response::json(200, {{"items", items}});
}

Response get_talent_route(Context& context) {
  auto lease = context.read();
  return Response::json(200, talent_json(*lease, require_talent(*lease, context.path_id("id"))));
}

// Fills in what the pool adds to a person with a talent tag: {skills, availability, node_id?, active?}; the
// node they serve defaults to their home and must lie in the caller's reach on the person's street.
Response save_talent_route(Context& context) {
  std::int64_t person_id = context.path_id("id");
  JsonObject body(context.json_body());
  TalentInput input;
  auto node_id = http::optional_body_id(context, body, "node_id");
  input.skills = body.optional_text("skills").value_or("");
  input.availability = read_availability(body.any("availability"), "availability");
  input.active = body.optional_boolean("active").value_or(true);
  body.finish();
  check_talent(input);
  Json saved = context.write([&](store::Tx& tx) {
    Talent talent = require_talent(tx.connection(), person_id);
    if (talent.tags.empty())
      fail_unprocessable("该居民没有能人标签，请先在居民档案中标注（如金牌调解员、楼道长）", "person_id");
    input.node_id = node_id.value_or(talent.home_node_id);
    auto node = org::find_node(tx, input.node_id);
    auto home = org::find_node(tx, talent.home_node_id);
    if (!node || !home || org::street_of(node->path) != org::street_of(home->path) || !context.can(kRead, node->id))
      throw ApiError(404, "not_found", "找不到该组织节点", "node_id");
    save_talent(tx, person_id, input, context.user().user_id);
    context.audit(tx, "engagement.talent.save", "person:" + std::to_string(person_id),
                  {{"node_id", input.node_id},
                   {"active", input.active},
                   {"windows", input.availability.size()},
                   {"was_in_pool", talent.pool.has_value()}});
    return talent_json(tx.connection(), require_talent(tx.connection(), person_id));
  });
  return Response::json(200, saved);
}

}  // namespace

void add_talent_routes(http::Router& router) {
  const std::string talents = "/api/v1/talents";
  router.add(Method::Get, talents, Access::permission(kRead, readable(org::node_query_scope())), list_talents_route);
  router.add(Method::Get, talents + "/{id}", Access::permission(kRead, talent_scope()), get_talent_route);
  router.add(Method::Put, talents + "/{id}", Access::permission(kManage, talent_scope()), save_talent_route);
}

}  // namespace weizhi::engagement
