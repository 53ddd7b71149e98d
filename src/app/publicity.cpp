// Everything in publicity (see modules/publicity.hpp). Each module decides what it puts up and for how
// long in its own hook; these routes only ask them all, for a resident's homes or a staff member's
// node, and put the answers newest first.
#include "app/publicity.hpp"

#include "app/modules.hpp"
#include "http/context.hpp"
#include "http/record_scope.hpp"
#include "modules/engagement/permissions.hpp"
#include "modules/org/org.hpp"
#include "modules/people/people.hpp"

namespace weizhi::app {

namespace {

Json item_json(const modules::PublicityItem& item) {
  return {{"module", item.module},       {"kind", item.kind},
          {"title", item.title},         {"node", {{"id", item.node_id}, {"name", item.node_name}}},
          {"starts_on", item.starts_on}, {"ends_on", item.ends_on},
          {"link", item.link},           {"console_link", item.console_link}};
}

http::Response answer(const modules::PublicityAsk& ask) {
  auto items = answers_of(&modules::Module::publicity, ask);
  modules::order_newest_first(items);
  Json list = Json::array();
  for (const auto& item : items) list.push_back(item_json(item));
  return http::Response::json(200, {{"items", list}, {"today", ask.today}});
}

// A resident's homes: the parts their person is linked to. Without any, nothing is theirs to read.
http::Response my_publicity_route(http::Context& context) {
  std::string today = street_date(context.services.clock.now());
  auto lease = context.read();
  auto person = people::person_of_user(*lease, context.user().user_id);
  std::vector<modules::PublicityHome> homes;
  if (person) {
    for (const auto& link : people::links_of_person(*lease, *person)) {
      if (auto path = people::node_path(*lease, link.part.id))
        homes.push_back({*path, link.relation == people::Relation::Owner});
    }
  }
  if (homes.empty()) return http::Response::json(200, {{"items", Json::array()}, {"today", today}});
  return answer(modules::PublicityAsk{*lease, std::move(homes), {}, today});
}

http::Response node_publicity_route(http::Context& context) {
  std::string today = street_date(context.services.clock.now());
  auto [lease, node] = org::read_queried_subtree(context);
  return answer(modules::PublicityAsk{*lease, {}, {node.path}, today});
}

}  // namespace

modules::Module publicity_module() {
  return modules::Module{
      .name = "publicity", .routes = [](http::Router& router) {
        router.add(http::Method::Get, "/api/v1/me/publicity", http::Access::signed_in(), my_publicity_route);
        router.add(http::Method::Get, "/api/v1/publicity",
                   http::Access::permission(
                       engagement::kRead,
                       http::scope::readable_by(engagement::kRead, org::node_query_scope(), "找不到该组织节点")),
                   node_publicity_route);
      }};
}

}  // namespace weizhi::app
