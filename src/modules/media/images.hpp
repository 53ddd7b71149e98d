// Photo decoding and encoding with Debian's libjpeg-turbo, libpng, libwebp and libexif: a photo is
// kept only as its decoded pixels encoded anew, so nothing of the original file but the image survives.
#pragma once
#include <string>
#include <string_view>
#include <vector>

namespace weizhi::media {

// 8 bits per sample, rows packed without padding.
struct Pixels {
  int width = 0;
  int height = 0;
  int channels = 0;  // 1 grey, 2 grey and alpha, 3 RGB, 4 RGBA
  std::vector<unsigned char> samples;
};

// Decodes a photo of `type` (image/jpeg, image/png or image/webp, as sniffed). The dimensions are
// read from the header and checked (check_dimensions) before any pixel is decoded; a file that does
// not decode completely and without warnings is a 422 naming `field`. A JPEG's EXIF orientation is
// applied, so the pixels come upright.
Pixels decode_photo(std::string_view bytes, const std::string& type, const std::string& field);

// The pixels as a file of `type` without metadata: JPEG at quality 90, PNG, or lossy WebP at 90.
// The same pixels always give the same bytes.
std::string encode_photo(const Pixels& pixels, const std::string& type);

// What is stored of an upload.
struct CleanPhoto {
  std::string content_type;
  std::string bytes;  // the decoded pixels encoded anew: no EXIF, GPS position or other metadata
};

// check_photo, then the whole file decoded (4xx naming `field` when it does not decode) and
// encoded again in its own format. The same upload always gives the same bytes.
CleanPhoto clean_photo(std::string_view bytes, std::string_view declared_type, const std::string& field);

}  // namespace weizhi::media
