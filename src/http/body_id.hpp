// Ids a request body gives as integers (`"compound_id": 12`), read alike by every route.
#pragma once
#include <cstdint>
#include <optional>
#include <string>

#include "core/json.hpp"
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

}  // namespace weizhi::http
