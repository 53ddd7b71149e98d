// Cursor paging of listings.
#include "http/paging.hpp"

#include <string>

#include "core/error.hpp"

namespace weizhi::http {

std::int64_t page_limit(Context& context, std::int64_t default_limit, std::int64_t max_limit) {
  auto text = context.query("limit");
  if (!text) return default_limit;
  std::int64_t limit = context.parse_id(*text, "limit");
  if (limit > max_limit) fail_invalid("limit", "limit 不能超过 " + std::to_string(max_limit));
  return limit;
}

std::optional<std::int64_t> page_cursor(Context& context) {
  auto cursor = context.query("cursor");
  if (!cursor) return std::nullopt;
  return context.parse_id(*cursor, "cursor");
}

Json page_json(Json items, std::int64_t limit, std::int64_t last_id) {
  bool full = static_cast<std::int64_t>(items.size()) == limit;
  Json result{{"items", std::move(items)}, {"next_cursor", nullptr}};
  if (full) result["next_cursor"] = std::to_string(last_id);
  return result;
}

}  // namespace weizhi::http
