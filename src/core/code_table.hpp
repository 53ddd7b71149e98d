// Enums spoken as short text codes (in SQL rows and JSON): each module lists an enum's codes once,
// as a table of {value, code} pairs (a std::array or a plain array), and reads it with these two.
#pragma once
#include <iterator>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>

namespace weizhi {

// The code of `value`; "" when the table lacks it.
template <class Table, class Enum>
std::string code_of(const Table& table, Enum value) {
  for (const auto& [entry, code] : table) {
    if (entry == value) return code;
  }
  return {};
}

// The value whose code is `code`; nullopt when there is none.
template <class Table>
auto parse_code(const Table& table, std::string_view code) {
  using Enum = std::remove_cvref_t<decltype(std::begin(table)->first)>;
  for (const auto& [value, text] : table) {
    if (code == text) return std::optional<Enum>(value);
  }
  return std::optional<Enum>();
}

}  // namespace weizhi
