// The caller's work for today (see today.hpp). Each module decides what counts as work in its own
// hook; this route only asks them all, over the scopes the caller holds, and orders the answers.
#include "app/today.hpp"

#include <algorithm>

#include "app/modules.hpp"
#include "auth/permissions.hpp"
#include "http/context.hpp"

namespace weizhi::app {

namespace {

std::vector<modules::TodayScope> scopes_of(store::Connection& connection, const auth::Principal& caller) {
  std::vector<modules::TodayScope> scopes;
  for (auto& scope : auth::permissions_by_scope(connection, caller.roles)) {
    std::int64_t node_id = scope.first;
    auto role = std::find_if(caller.roles.begin(), caller.roles.end(),
                             [&](const auth::RoleGrant& grant) { return grant.scope_node_id == node_id; });
    scopes.push_back({node_id, role->scope_path, role->scope_name, std::move(scope.second)});
  }
  return scopes;
}

Json item_json(const modules::TodayItem& item) {
  Json node = item.node_id ? Json{{"id", *item.node_id}, {"name", item.node_name}} : Json(nullptr);
  return {{"kind", item.kind},
          {"title", item.title},
          {"node", node},
          {"due_at", item.due_at ? Json(iso_utc(*item.due_at)) : Json(nullptr)},
          {"overdue", item.overdue},
          {"link", item.link},
          {"count", item.count ? Json(*item.count) : Json(nullptr)}};
}

http::Response today_route(http::Context& context) {
  const auth::Principal& caller = context.user();
  TimePoint now = context.services.clock.now();
  auto lease = context.read();
  modules::TodayAsk ask{*lease, caller, now, scopes_of(*lease, caller)};
  auto items = answers_of(&modules::Module::today, ask);
  modules::order_by_urgency(items);
  Json list = Json::array();
  for (const auto& item : items) list.push_back(item_json(item));
  return http::Response::json(200, {{"items", list}, {"at", iso_utc(now)}});
}

}  // namespace

modules::Module today_module() {
  return modules::Module{.name = "today", .routes = [](http::Router& router) {
                           router.add(http::Method::Get, "/api/v1/me/today", http::Access::signed_in(), today_route);
                         }};
}

}  // namespace weizhi::app
