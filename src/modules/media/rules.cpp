// Photo checks: format from the magic numbers, declared type, size, dimensions.
#include "modules/media/rules.hpp"

#include <algorithm>

#include "core/error.hpp"

namespace weizhi::media {

namespace {

bool starts_with(std::string_view bytes, std::string_view prefix) { return bytes.substr(0, prefix.size()) == prefix; }

// "image/jpeg; charset=…" → "image/jpeg", lower case.
std::string bare_type(std::string_view declared) {
  std::string type(declared.substr(0, declared.find(';')));
  while (!type.empty() && type.back() == ' ') type.pop_back();
  std::transform(type.begin(), type.end(), type.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return type;
}

}  // namespace

std::optional<std::string> sniff_photo_type(std::string_view bytes) {
  if (starts_with(bytes, std::string_view("\xFF\xD8\xFF", 3))) return "image/jpeg";
  if (starts_with(bytes, std::string_view("\x89PNG\r\n\x1A\n", 8))) return "image/png";
  if (bytes.size() >= 12 && starts_with(bytes, "RIFF") && bytes.substr(8, 4) == "WEBP") return "image/webp";
  return std::nullopt;
}

std::string check_photo(std::string_view bytes, std::string_view declared_type, const std::string& field) {
  if (bytes.empty()) fail_invalid(field, "照片内容为空");
  if (bytes.size() > kMaxPhotoBytes) {
    throw ApiError(413, "too_large", "照片不能超过 5 MB", field);
  }
  auto type = sniff_photo_type(bytes);
  if (!type) throw ApiError(415, "unsupported_media_type", "照片只能是 JPEG、PNG 或 WebP 格式", field);
  std::string declared = bare_type(declared_type);
  if (declared != *type && !(declared == "image/jpg" && *type == "image/jpeg")) {
    throw ApiError(
        415, "unsupported_media_type",
        "Content-Type 为 " + (declared.empty() ? std::string("空") : declared) + "，与照片实际格式 " + *type + " 不符",
        field);
  }
  return *type;
}

void check_dimensions(std::int64_t width, std::int64_t height, const std::string& field) {
  const std::string most = std::to_string(kMaxPhotoSide);
  if (width > kMaxPhotoSide)
    fail_unprocessable("照片太宽：" + std::to_string(width) + " 像素，最多 " + most + " 像素", field);
  if (height > kMaxPhotoSide)
    fail_unprocessable("照片太高：" + std::to_string(height) + " 像素，最多 " + most + " 像素", field);
  if (width * height > kMaxPhotoPixels) {
    fail_unprocessable("照片像素太多：" + std::to_string(width) + "×" + std::to_string(height) + "，最多 " +
                           std::to_string(kMaxPhotoPixels / 10'000) + " 万像素",
                       field);
  }
}

bool is_photo_id(std::string_view reference) {
  return reference.size() == 64 && std::all_of(reference.begin(), reference.end(),
                                               [](char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); });
}

}  // namespace weizhi::media
