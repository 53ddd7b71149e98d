// Enums spoken as short text codes (in SQL rows and JSON), and other values spoken as words: each is
// listed once, as a CodeTable of {value, code} rows, and read with code_of and parse_code:
//   constexpr CodeTable<Party> kParties = {{Party::Street, "street"}, {Party::Utility, "utility"}};
// A table may give one value several codes (words a user may type): code_of says the first.
#pragma once
#include <iterator>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>

namespace weizhi {

template <class Value>
using CodeTable = std::pair<Value, std::string_view>[];

// The code of `value`; "" when the table lacks it.
template <class Table, class Value>
std::string code_of(const Table& table, Value value) {
  for (const auto& [entry, code] : table) {
    if (entry == value) return std::string(code);
  }
  return {};
}

// The value whose code is `code`; nullopt when there is none.
template <class Table>
auto parse_code(const Table& table, std::string_view code) {
  using Value = std::remove_cvref_t<decltype(std::begin(table)->first)>;
  for (const auto& [value, text] : table) {
    if (code == text) return std::optional<Value>(value);
  }
  return std::optional<Value>();
}

}  // namespace weizhi
