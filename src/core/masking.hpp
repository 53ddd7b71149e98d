// Masking of personal data for display (docs/rules.md#f-masked-display): phone 138****5678, ID
// 110***********1234, names 张*明. Operates on UTF-8 code points so Chinese names mask by character.
#pragma once
#include <string>
#include <string_view>

namespace weizhi {

std::string mask_phone(std::string_view phone);
std::string mask_id_number(std::string_view id_number);
std::string mask_name(std::string_view name);
// Digits only, with a leading +86 / 86 country code removed: the form the blind index is made of.
std::string normalise_phone(std::string_view phone);

}  // namespace weizhi
