// The audit log reader route.
#include "audit/routes.hpp"

#include "core/error.hpp"
#include "http/context.hpp"

namespace weizhi::audit {

namespace {

http::Response list_route(http::Context& context) {
  std::int64_t limit = 50;
  if (auto text = context.query("limit")) {
    limit = context.parse_id(*text, "limit");
    if (limit > 500) fail_invalid("limit", "limit 不能超过 500");
  }
  std::string sql = "SELECT seq, at, actor, action, entity, summary, hash FROM audit_log WHERE 1 = 1";
  store::Params params;
  if (auto cursor = context.query("cursor")) {
    sql += " AND seq < ?";
    params.push_back(context.parse_id(*cursor, "cursor"));
  }
  if (auto entity = context.query("entity")) {
    sql += " AND entity = ?";
    params.push_back(*entity);
  }
  if (auto actor = context.query("actor")) {
    sql += " AND actor = ?";
    params.push_back(*actor);
  }
  sql += " ORDER BY seq DESC LIMIT ?";
  params.push_back(limit);
  auto lease = context.read();
  Json items = Json::array();
  std::int64_t last_seq = 0;
  for (const auto& row : lease->query(sql, params)) {
    Json summary = Json::parse(row.text(5), nullptr, false);
    items.push_back({{"seq", row.i64(0)},
                     {"at", row.text(1)},
                     {"actor", row.text(2)},
                     {"action", row.text(3)},
                     {"entity", row.text(4)},
                     {"summary", summary.is_discarded() ? Json(row.text(5)) : summary},
                     {"hash", row.text(6)}});
    last_seq = row.i64(0);
  }
  Json result{{"items", items}};
  result["next_cursor"] =
      static_cast<std::int64_t>(items.size()) == limit && last_seq > 1 ? Json(std::to_string(last_seq)) : Json(nullptr);
  return http::Response::json(200, result);
}

}  // namespace

modules::Module module() {
  return modules::Module{"audit",
                         [] { return std::vector<store::Migration>{}; },
                         [](http::Router& router) {
                           router.add(http::Method::Get, "/api/v1/audit",
                                      http::Access::permission("audit.read", http::scope::any()), list_route);
                         },
                         nullptr,
                         {},
                         {{"audit.read", {"street_admin", "supervisor"}}}};
}

}  // namespace weizhi::audit
