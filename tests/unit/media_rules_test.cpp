// Photo rules: the format is read from the bytes, must match the declared type, and is bounded;
// a photo must decode completely within the pixel limits, and what is kept has no metadata.
#include <gtest/gtest.h>

#include "../support/images.hpp"
#include "core/error.hpp"
#include "modules/media/images.hpp"
#include "modules/media/rules.hpp"

namespace media = weizhi::media;
namespace images = weizhi::testing::images;

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

// The ApiError clean_photo throws, or a failure when it accepts the bytes.
weizhi::ApiError refusal(const std::string& bytes, const std::string& declared) {
  try {
    media::clean_photo(bytes, declared, "photo");
  } catch (const weizhi::ApiError& error) {
    return error;
  }
  ADD_FAILURE() << "accepted";
  return weizhi::ApiError(0, "", "");
}

bool contains(const std::string& haystack, std::string_view needle) {
  return haystack.find(needle) != std::string::npos;
}

const std::string kGps = "GPS 39.9042N 116.4074E";
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

TEST(MediaRules, ExifAndItsGpsPositionAreNotKeptFromAJpeg) {
  std::string original = images::with_exif(images::jpeg(32, 16), 1, kGps);
  ASSERT_TRUE(contains(original, "Exif"));
  auto clean = media::clean_photo(original, "image/jpeg", "photo");
  EXPECT_EQ(clean.content_type, "image/jpeg");
  EXPECT_FALSE(contains(clean.bytes, "Exif"));
  EXPECT_FALSE(contains(clean.bytes, "GPS"));
  auto pixels = media::decode_photo(clean.bytes, "image/jpeg", "photo");
  EXPECT_EQ(pixels.width, 32);
  EXPECT_EQ(pixels.height, 16);
  EXPECT_EQ(pixels.channels, 3);
}

TEST(MediaRules, AJpegIsTurnedUprightByItsExifOrientationBeforeTheTagIsDropped) {
  // Quadrants red (top left), green (top right), blue, white; where red and green land for each
  // orientation tag, as (right?, bottom?) of the upright picture.
  std::vector<unsigned char> rgb;
  for (int y = 0; y < 16; ++y) {
    for (int x = 0; x < 32; ++x) {
      static constexpr unsigned char colours[4][3] = {{255, 0, 0}, {0, 255, 0}, {0, 0, 255}, {255, 255, 255}};
      const auto* colour = colours[(y < 8 ? 0 : 2) + (x < 16 ? 0 : 1)];
      rgb.insert(rgb.end(), colour, colour + 3);
    }
  }
  struct Corner {
    bool right, bottom;
  };
  const std::pair<Corner, Corner> expected[9] = {{},
                                                 {{false, false}, {true, false}},
                                                 {{true, false}, {false, false}},
                                                 {{true, true}, {false, true}},
                                                 {{false, true}, {true, true}},
                                                 {{false, false}, {false, true}},
                                                 {{true, false}, {true, true}},
                                                 {{true, true}, {true, false}},
                                                 {{false, true}, {false, false}}};
  for (int orientation = 1; orientation <= 8; ++orientation) {
    SCOPED_TRACE("orientation " + std::to_string(orientation));
    auto clean =
        media::clean_photo(images::with_exif(images::jpeg(32, 16, rgb), orientation, "turned"), "image/jpeg", "photo");
    auto pixels = media::decode_photo(clean.bytes, "image/jpeg", "photo");
    const bool swapped = orientation >= 5;
    ASSERT_EQ(pixels.width, swapped ? 16 : 32);
    ASSERT_EQ(pixels.height, swapped ? 32 : 16);
    auto sample = [&](Corner corner, int channel) {
      int x = corner.right ? pixels.width * 3 / 4 : pixels.width / 4,
          y = corner.bottom ? pixels.height * 3 / 4 : pixels.height / 4;
      return pixels.samples[(static_cast<std::size_t>(y) * pixels.width + x) * 3 + channel];
    };
    auto [red, green] = expected[orientation];
    EXPECT_GT(sample(red, 0), 200);
    EXPECT_LT(sample(red, 1), 60);
    EXPECT_LT(sample(green, 0), 60);
    EXPECT_GT(sample(green, 1), 200);
    EXPECT_LT(sample(green, 2), 60);
  }
}

