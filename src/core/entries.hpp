// The entries of a list in a request (meeting attendees, a plan's attachments, a ballot's choices):
// how an error names one of them, `field[i]`, and a list checked entry by entry under those names.
#pragma once
#include <cstddef>
#include <string>
#include <vector>

#include "core/error.hpp"

namespace weizhi {

// The name of entry `index` of the list `field` in errors, e.g. "duties[2]".
inline std::string element_field(const std::string& field, std::size_t index) {
  return field + "[" + std::to_string(index) + "]";
}

// 400 naming `field` with `too_many` when `list` holds more than `most` entries, then
// `check(entry, entry_field)` for each entry in order.
template <class T, class Check>
void check_entries(const std::vector<T>& list, std::size_t most, const std::string& field, const std::string& too_many,
                   Check check) {
  if (list.size() > most) fail_invalid(field, too_many);
  for (std::size_t i = 0; i < list.size(); ++i) check(list[i], element_field(field, i));
}

}  // namespace weizhi
