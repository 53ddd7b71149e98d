// Compounds' outlines over HTTP (set, read, removed by those who edit the compound in the registry) and
// the demo street's outlines.
#include "modules/org/outline.hpp"

#include <cmath>

#include "http/context.hpp"
#include "modules/org/org.hpp"
#include "modules/org/outline_rules.hpp"
#include "store/db.hpp"

namespace weizhi::org {

namespace {

using http::Access;
using http::Context;
using http::Method;
using http::Response;

std::string entity_of(std::int64_t id) { return "org_node:" + std::to_string(id); }

Json outline_json(std::int64_t node_id, const Json& geometry) { return {{"node_id", node_id}, {"geometry", geometry}}; }

Response get_outline_route(Context& context) {
  std::int64_t id = context.path_id("id");
  auto lease = context.read();
  require_compound(*lease, id);
  auto geometry = find_outline(*lease, id);
  if (!geometry) fail_not_found("该小区尚未标注轮廓");
  return Response::json(200, outline_json(id, *geometry));
}

Response put_outline_route(Context& context) {
  std::int64_t id = context.path_id("id");
  Json geometry = checked_outline(context.json_body());
  context.write([&](store::Tx& tx) {
    require_compound(tx.connection(), id);
    bool replaced = find_outline(tx.connection(), id).has_value();
    save_outline(tx, id, geometry);
    context.audit(tx, "org.outline.save", entity_of(id), {{"type", geometry["type"]}, {"replaced", replaced}});
  });
  return Response::json(200, outline_json(id, geometry));
}

Response delete_outline_route(Context& context) {
  std::int64_t id = context.path_id("id");
  context.write([&](store::Tx& tx) {
    require_compound(tx.connection(), id);
    if (!remove_outline(tx, id)) fail_not_found("该小区尚未标注轮廓");
    context.audit(tx, "org.outline.delete", entity_of(id), Json::object());
  });
  return Response::no_content();
}

// Six compounds a row, west to east, rows south to north, about 600 m apart: the canal-side blocks of
// Gongshu district. Each outline is a pentagon of about 400 × 400 m, skewed a little per compound.
Json demo_outline(std::size_t index) {
  double centre_lng = 120.130 + static_cast<double>(index % 6) * 0.0065;
  double centre_lat = 30.296 + static_cast<double>(index / 6) * 0.0055;
  double skew = static_cast<double>(index % 4) * 0.0003;
  const double corners[][2] = {
      {-0.0021, -0.0017}, {0.0020 + skew, -0.0018}, {0.0022, 0.0012}, {0.0004, 0.0018 + skew}, {-0.0019, 0.0015}};
  Json ring = Json::array();
  for (const auto& corner : corners) {
    ring.push_back(
        {std::round((centre_lng + corner[0]) * 1e6) / 1e6, std::round((centre_lat + corner[1]) * 1e6) / 1e6});
  }
  ring.push_back(ring.front());
  return {{"type", "Polygon"}, {"coordinates", Json::array({ring})}};
}

}  // namespace

void add_outline_routes(http::Router& router) {
  auto node = http::scope::path_node("id");
  router.add(Method::Get, "/api/v1/org/nodes/{id}/outline", Access::permission("org.read", node), get_outline_route);
  // The body limit is the outline's own: a larger one is refused before it is parsed.
  router.add(http::Route{Method::Put, "/api/v1/org/nodes/{id}/outline", Access::permission("org.write", node),
                         put_outline_route, kMaxOutlineBytes});
  router.add(Method::Delete, "/api/v1/org/nodes/{id}/outline", Access::permission("org.write", node),
             delete_outline_route);
}

void seed_outlines(modules::SeedContext& seed) {
  Node street = *find_node(seed.tx, seed.node("street"));
  auto compounds = compound_outlines(seed.tx.connection(), street.path);
  // The last two are left without one, as a street's registry is before anyone has traced them.
  for (std::size_t index = 0; index + 2 < compounds.size(); ++index) {
    save_outline(seed.tx, compounds[index].id, checked_outline(demo_outline(index)));
  }
}

}  // namespace weizhi::org
