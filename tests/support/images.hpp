// Images for the photo tests, made with the codecs the server uses, and the metadata phones and
// editors put in them spliced in: an EXIF segment in a JPEG, any chunk in a PNG.
#pragma once
#include <png.h>
#include <turbojpeg.h>
#include <webp/encode.h>

#include <cstdint>
#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace weizhi::testing::images {

// width × height pixels of `channels` samples, taken in turn from `pattern`, over and over.
inline std::vector<unsigned char> samples(int width, int height, int channels, std::string_view pattern) {
  std::vector<unsigned char> out(static_cast<std::size_t>(width) * height * channels);
  for (std::size_t i = 0; i < out.size(); ++i) out[i] = static_cast<unsigned char>(pattern[i % pattern.size()]);
  return out;
}

inline std::string png(int width, int height, int channels, const std::vector<unsigned char>& pixels) {
  static constexpr png_uint_32 formats[5] = {0, PNG_FORMAT_GRAY, PNG_FORMAT_GA, PNG_FORMAT_RGB, PNG_FORMAT_RGBA};
  png_image image{};
  image.version = PNG_IMAGE_VERSION;
  image.width = static_cast<png_uint_32>(width);
  image.height = static_cast<png_uint_32>(height);
  image.format = formats[channels];
  png_alloc_size_t size = 0;
  if (!png_image_write_get_memory_size(image, size, 0, pixels.data(), 0, nullptr)) throw std::runtime_error("png size");
  std::string out(size, '\0');
  if (!png_image_write_to_memory(&image, out.data(), &size, 0, pixels.data(), 0, nullptr))
    throw std::runtime_error("png");
  out.resize(size);
  return out;
}

inline std::string png(int width, int height, std::string_view pattern = "\x10\x80\xF0") {
  return png(width, height, 3, samples(width, height, 3, pattern));
}

// An RGB JPEG at quality 95.
inline std::string jpeg(int width, int height, const std::vector<unsigned char>& rgb) {
  std::unique_ptr<void, decltype(&tjDestroy)> encoder(tjInitCompress(), tjDestroy);
  unsigned char* buffer = nullptr;
  unsigned long size = 0;
  if (tjCompress2(encoder.get(), rgb.data(), width, 0, height, TJPF_RGB, &buffer, &size, TJSAMP_444, 95, 0) != 0) {
    throw std::runtime_error("jpeg");
  }
  std::string out(reinterpret_cast<const char*>(buffer), size);
  tjFree(buffer);
  return out;
}

inline std::string jpeg(int width, int height, std::string_view pattern = "\x10\x80\xF0") {
  return jpeg(width, height, samples(width, height, 3, pattern));
}

inline std::string webp(int width, int height, std::string_view pattern = "\x10\x80\xF0") {
  auto rgb = samples(width, height, 3, pattern);
  std::uint8_t* buffer = nullptr;
  std::size_t size = WebPEncodeRGB(rgb.data(), width, height, width * 3, 90, &buffer);
  if (size == 0) throw std::runtime_error("webp");
  std::string out(reinterpret_cast<const char*>(buffer), size);
  WebPFree(buffer);
  return out;
}

// The JPEG with an APP1 EXIF segment after its start marker, as a phone writes it: a little-endian
// TIFF block whose first directory holds the orientation and an ASCII description.
inline std::string with_exif(const std::string& jpeg, int orientation, const std::string& description) {
  auto u16 = [](std::string& out, unsigned value) {
    out += static_cast<char>(value & 0xFF);
    out += static_cast<char>(value >> 8);
  };
  auto u32 = [&](std::string& out, unsigned value) {
    u16(out, value & 0xFFFF);
    u16(out, value >> 16);
  };
  std::string text = description + '\0';
  std::string tiff = "II";
  u16(tiff, 42);
  u32(tiff, 8);       // the first directory follows the header
  u16(tiff, 2);       // two entries, in tag order
  u16(tiff, 0x010E);  // ImageDescription, ASCII, its text after the directory
  u16(tiff, 2);
  u32(tiff, static_cast<unsigned>(text.size()));
  u32(tiff, 8 + 2 + 2 * 12 + 4);
  u16(tiff, 0x0112);  // Orientation, one SHORT held in the entry itself
  u16(tiff, 3);
  u32(tiff, 1);
  u16(tiff, static_cast<unsigned>(orientation));
  u16(tiff, 0);
  u32(tiff, 0);  // no next directory
  tiff += text;
  std::string payload = std::string("Exif\0\0", 6) + tiff;
  std::string segment = "\xFF\xE1";
  segment += static_cast<char>((payload.size() + 2) >> 8);
  segment += static_cast<char>((payload.size() + 2) & 0xFF);
  return jpeg.substr(0, 2) + segment + payload + jpeg.substr(2);
}

// The PNG with a chunk of `type` holding `data` right after its header chunk (IHDR).
inline std::string with_png_chunk(const std::string& png, std::string_view type, std::string_view data) {
  auto crc32 = [](std::string_view bytes) {
    std::uint32_t crc = 0xFFFFFFFFu;
    for (unsigned char byte : bytes) {
      crc ^= byte;
      for (int bit = 0; bit < 8; ++bit) crc = (crc >> 1) ^ (0xEDB88320u & (0u - (crc & 1u)));
    }
    return crc ^ 0xFFFFFFFFu;
  };
  auto big_endian = [](std::uint32_t value) {
    return std::string{static_cast<char>(value >> 24), static_cast<char>(value >> 16), static_cast<char>(value >> 8),
                       static_cast<char>(value)};
  };
  std::string body = std::string(type) + std::string(data);
  std::string chunk = big_endian(static_cast<std::uint32_t>(data.size())) + body + big_endian(crc32(body));
  const std::size_t after_header = 8 + 4 + 4 + 13 + 4;  // signature, then IHDR's length, type, data and CRC
  return png.substr(0, after_header) + chunk + png.substr(after_header);
}

}  // namespace weizhi::testing::images
