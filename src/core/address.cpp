// Unit address keys: UTF-8 text read character by character into numbered segments.
#include "core/address.hpp"

#include <cstdint>

namespace weizhi {

namespace {

// One character of UTF-8 text as a code point, with how many bytes it took; malformed bytes read as
// themselves, one at a time, so they only ever separate segments.
struct Character {
  char32_t code;
  std::size_t bytes;
};

Character read_character(std::string_view text) {
  auto byte = [&](std::size_t index) { return static_cast<unsigned char>(text[index]); };
  unsigned char lead = byte(0);
  std::size_t length = lead < 0x80 ? 1 : (lead >> 5) == 0x6 ? 2 : (lead >> 4) == 0xE ? 3 : (lead >> 3) == 0x1E ? 4 : 0;
  if (length <= 1 || length > text.size()) return {lead, 1};
  char32_t code = lead & (0x7F >> length);
  for (std::size_t index = 1; index < length; ++index) {
    if ((byte(index) & 0xC0) != 0x80) return {lead, 1};
    code = (code << 6) | (byte(index) & 0x3F);
  }
  return {code, length};
}

// The ASCII digit or upper-case letter a character stands for in a segment, or 0 when it separates.
char segment_character(char32_t code) {
  // Full-width forms (U+FF01–FF5E) sit at a fixed distance from their ASCII twins.
  if (code >= 0xFF01 && code <= 0xFF5E) code -= 0xFEE0;
  if (code >= '0' && code <= '9') return static_cast<char>(code);
  if (code >= 'A' && code <= 'Z') return static_cast<char>(code);
  if (code >= 'a' && code <= 'z') return static_cast<char>(code - 'a' + 'A');
  return 0;
}

struct Reading {
  std::string key;
  bool finished = false;      // the text goes on after its last segment
  std::size_t place_end = 0;  // the byte where the first segment starts
};

Reading read_address(std::string_view text) {
  Reading reading;
  reading.place_end = text.size();
  bool in_segment = false;
  bool leading_zero = false;  // the segment so far is a single "0" that the next digit replaces
  for (std::size_t offset = 0; offset < text.size();) {
    Character character = read_character(text.substr(offset));
    char symbol = segment_character(character.code);
    if (symbol == 0) {
      if (in_segment) reading.finished = true;
      in_segment = false;
    } else {
      if (!in_segment) {
        if (reading.key.empty())
          reading.place_end = offset;
        else
          reading.key += '-';
        in_segment = true;
        leading_zero = false;
        reading.finished = false;
      }
      if (leading_zero && symbol >= '0' && symbol <= '9') reading.key.pop_back();
      leading_zero = symbol == '0' && (reading.key.empty() || reading.key.back() == '-');
      reading.key += symbol;
    }
    offset += character.bytes;
  }
  return reading;
}

}  // namespace

std::string address_key(std::string_view text) { return read_address(text).key; }

AddressKeyRange address_key_range(std::string_view query) {
  Reading reading = read_address(query);
  if (reading.key.empty()) return {};
  // Keys hold only digits, capital letters and "-", and "-" sorts before them all: the keys from `key`
  // up to `key` + "." are `key` itself and those going on with a new segment; raising the last byte
  // instead takes in those where the last segment goes on too.
  std::string end = reading.key;
  if (reading.finished)
    end += '.';
  else
    ++end.back();
  return {std::move(reading.key), std::move(end)};
}

std::string address_place(std::string_view text) {
  std::string_view place = text.substr(0, read_address(text).place_end);
  constexpr std::string_view kIdeographicSpace = "\xE3\x80\x80";
  for (bool trimmed = true; trimmed;) {
    trimmed = false;
    for (std::string_view space : {std::string_view(" "), std::string_view("\t"), kIdeographicSpace}) {
      while (place.starts_with(space)) place.remove_prefix(space.size()), trimmed = true;
      while (place.ends_with(space)) place.remove_suffix(space.size()), trimmed = true;
    }
  }
  return std::string(place);
}

}  // namespace weizhi
