// Photo uploads over HTTP: refused with a 4xx naming the field when the bytes are not a complete
// JPEG, PNG or WebP of at most 5 MB and 10,000 px a side; kept once, by the hash of a clean copy
// that carries none of the original's metadata.
#include <filesystem>
#include <fstream>
#include <sstream>

#include "core/crypto.hpp"
#include "support/images.hpp"
#include "support/test_server.hpp"

using nlohmann::json;
using weizhi::testing::ApiTest;
namespace images = weizhi::testing::images;

namespace {
const std::string kGps = "GPS 39.9042N 116.4074E";

// A real PNG of exactly `size` bytes: the padding is a private chunk, which is not kept.
std::string png_of_size(std::size_t size) {
  std::string png = images::png(4, 4);
  return images::with_png_chunk(png, "prVt", std::string(size - png.size() - 12, 'p'));
}

bool contains(const std::string& haystack, std::string_view needle) {
  return haystack.find(needle) != std::string::npos;
}
}  // namespace

class MediaTest : public ApiTest {
 protected:
  std::string stored_file(const std::string& id) {
    std::ifstream in(std::filesystem::path(settings_.media_dir) / id.substr(0, 2) / id, std::ios::binary);
    std::ostringstream bytes;
    bytes << in.rdbuf();
    return bytes.str();
  }
};

TEST_F(MediaTest, UploadStoresTheBytesOnceUnderTheirHash) {
  auto resident = signed_in("resident");
  std::string png = images::png(6, 4);
  auto first = resident->send("POST", "/api/v1/photos", png, {"Content-Type: image/png"});
  ASSERT_EQ(first.status, 201) << first.body;
  std::string id = first.json()["id"];
  std::string stored = stored_file(id);
  EXPECT_EQ(weizhi::crypto::sha256_hex(stored), id) << "named by the hash of the bytes kept";
  EXPECT_EQ(first.json()["content_type"], "image/png");
  EXPECT_EQ(first.json()["size_bytes"], stored.size());

  auto again = signed_in("secretary")->send("POST", "/api/v1/photos", png, {"Content-Type: image/png"});
  EXPECT_EQ(again.status, 200);
  EXPECT_EQ(again.json()["id"], id);
  // The same pixels with other metadata are the same photo.
  auto annotated =
      resident->send("POST", "/api/v1/photos", images::with_png_chunk(png, "tEXt", std::string("Author\0张三", 13)),
                     {"Content-Type: image/png"});
  EXPECT_EQ(annotated.status, 200) << annotated.body;
  EXPECT_EQ(annotated.json()["id"], id);
  auto lease = db().read();
  EXPECT_EQ(lease->scalar("SELECT COUNT(*) FROM photos"), 1);
  EXPECT_EQ(lease->scalar("SELECT COUNT(*) FROM audit_log WHERE action = 'media.photo.upload'"), 1);
}

TEST_F(MediaTest, WhatIsNotAnAcceptablePhotoIsRefusedAndNotKept) {
  auto resident = signed_in("resident");
  std::string png = images::png(4, 4);
  auto text = resident->send("POST", "/api/v1/photos", "hello", {"Content-Type: image/png"});
  EXPECT_EQ(text.status, 415);
  EXPECT_EQ(text.error_field(), "photo");
  EXPECT_EQ(resident->send("POST", "/api/v1/photos", png, {"Content-Type: image/jpeg"}).status, 415);
  EXPECT_EQ(resident->send("POST", "/api/v1/photos", "", {"Content-Type: image/png"}).status, 400);
  auto oversize =
      resident->send("POST", "/api/v1/photos", png_of_size(5 * 1024 * 1024 + 1), {"Content-Type: image/png"});
  EXPECT_EQ(oversize.status, 413);
  EXPECT_EQ(oversize.error_field(), "photo");
  EXPECT_EQ(resident->send("POST", "/api/v1/photos", png_of_size(5 * 1024 * 1024), {"Content-Type: image/png"}).status,
            201);
  EXPECT_EQ(anonymous()->send("POST", "/api/v1/photos", png, {"Content-Type: image/png"}).status, 401);
  auto lease = db().read();
  EXPECT_EQ(lease->scalar("SELECT COUNT(*) FROM photos"), 1) << "only the 5 MB photo was kept";
}

