// Select: conditions and their parameters appended in step, so each `?` meets its value.
#include "store/select.hpp"

namespace weizhi::store {

std::string placeholders(std::size_t count) {
  std::string list;
  for (std::size_t i = 0; i < count; ++i) list += i ? ", ?" : "?";
  return list;
}

std::string like_pattern(std::string_view text) {
  std::string pattern;
  pattern.reserve(text.size());
  for (char c : text) {
    if (c == '%' || c == '_' || c == '\\') pattern += '\\';
    pattern += c;
  }
  return pattern;
}

Select::Select(std::string sql) : sql_(std::move(sql)) {}

Select& Select::where(std::string_view condition, Params params) {
  sql_ += has_condition_ ? " AND " : " WHERE ";
  sql_ += condition;
  has_condition_ = true;
  for (auto& param : params) params_.push_back(std::move(param));
  return *this;
}

Select& Select::newest_first(std::string_view id_column, std::optional<std::int64_t> before_id,
                             std::optional<std::int64_t> limit) {
  if (before_id) where(std::string(id_column) + " < ?", {*before_id});
  sql_ += " ORDER BY " + std::string(id_column) + " DESC";
  if (limit) {
    sql_ += " LIMIT ?";
    params_.emplace_back(*limit);
  }
  return *this;
}

Select& Select::oldest_first(std::string_view id_column, std::int64_t after_id, std::int64_t limit) {
  where(std::string(id_column) + " > ?", {after_id});
  sql_ += " ORDER BY " + std::string(id_column) + " LIMIT ?";
  params_.emplace_back(limit);
  return *this;
}

Select& Select::ordered_by(std::string_view order) {
  sql_ += " ORDER BY ";
  sql_ += order;
  return *this;
}

}  // namespace weizhi::store
