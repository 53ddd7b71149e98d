// Photo rules: the format is read from the bytes, must match the declared type, and is bounded.
#include <gtest/gtest.h>

#include "core/error.hpp"
#include "modules/media/rules.hpp"

namespace media = weizhi::media;

namespace {
const std::string kJpeg("\xFF\xD8\xFF\xE0 jfif", 9);
const std::string kPng("\x89PNG\r\n\x1A\n rest", 13);
const std::string kWebp("RIFF\x10\0\0\0WEBPVP8 ", 16);

int status_of(const std::string& bytes, const std::string& declared) {
  try {
    media::check_photo(bytes, declared, "photo");
    return 0;
  } catch (const weizhi::ApiError& error) {
    EXPECT_EQ(error.field(), "photo");
    return error.status();
  }
}
}  // namespace

TEST(MediaRules, FormatComesFromTheFirstBytes) {
  EXPECT_EQ(media::sniff_photo_type(kJpeg), "image/jpeg");
  EXPECT_EQ(media::sniff_photo_type(kPng), "image/png");
  EXPECT_EQ(media::sniff_photo_type(kWebp), "image/webp");
  EXPECT_EQ(media::sniff_photo_type("GIF89a......"), std::nullopt);
  EXPECT_EQ(media::sniff_photo_type("RIFF\x10\0\0\0WAVE"), std::nullopt);
  EXPECT_EQ(media::sniff_photo_type("\xFF\xD8"), std::nullopt);
}

TEST(MediaRules, DeclaredTypeMustMatchTheBytes) {
  EXPECT_EQ(media::check_photo(kPng, "image/png", "photo"), "image/png");
  EXPECT_EQ(media::check_photo(kJpeg, "IMAGE/JPEG; charset=binary", "photo"), "image/jpeg");
  EXPECT_EQ(media::check_photo(kJpeg, "image/jpg", "photo"), "image/jpeg");
  EXPECT_EQ(status_of(kPng, "image/jpeg"), 415);
  EXPECT_EQ(status_of(kWebp, ""), 415);
  EXPECT_EQ(status_of("<svg onload=alert(1)>", "image/png"), 415);
}

TEST(MediaRules, SizeIsBounded) {
  EXPECT_EQ(status_of("", "image/png"), 400);
  std::string largest = kPng + std::string(media::kMaxPhotoBytes - kPng.size(), 'x');
  EXPECT_EQ(status_of(largest, "image/png"), 0);
  EXPECT_EQ(status_of(largest + "x", "image/png"), 413);
}

TEST(MediaRules, PhotoIdsAreLowerCaseSha256Hex) {
  EXPECT_TRUE(media::is_photo_id(std::string(64, 'a')));
  EXPECT_FALSE(media::is_photo_id(std::string(64, 'A')));
  EXPECT_FALSE(media::is_photo_id(std::string(63, 'a')));
  EXPECT_FALSE(media::is_photo_id("../" + std::string(61, 'a')));
}
