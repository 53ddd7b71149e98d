// Photo uploads over HTTP: stored once by content hash in the media folder, refused with a 4xx
// naming the field when the bytes are not a JPEG, PNG or WebP of at most 5 MB.
#include <filesystem>

#include "core/crypto.hpp"
#include "support/test_server.hpp"

using weizhi::testing::ApiTest;

namespace {
const std::string kPng = std::string("\x89PNG\r\n\x1A\n", 8) + "pixels";

std::string png_of_size(std::size_t size) { return kPng + std::string(size - kPng.size(), 'p'); }
}  // namespace

class MediaTest : public ApiTest {};

TEST_F(MediaTest, UploadStoresTheBytesOnceUnderTheirHash) {
  auto resident = signed_in("resident");
  auto first = resident->send("POST", "/api/v1/photos", kPng, {"Content-Type: image/png"});
  ASSERT_EQ(first.status, 201) << first.body;
  std::string id = weizhi::crypto::sha256_hex(kPng);
  EXPECT_EQ(first.json()["id"], id);
  EXPECT_EQ(first.json()["content_type"], "image/png");
  EXPECT_EQ(first.json()["size_bytes"], kPng.size());
  auto file = std::filesystem::path(settings_.media_dir) / id.substr(0, 2) / id;
  ASSERT_TRUE(std::filesystem::exists(file));
  EXPECT_EQ(std::filesystem::file_size(file), kPng.size());

  auto again = signed_in("secretary")->send("POST", "/api/v1/photos", kPng, {"Content-Type: image/png"});
  EXPECT_EQ(again.status, 200);
  EXPECT_EQ(again.json()["id"], id);
  auto lease = db().read();
  EXPECT_EQ(lease->scalar("SELECT COUNT(*) FROM photos"), 1);
  EXPECT_EQ(lease->scalar("SELECT COUNT(*) FROM audit_log WHERE action = 'media.photo.upload'"), 1);
}

TEST_F(MediaTest, WhatIsNotAnAcceptablePhotoIsRefusedAndNotKept) {
  auto resident = signed_in("resident");
  auto text = resident->send("POST", "/api/v1/photos", "hello", {"Content-Type: image/png"});
  EXPECT_EQ(text.status, 415);
  EXPECT_EQ(text.error_field(), "photo");
  EXPECT_EQ(resident->send("POST", "/api/v1/photos", kPng, {"Content-Type: image/jpeg"}).status, 415);
  EXPECT_EQ(resident->send("POST", "/api/v1/photos", "", {"Content-Type: image/png"}).status, 400);
  auto oversize = resident->send("POST", "/api/v1/photos", png_of_size(5 * 1024 * 1024 + 1), {"Content-Type: image/png"});
  EXPECT_EQ(oversize.status, 413);
  EXPECT_EQ(oversize.error_field(), "photo");
  EXPECT_EQ(resident->send("POST", "/api/v1/photos", png_of_size(5 * 1024 * 1024), {"Content-Type: image/png"}).status, 201);
  EXPECT_EQ(anonymous()->send("POST", "/api/v1/photos", kPng, {"Content-Type: image/png"}).status, 401);
  auto lease = db().read();
  EXPECT_EQ(lease->scalar("SELECT COUNT(*) FROM photos"), 1) << "only the 5 MB photo was kept";
}
