// Enums spoken as short text codes (in SQL rows and JSON), and other values spoken as words: each is
// listed once, as a CodeTable of {value, code} rows, and read with code_of and parse_code:
//   constexpr CodeTable<Party> kParties = {{Party::Street, "street"}, {Party::Utility, "utility"}};
// A table may give one value several codes (words a user may type): code_of says the first. Readers that
// take a parser (code_field, query_code, code_array) take parser_of(table).
#pragma once
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>

namespace weizhi {

template <class Value>
using CodeTable = std::pair<Value, std::string_view>[];

// The code of `value`; "" when the table lacks it.
template <class Value, std::size_t N>
std::string code_of(const std::pair<Value, std::string_view> (&table)[N], std::type_identity_t<Value> value) {
  for (const auto& [entry, code] : table) {
    if (entry == value) return std::string(code);
  }
  return {};
}

// The value whose code is `code`; nullopt when there is none.
template <class Value, std::size_t N>
std::optional<Value> parse_code(const std::pair<Value, std::string_view> (&table)[N], std::string_view code) {
  for (const auto& [value, text] : table) {
    if (code == text) return value;
  }
  return std::nullopt;
}

// parse_code over `table`, as a callable for the readers that take a parser.
template <class Value, std::size_t N>
auto parser_of(const std::pair<Value, std::string_view> (&table)[N]) {
  return [&table](std::string_view code) { return parse_code(table, code); };
}

}  // namespace weizhi
