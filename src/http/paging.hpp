// Cursor paging of listings, the same for every module: `limit` (bounded), `cursor` (the last id of
// the previous page) and a page's JSON with `next_cursor` (null on the last page).
#pragma once
#include <cstdint>
#include <optional>

#include "core/json.hpp"
#include "http/context.hpp"

namespace weizhi::http {

// The `limit` query parameter: `default_limit` when absent, 400 naming `limit` above `max_limit`.
std::int64_t page_limit(Context& context, std::int64_t default_limit, std::int64_t max_limit);
// The `cursor` query parameter, when given (400 naming `cursor` unless it is an id).
std::optional<std::int64_t> page_cursor(Context& context);
// A page of items; a full page carries the cursor of the next one.
Json page_json(Json items, std::int64_t limit, std::int64_t last_id);

}  // namespace weizhi::http