TEST_F(MediaTest, ExifAndItsGpsPositionAreStrippedFromAStoredJpeg) {
  auto resident = signed_in("resident");
  std::string original = images::with_exif(images::jpeg(40, 30), 1, kGps);
  auto reply = resident->send("POST", "/api/v1/photos", original, {"Content-Type: image/jpeg"});
  ASSERT_EQ(reply.status, 201) << reply.body;
  std::string id = reply.json()["id"];
  EXPECT_NE(id, weizhi::crypto::sha256_hex(original));
  std::string stored = stored_file(id);
  ASSERT_EQ(stored.substr(0, 3), "\xFF\xD8\xFF");
  EXPECT_FALSE(contains(stored, "Exif"));
  EXPECT_FALSE(contains(stored, "GPS"));
  EXPECT_EQ(reply.json()["size_bytes"], stored.size());
}

TEST_F(MediaTest, PhotosTooLargeInPixelsOrIncompleteAreRefusedAndNotKept) {
  auto resident = signed_in("resident");
  auto wide = resident->send("POST", "/api/v1/photos", images::png(10'001, 1, 1, std::vector<unsigned char>(10'001)),
                             {"Content-Type: image/png"});
  EXPECT_EQ(wide.status, 422) << wide.body;
  EXPECT_EQ(wide.error_field(), "photo");
  EXPECT_NE(wide.body.find("10001"), std::string::npos) << wide.body;

  std::string jpeg = images::with_exif(images::jpeg(64, 64), 1, kGps);
  auto truncated =
      resident->send("POST", "/api/v1/photos", jpeg.substr(0, jpeg.size() * 2 / 3), {"Content-Type: image/jpeg"});
  EXPECT_EQ(truncated.status, 422) << truncated.body;
  EXPECT_EQ(truncated.error_field(), "photo");
  EXPECT_NE(truncated.body.find("照片无法解码"), std::string::npos) << truncated.body;

  auto garbage =
      resident->send("POST", "/api/v1/photos", std::string("RIFF\x10\0\0\0WEBPVP8 ", 16) + std::string(200, 'x'),
                     {"Content-Type: image/webp"});
  EXPECT_EQ(garbage.status, 422);
  EXPECT_EQ(db().read()->scalar("SELECT COUNT(*) FROM photos"), 0);
}

TEST_F(MediaTest, ACleanPhotoIsServedThroughTheCaseThatCitesIt) {
  auto resident = signed_in("resident");
  auto upload = resident->send("POST", "/api/v1/photos", images::with_exif(images::jpeg(40, 30), 6, kGps),
                               {"Content-Type: image/jpeg"});
  ASSERT_EQ(upload.status, 201) << upload.body;
  std::string id = upload.json()["id"];
  auto webp = resident->send("POST", "/api/v1/photos", images::webp(16, 16), {"Content-Type: image/webp"});
  ASSERT_EQ(webp.status, 201) << webp.body;
  auto reported = resident->post("/api/v1/cases", json{{"item_code", "stairwell-clutter"},
                                                       {"compound_id", node("desheng-xincun")},
                                                       {"description", "楼道堆放纸箱"},
                                                       {"photos", {id, webp.json()["id"]}}});
  ASSERT_EQ(reported.status, 201) << reported.body;
  auto served =
      resident->get("/api/v1/cases/" + std::to_string(reported.json()["id"].get<std::int64_t>()) + "/photos/" + id);
  ASSERT_EQ(served.status, 200);
  EXPECT_EQ(served.headers["content-type"], "image/jpeg");
  EXPECT_EQ(weizhi::crypto::sha256_hex(served.body), id);
  EXPECT_FALSE(contains(served.body, "GPS"));
}
