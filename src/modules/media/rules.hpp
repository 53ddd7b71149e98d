// What a photo may be: JPEG, PNG or WebP, recognised from its first bytes rather than from what the
// client claims, and no larger than the limit.
#pragma once
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace weizhi::media {

inline constexpr std::size_t kMaxPhotoBytes = 5 * 1024 * 1024;

// The MIME type the bytes are, or nullopt when they are none of the three formats.
std::optional<std::string> sniff_photo_type(std::string_view bytes);

// Throws a 4xx ApiError naming `field` when the bytes are not an acceptable photo or do not match
// the declared Content-Type; returns the type.
std::string check_photo(std::string_view bytes, std::string_view declared_type, const std::string& field);

// Whether `reference` has the shape of a photo's id (64 lower-case hex digits).
bool is_photo_id(std::string_view reference);

}  // namespace weizhi::media
