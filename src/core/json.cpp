// Depth-capped JSON parsing and the field-by-field request reader.
#include "core/json.hpp"

#include <algorithm>

#include "core/error.hpp"

namespace weizhi {

namespace {
struct DepthExceeded {};
}  // namespace

Json parse_json(std::string_view text) {
  auto cap_depth = [](int depth, Json::parse_event_t, Json&) {
    if (depth >= kMaxJsonDepth) throw DepthExceeded{};  // depth counts from 0
    return true;
  };
  try {
    return Json::parse(text.begin(), text.end(), cap_depth);
  } catch (const DepthExceeded&) {
    throw ApiError(400, "invalid_json", "请求体 JSON 嵌套层数超过 " + std::to_string(kMaxJsonDepth) + " 层");
  } catch (const Json::exception& e) {
    throw ApiError(400, "invalid_json", "请求体不是有效的 JSON（须为 UTF-8 编码）");
  }
}

namespace {

// Whether a string or a name anywhere in `value` holds a NUL character (\u0000).
bool holds_nul(const Json& value) {
  if (value.is_string()) return value.get_ref<const std::string&>().find('\0') != std::string::npos;
  if (value.is_array()) return std::any_of(value.begin(), value.end(), holds_nul);
  if (!value.is_object()) return false;
  for (const auto& [name, member] : value.items()) {
    if (name.find('\0') != std::string::npos || holds_nul(member)) return true;
  }
  return false;
}

}  // namespace

Json parse_json_object(std::string_view text) {
  if (text.empty()) throw ApiError(400, "invalid_json", "请求体为空，应为 JSON 对象");
  Json value = parse_json(text);
  if (!value.is_object()) throw ApiError(400, "invalid_json", "请求体应为 JSON 对象");
  // PostgreSQL keeps no NUL in a text: a string holding one would be stored cut short there.
  if (holds_nul(value)) throw ApiError(400, "invalid_json", "请求体的字符串不能含空字符（\\u0000）");
  return value;
}

JsonObject::JsonObject(const Json& value, std::string prefix) : value_(value), prefix_(std::move(prefix)) {
  if (!value_.is_object()) {
    throw ApiError(400, "invalid_field",
                   (prefix_.empty() ? std::string("请求体") : "字段 " + prefix_) + " 应为 JSON 对象", prefix_);
  }
}

std::string JsonObject::field_name(const std::string& key) const { return prefix_.empty() ? key : prefix_ + "." + key; }

bool JsonObject::has(const std::string& key) const {
  auto it = value_.find(key);
  return it != value_.end() && !it->is_null();
}

bool JsonObject::mentions(const std::string& key) const { return value_.contains(key); }

const Json* JsonObject::find(const std::string& key) {
  read_.insert(key);
  auto it = value_.find(key);
  if (it == value_.end() || it->is_null()) return nullptr;
  return &*it;
}

const Json& JsonObject::require(const std::string& key) {
  const Json* found = find(key);
  if (!found) throw ApiError(400, "missing_field", "缺少字段 " + field_name(key), field_name(key));
  return *found;
}

std::string JsonObject::text(const std::string& key) {
  const Json& v = require(key);
  if (!v.is_string()) fail_invalid(field_name(key), "字段 " + field_name(key) + " 应为字符串");
  return v.get<std::string>();
}

std::optional<std::string> JsonObject::optional_text(const std::string& key) {
  if (!find(key)) return std::nullopt;
  return text(key);
}

std::int64_t JsonObject::integer(const std::string& key) {
  const Json& v = require(key);
  if (!v.is_number_integer()) fail_invalid(field_name(key), "字段 " + field_name(key) + " 应为整数");
  if (v.is_number_unsigned() && v.get<std::uint64_t>() > static_cast<std::uint64_t>(INT64_MAX)) {
    fail_invalid(field_name(key), "字段 " + field_name(key) + " 超出范围");
  }
  return v.get<std::int64_t>();
}

std::optional<std::int64_t> JsonObject::optional_integer(const std::string& key) {
  if (!find(key)) return std::nullopt;
  return integer(key);
}

bool JsonObject::boolean(const std::string& key) {
  const Json& v = require(key);
  if (!v.is_boolean()) fail_invalid(field_name(key), "字段 " + field_name(key) + " 应为 true 或 false");
  return v.get<bool>();
}

std::optional<bool> JsonObject::optional_boolean(const std::string& key) {
  if (!find(key)) return std::nullopt;
  return boolean(key);
}

const Json& JsonObject::any(const std::string& key) { return require(key); }

const Json* JsonObject::optional_any(const std::string& key) { return find(key); }

void JsonObject::finish() const {
  for (auto it = value_.begin(); it != value_.end(); ++it) {
    if (!read_.count(it.key())) {
      throw ApiError(400, "unknown_field", "不认识的字段 " + field_name(it.key()), field_name(it.key()));
    }
  }
}

}  // namespace weizhi
