// A code in a request body (`"to": "agreed"`), read with its module's parser: an unknown code is a
// 400 naming the field, as http/query_code.hpp answers for the query string.
#pragma once
#include <optional>
#include <string>

#include "core/error.hpp"
#include "core/json.hpp"

namespace weizhi {

// The required text field `key` as `parse` reads it (nullopt for an unknown code); 400 naming the
// field with `unknown` when `parse` refuses it.
template <class Parse>
auto code_field(JsonObject& body, const std::string& key, Parse parse, const std::string& unknown) {
  auto value = parse(body.text(key));
  if (!value) fail_invalid(body.field_name(key), unknown);
  return *value;
}

// The same for an optional field: nullopt when it is absent.
template <class Parse>
auto optional_code_field(JsonObject& body, const std::string& key, Parse parse, const std::string& unknown)
    -> decltype(parse(std::string())) {
  auto code = body.optional_text(key);
  if (!code) return std::nullopt;
  auto value = parse(*code);
  if (!value) fail_invalid(body.field_name(key), unknown);
  return value;
}

}  // namespace weizhi
