// Display masks for phone numbers, ID numbers and names.
#include "core/masking.hpp"

#include <cctype>
#include <vector>

namespace weizhi {

namespace {

std::vector<std::string> code_points(std::string_view text) {
  std::vector<std::string> out;
  for (std::size_t i = 0; i < text.size();) {
    unsigned char lead = static_cast<unsigned char>(text[i]);
    std::size_t length = lead < 0x80           ? 1
                         : (lead >> 5) == 0x6  ? 2
                         : (lead >> 4) == 0xE  ? 3
                         : (lead >> 3) == 0x1E ? 4
                                               : 1;
    if (i + length > text.size()) length = text.size() - i;
    out.emplace_back(text.substr(i, length));
    i += length;
  }
  return out;
}

// Keeps `head` leading and `tail` trailing characters and stars the rest.
std::string keep_ends(std::string_view text, std::size_t head, std::size_t tail) {
  auto points = code_points(text);
  if (points.size() <= head + tail) return std::string(points.size(), '*');
  std::string out;
  for (std::size_t i = 0; i < points.size(); ++i) {
    out += (i < head || i >= points.size() - tail) ? points[i] : "*";
  }
  return out;
}

}  // namespace

std::string mask_phone(std::string_view phone) { return keep_ends(phone, 3, 4); }

std::string mask_id_number(std::string_view id_number) { return keep_ends(id_number, 3, 4); }

std::string mask_name(std::string_view name) {
  auto points = code_points(name);
  if (points.size() <= 1) return std::string(name);
  if (points.size() == 2) return points[0] + "*";
  return keep_ends(name, 1, 1);
}

std::string normalise_phone(std::string_view phone) {
  std::string digits;
  for (char c : phone) {
    if (std::isdigit(static_cast<unsigned char>(c))) digits += c;
  }
  if (digits.size() == 13 && digits.rfind("86", 0) == 0) digits.erase(0, 2);
  return digits;
}

}  // namespace weizhi
