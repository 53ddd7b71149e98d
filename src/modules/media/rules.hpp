// What a photo may be: JPEG, PNG or WebP, recognised from its first bytes rather than from what the
// client claims, no larger than the limits, and decoding completely; what is kept is its pixels alone.
#pragma once
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace weizhi::media {

inline constexpr std::size_t kMaxPhotoBytes = 5 * 1024 * 1024;
// Read from the header before any pixel is decoded. The pixel cap bounds the memory a small file
// can make the server take: roughly 9 bytes a pixel at worst (a progressive JPEG's coefficients,
// its pixels, their turned copy), 360 MB at the cap. A phone's photo has 12 Mpx; one under 5 MB
// seldom has over 20.
inline constexpr std::int64_t kMaxPhotoSide = 10'000;
inline constexpr std::int64_t kMaxPhotoPixels = 40'000'000;

// The MIME type the bytes are, or nullopt when they are none of the three formats.
std::optional<std::string> sniff_photo_type(std::string_view bytes);

// The checks before decoding: throws a 4xx ApiError naming `field` when the bytes are empty, too
// many, none of the three formats or not the declared Content-Type; returns the type.
std::string check_photo(std::string_view bytes, std::string_view declared_type, const std::string& field);

// Throws 422 naming `field` when a side is over kMaxPhotoSide or the area over kMaxPhotoPixels.
void check_dimensions(std::int64_t width, std::int64_t height, const std::string& field);

// Whether `reference` has the shape of a photo's id (64 lower-case hex digits).
bool is_photo_id(std::string_view reference);

}  // namespace weizhi::media
