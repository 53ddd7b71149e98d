// The list one record holds (an election's visits, a vote's proxies…) as a list route answers it.
#pragma once
#include <utility>

#include "core/json.hpp"
#include "http/context.hpp"
#include "http/message.hpp"

namespace weizhi::http {

// {"items": […]}: `list(connection, id)` for the record `load(connection, id)` finds by the path's
// `id` (404 when there is none), each row as `to_json` shows it.
template <class Load, class List, class ToJson>
Response record_items(Context& context, Load&& load, List&& list, ToJson&& to_json) {
  auto lease = context.read();
  auto record = load(*lease, context.path_id("id"));
  Json items = Json::array();
  for (const auto& row : list(*lease, record.id)) items.push_back(to_json(row));
  return Response::json(200, {{"items", std::move(items)}});
}

}  // namespace weizhi::http
