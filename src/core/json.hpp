// JSON for the API: a parser that refuses deep nesting, and JsonObject, a reader of request
// bodies that names the field in every error and refuses fields it was not asked for.
#pragma once
#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

namespace weizhi {

using Json = nlohmann::json;

// Deeper documents are refused: nlohmann destroys and dumps recursively, so an uncapped
// `[[[[…` a few hundred thousand deep would overflow the stack.
inline constexpr int kMaxJsonDepth = 64;

// The value, or JSON null when there is none: how replies show an optional field.
template <class T>
Json or_null(const std::optional<T>& value) {
  return value ? Json(*value) : Json(nullptr);
}

// Parses a request body. Throws ApiError 400 `invalid_json` on syntax errors, invalid UTF-8 or
// nesting deeper than kMaxJsonDepth.
Json parse_json(std::string_view text);

// Reads one JSON object field by field. Each accessor throws ApiError 400 naming the field when
// the value is missing (for required ones) or of the wrong type. finish() throws for any field
// that no accessor read, so unknown fields never pass silently.
class JsonObject {
 public:
  explicit JsonObject(const Json& value, std::string prefix = {});

  std::string text(const std::string& key);
  std::optional<std::string> optional_text(const std::string& key);
  std::int64_t integer(const std::string& key);
  std::optional<std::int64_t> optional_integer(const std::string& key);
  bool boolean(const std::string& key);
  std::optional<bool> optional_boolean(const std::string& key);
  const Json& any(const std::string& key);
  const Json* optional_any(const std::string& key);
  bool has(const std::string& key) const;
  // Whether the body names `key` at all, null included: for a field that null clears and leaving out
  // keeps as it was.
  bool mentions(const std::string& key) const;
  void finish() const;

  // The full name used in messages, e.g. "items[2].name".
  std::string field_name(const std::string& key) const;

 private:
  const Json* find(const std::string& key);
  const Json& require(const std::string& key);

  const Json& value_;
  std::string prefix_;
  std::set<std::string> read_;
};

// Parses a JSON request body that must be an object.
Json parse_json_object(std::string_view text);

}  // namespace weizhi
