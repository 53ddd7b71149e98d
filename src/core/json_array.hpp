// Arrays in request bodies, read element by element: a 400 names the array field when it is no
// array, and the element (`field[i]`) that is not what the array holds.
#pragma once
#include <cstddef>
#include <cstdint>
#include <string>
#include <type_traits>
#include <vector>

#include "core/entries.hpp"
#include "core/error.hpp"
#include "core/json.hpp"

namespace weizhi {

// What `read(element, element_field)` makes of each element of the array `list`, the field `field`;
// `element_field` names the element in errors, e.g. "duties[2]".
template <class Read>
auto read_elements(const Json& list, const std::string& field, Read read) {
  std::vector<std::invoke_result_t<Read&, const Json&, const std::string&>> items;
  for (std::size_t i = 0; i < list.size(); ++i) items.push_back(read(list[i], element_field(field, i)));
  return items;
}

// The same, after a 400 naming `field` with `not_array` when `list` is no array.
template <class Read>
auto read_array(const Json& list, const std::string& field, const std::string& not_array, Read read) {
  if (!list.is_array()) fail_invalid(field, not_array);
  return read_elements(list, field, read);
}

// An array of texts; 400 naming the first element that is no text, with `not_text`.
inline std::vector<std::string> text_array(const Json& list, const std::string& field, const std::string& not_array,
                                           const std::string& not_text) {
  return read_array(list, field, not_array, [&](const Json& element, const std::string& element_field) {
    if (!element.is_string()) fail_invalid(element_field, not_text);
    return element.get<std::string>();
  });
}

// An array of integers; 400 naming the first element that is no integer, with `not_integer`.
inline std::vector<std::int64_t> integer_array(const Json& list, const std::string& field, const std::string& not_array,
                                               const std::string& not_integer) {
  return read_array(list, field, not_array, [&](const Json& element, const std::string& element_field) {
    if (!element.is_number_integer()) fail_invalid(element_field, not_integer);
    return element.get<std::int64_t>();
  });
}

// An array of codes, each read by `parse` (nullopt for an unknown code); 400 naming the first element
// that is no known code, with `unknown`.
template <class Parse>
auto code_array(const Json& list, const std::string& field, const std::string& not_array, Parse parse,
                const std::string& unknown) {
  return read_array(list, field, not_array, [&](const Json& element, const std::string& element_field) {
    auto value = element.is_string() ? parse(element.get<std::string>()) : std::nullopt;
    if (!value) fail_invalid(element_field, unknown);
    return *value;
  });
}

}  // namespace weizhi