TEST(MediaRules, TextAndExifChunksAreNotKeptFromAPng) {
  std::string plain = images::png(8, 8);
  std::string original =
      images::with_png_chunk(images::with_png_chunk(plain, "tEXt", std::string("Comment\0", 8) + kGps), "eXIf",
                             std::string("II*\0", 4) + kGps);
  auto clean = media::clean_photo(original, "image/png", "photo");
  EXPECT_EQ(clean.content_type, "image/png");
  for (std::string_view marker : {"tEXt", "eXIf", "GPS"}) EXPECT_FALSE(contains(clean.bytes, marker)) << marker;
  EXPECT_EQ(clean.bytes, media::clean_photo(plain, "image/png", "photo").bytes)
      << "the same pixels with and without metadata are kept as the same bytes, so they are stored once";
}

TEST(MediaRules, AWebpIsDecodedAndEncodedAgain) {
  auto clean = media::clean_photo(images::webp(20, 10), "image/webp", "photo");
  EXPECT_EQ(media::sniff_photo_type(clean.bytes), "image/webp");
  auto pixels = media::decode_photo(clean.bytes, "image/webp", "photo");
  EXPECT_EQ(pixels.width, 20);
  EXPECT_EQ(pixels.height, 10);
}

TEST(MediaRules, CleaningIsDeterministic) {
  for (auto [bytes, type] : {std::pair{images::jpeg(24, 24), "image/jpeg"}, std::pair{images::png(24, 24), "image/png"},
                             std::pair{images::webp(24, 24), "image/webp"}}) {
    EXPECT_EQ(media::clean_photo(bytes, type, "photo").bytes, media::clean_photo(bytes, type, "photo").bytes) << type;
  }
}

TEST(MediaRules, ATruncatedPhotoIsRefused) {
  for (auto [bytes, type] : {std::pair{images::jpeg(64, 64), "image/jpeg"},
                             std::pair{images::png(64, 64, "\x01\x93\x27\xC4\x55"), "image/png"},
                             std::pair{images::webp(64, 64, "\x01\x93\x27\xC4\x55"), "image/webp"}}) {
    auto error = refusal(bytes.substr(0, bytes.size() * 2 / 3), type);
    EXPECT_EQ(error.status(), 422) << type;
    EXPECT_EQ(error.field(), "photo");
    EXPECT_TRUE(contains(error.message(), "照片无法解码")) << error.message();
  }
  std::string jpeg = images::jpeg(64, 64);
  EXPECT_EQ(refusal(jpeg.substr(0, jpeg.size() - 2), "image/jpeg").status(), 422) << "only the end marker missing";
}

TEST(MediaRules, GarbageAfterTheMagicBytesIsRefused) {
  std::string garbage(600, '\x5A');
  EXPECT_EQ(refusal("\xFF\xD8\xFF\xE0" + garbage, "image/jpeg").status(), 422);
  EXPECT_EQ(refusal(std::string("\x89PNG\r\n\x1A\n", 8) + garbage, "image/png").status(), 422);
  EXPECT_EQ(refusal(std::string("RIFF\x58\x02\0\0WEBPVP8 ", 16) + garbage, "image/webp").status(), 422);
  EXPECT_EQ(refusal(kJpeg, "image/jpeg").status(), 422);
  EXPECT_EQ(refusal(kPng, "image/png").status(), 422);
  EXPECT_EQ(refusal(kWebp, "image/webp").status(), 422);
}

TEST(MediaRules, DimensionsAreReadFromTheHeaderAndBounded) {
  auto too_wide = refusal(images::png(20000, 1, 1, std::vector<unsigned char>(20000)), "image/png");
  EXPECT_EQ(too_wide.status(), 422);
  EXPECT_EQ(too_wide.field(), "photo");
  EXPECT_TRUE(contains(too_wide.message(), "20000")) << too_wide.message();
  EXPECT_EQ(refusal(images::png(1, 10'001, 1, std::vector<unsigned char>(10'001)), "image/png").status(), 422);
  EXPECT_EQ(refusal(images::webp(10'001, 2), "image/webp").status(), 422);
  EXPECT_EQ(refusal(images::jpeg(10'001, 8), "image/jpeg").status(), 422);
  EXPECT_EQ(media::clean_photo(images::png(10'000, 1, 1, std::vector<unsigned char>(10'000)), "image/png", "photo")
                .content_type,
            "image/png");

  EXPECT_NO_THROW(media::check_dimensions(10'000, 4'000, "photo"));
  EXPECT_NO_THROW(media::check_dimensions(8'000, 5'000, "photo"));
  EXPECT_THROW(media::check_dimensions(8'000, 5'001, "photo"), weizhi::ApiError) << "over 40 million pixels";
  EXPECT_THROW(media::check_dimensions(10'001, 1, "photo"), weizhi::ApiError);
  EXPECT_THROW(media::check_dimensions(1, 10'001, "photo"), weizhi::ApiError);
}
