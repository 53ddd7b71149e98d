// Plain text as the rules read it: whether a required text is filled in, its length in characters, and
// the lines of a file anyone may recount (a vote's export, an election's ballots).
#pragma once
#include <algorithm>
#include <cstdint>
#include <string>
#include <string_view>

#include "core/error.hpp"

namespace weizhi {

// Whether `text` holds nothing but spaces, tabs and line ends: a required text left empty.
inline bool blank(std::string_view text) { return text.find_first_not_of(" \t\r\n") == std::string_view::npos; }

// 400 naming `field` with `message` unless `text` is filled in (not blank) and at most `max_bytes` long.
inline void check_text(const std::string& text, std::size_t max_bytes, const std::string& field,
                       const std::string& message) {
  if (blank(text) || text.size() > max_bytes) fail_invalid(field, message);
}

// The characters of UTF-8 `text`: its bytes but those continuing a character.
inline std::size_t characters(std::string_view text) {
  return static_cast<std::size_t>(
      std::count_if(text.begin(), text.end(), [](unsigned char c) { return (c & 0xC0) != 0x80; }));
}

// Calls `each(line_number, line)` for every line of `text`, numbered from 1: a UTF-8 BOM is skipped
// and a CR before the LF dropped, so that a file saved by a spreadsheet reads as the one written.
template <class Each>
void for_each_line(std::string_view text, Each&& each) {
  if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
  std::int64_t line_number = 0;
  while (!text.empty()) {
    auto end = text.find('\n');
    std::string_view line = text.substr(0, end);
    text.remove_prefix(end == std::string_view::npos ? text.size() : end + 1);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    each(++line_number, line);
  }
}

}  // namespace weizhi
