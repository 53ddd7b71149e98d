// Ids a request body gives as integers (`"compound_id": 12`, `"case_ids": [3, 5]`), read alike by every route.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/json.hpp"
#include "core/json_array.hpp"
#include "http/context.hpp"

namespace weizhi::http {

// The body's id `key`: a 400 naming it (as body.field_name does) when it is absent, not an integer or
// not positive.
inline std::int64_t body_id(const Context& context, JsonObject& body, const std::string& key) {
  return context.parse_id(std::to_string(body.integer(key)), body.field_name(key));
}

// An id the body may leave out: nullopt when absent or null, else as body_id reads it.
inline std::optional<std::int64_t> optional_body_id(const Context& context, JsonObject& body, const std::string& key) {
  auto value = body.optional_integer(key);
  if (!value) return std::nullopt;
  return context.parse_id(std::to_string(*value), body.field_name(key));
}

// The ids the body's array `list` (its field `field`) holds: a 400 naming `field` with `not_array` when it is no
// array, and naming the element (`field[i]`) with `not_integer` when one is no integer, or as body_id does when it
// is not positive.
inline std::vector<std::int64_t> body_ids(const Context& context, const Json& list, const std::string& field,
                                          const std::string& not_array, const std::string& not_integer) {
  return read_array(list, field, not_array, [&](const Json& element, const std::string& element_field) {
    if (!element.is_number_integer()) fail_invalid(element_field, not_integer);
    return context.parse_id(std::to_string(element.get<std::int64_t>()), element_field);
  });
}

}  // namespace weizhi::http
