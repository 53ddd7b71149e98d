// Photo codecs: the libraries' own decoders and encoders, called only through interfaces that
// report errors by return value (TurboJPEG, libpng's simplified API, libwebp), so no libjpeg
// longjmp ever crosses C++ frames.
#include "modules/media/images.hpp"

#include <libexif/exif-data.h>
#include <png.h>
#include <turbojpeg.h>
#include <webp/decode.h>
#include <webp/encode.h>

#include <cstddef>
#include <cstring>
#include <memory>
#include <stdexcept>

#include "core/error.hpp"
#include "modules/media/rules.hpp"

namespace weizhi::media {

namespace {

const unsigned char* data_of(std::string_view bytes) { return reinterpret_cast<const unsigned char*>(bytes.data()); }

[[noreturn]] void fail_undecodable(const std::string& field) {
  fail_unprocessable("照片无法解码：文件不完整或已损坏", field);
}

// ---- JPEG ----

using TurboJpeg = std::unique_ptr<void, decltype(&tjDestroy)>;

// The EXIF orientation (1-8; 1 when absent or unreadable) of a JPEG.
int exif_orientation(std::string_view jpeg) {
  std::unique_ptr<ExifData, decltype(&exif_data_unref)> exif(exif_data_new(), exif_data_unref);
  if (!exif) return 1;
  // Read only: libexif must not first rewrite the tags to its idea of the specification.
  exif_data_unset_option(exif.get(), EXIF_DATA_OPTION_FOLLOW_SPECIFICATION);
  exif_data_load_data(exif.get(), data_of(jpeg), static_cast<unsigned int>(jpeg.size()));
  ExifEntry* entry = exif_content_get_entry(exif->ifd[EXIF_IFD_0], EXIF_TAG_ORIENTATION);
  if (!entry || entry->format != EXIF_FORMAT_SHORT || entry->components < 1 || entry->size < 2) return 1;
  int orientation = exif_get_short(entry->data, exif_data_get_byte_order(exif.get()));
  return orientation >= 1 && orientation <= 8 ? orientation : 1;
}

// The pixels turned as EXIF orientation `orientation` says they are to be shown. Each source
// pixel (x, y) lands at index base + x·step_x + y·step_y of the upright image, in pixels.
Pixels upright(Pixels pixels, int orientation) {
  if (orientation == 1) return pixels;
  const std::ptrdiff_t w = pixels.width, h = pixels.height;
  const bool swaps = orientation >= 5;
  const std::ptrdiff_t out_w = swaps ? h : w;
  struct Walk {
    std::ptrdiff_t base, step_x, step_y;
  };
  const Walk walks[9] = {{},
                         {0, 1, out_w},
                         {w - 1, -1, out_w},                     // mirrored left-right
                         {(h - 1) * out_w + w - 1, -1, -out_w},  // turned 180°
                         {(h - 1) * out_w, 1, -out_w},           // mirrored top-bottom
                         {0, out_w, 1},                          // transposed
                         {h - 1, out_w, -1},                     // to be turned 90° clockwise
                         {(w - 1) * out_w + h - 1, -out_w, -1},  // transversed
                         {(w - 1) * out_w, -out_w, 1}};          // to be turned 90° anticlockwise
  const Walk& walk = walks[orientation];
  const std::size_t channels = static_cast<std::size_t>(pixels.channels);
  Pixels turned{static_cast<int>(out_w), static_cast<int>(swaps ? w : h), pixels.channels,
                std::vector<unsigned char>(pixels.samples.size())};
  const unsigned char* source = pixels.samples.data();
  for (std::ptrdiff_t y = 0; y < h; ++y) {
    for (std::ptrdiff_t x = 0; x < w; ++x, source += channels) {
      std::memcpy(&turned.samples[static_cast<std::size_t>(walk.base + x * walk.step_x + y * walk.step_y) * channels],
                  source, channels);
    }
  }
  return turned;
}

Pixels decode_jpeg(std::string_view bytes, const std::string& field) {
  TurboJpeg decoder(tjInitDecompress(), tjDestroy);
  if (!decoder) throw std::runtime_error("cannot start the JPEG decoder");
  int width = 0, height = 0, subsampling = 0, colorspace = 0;
  if (tjDecompressHeader3(decoder.get(), data_of(bytes), bytes.size(), &width, &height, &subsampling, &colorspace) !=
      0) {
    fail_undecodable(field);
  }
  check_dimensions(width, height, field);
  const bool grey = colorspace == TJCS_GRAY;
  Pixels pixels{width, height, grey ? 1 : 3, {}};
  pixels.samples.resize(static_cast<std::size_t>(width) * static_cast<std::size_t>(height) * (grey ? 1 : 3));
  // A warning (a truncated file, corrupt data) means made-up pixels: refused like an error. At
  // most 500 progressive scans, so a small file cannot keep the decoder busy for minutes.
  if (tjDecompress2(decoder.get(), data_of(bytes), bytes.size(), pixels.samples.data(), width, 0, height,
                    grey ? TJPF_GRAY : TJPF_RGB, TJFLAG_STOPONWARNING | TJFLAG_LIMITSCANS) != 0) {
    fail_undecodable(field);
  }
  return upright(std::move(pixels), exif_orientation(bytes));
}

std::string encode_jpeg(const Pixels& pixels) {
  TurboJpeg encoder(tjInitCompress(), tjDestroy);
  if (!encoder) throw std::runtime_error("cannot start the JPEG encoder");
  const bool grey = pixels.channels == 1;
  unsigned char* buffer = nullptr;
  unsigned long size = 0;
  int status = tjCompress2(encoder.get(), pixels.samples.data(), pixels.width, 0, pixels.height,
                           grey ? TJPF_GRAY : TJPF_RGB, &buffer, &size, grey ? TJSAMP_GRAY : TJSAMP_420, 90, 0);
  std::unique_ptr<unsigned char, decltype(&tjFree)> owned(buffer, tjFree);
  if (status != 0) throw std::runtime_error(std::string("cannot encode JPEG: ") + tjGetErrorStr2(encoder.get()));
  return std::string(reinterpret_cast<const char*>(buffer), size);
}

// ---- PNG ----

// Releases libpng's reading state however the decoding ends.
struct PngImage {
  png_image image{};
  PngImage() { image.version = PNG_IMAGE_VERSION; }
  ~PngImage() { png_image_free(&image); }
};

Pixels decode_png(std::string_view bytes, const std::string& field) {
  PngImage png;
  if (!png_image_begin_read_from_memory(&png.image, bytes.data(), bytes.size())) fail_undecodable(field);
  check_dimensions(png.image.width, png.image.height, field);
  // 8-bit grey or RGB, with alpha if it has any; palettes and 16-bit samples are expanded or reduced.
  png.image.format &= PNG_FORMAT_FLAG_ALPHA | PNG_FORMAT_FLAG_COLOR;
  Pixels pixels{static_cast<int>(png.image.width),
                static_cast<int>(png.image.height),
                static_cast<int>(PNG_IMAGE_PIXEL_CHANNELS(png.image.format)),
                {}};
  pixels.samples.resize(PNG_IMAGE_SIZE(png.image));
  if (!png_image_finish_read(&png.image, nullptr, pixels.samples.data(), 0, nullptr)) fail_undecodable(field);
  return pixels;
}

std::string encode_png(const Pixels& pixels) {
  static constexpr png_uint_32 formats[5] = {0, PNG_FORMAT_GRAY, PNG_FORMAT_GA, PNG_FORMAT_RGB, PNG_FORMAT_RGBA};
  // A first guess at the size; libpng says how much it needs when the guess is short.
  std::string out(pixels.samples.size() / 2 + 4096, '\0');
  for (int attempt = 0; attempt < 2; ++attempt) {
    PngImage png;
    png.image.width = static_cast<png_uint_32>(pixels.width);
    png.image.height = static_cast<png_uint_32>(pixels.height);
    png.image.format = formats[pixels.channels];
    png_alloc_size_t size = out.size();
    if (png_image_write_to_memory(&png.image, out.data(), &size, 0, pixels.samples.data(), 0, nullptr)) {
      out.resize(size);
      return out;
    }
    if (size <= out.size()) break;
    out.resize(size);
  }
  throw std::runtime_error("cannot encode PNG");
}

// ---- WebP ----

Pixels decode_webp(std::string_view bytes, const std::string& field) {
  WebPBitstreamFeatures features;
  if (WebPGetFeatures(data_of(bytes), bytes.size(), &features) != VP8_STATUS_OK) fail_undecodable(field);
  check_dimensions(features.width, features.height, field);
  if (features.has_animation) fail_unprocessable("照片不能是动态 WebP 图片", field);
  const int channels = features.has_alpha ? 4 : 3;
  Pixels pixels{features.width, features.height, channels, {}};
  pixels.samples.resize(static_cast<std::size_t>(features.width) * static_cast<std::size_t>(features.height) *
                        channels);
  const int stride = features.width * channels;
  auto* decoded =
      channels == 4
          ? WebPDecodeRGBAInto(data_of(bytes), bytes.size(), pixels.samples.data(), pixels.samples.size(), stride)
          : WebPDecodeRGBInto(data_of(bytes), bytes.size(), pixels.samples.data(), pixels.samples.size(), stride);
  if (!decoded) fail_undecodable(field);
  return pixels;
}

std::string encode_webp(const Pixels& pixels) {
  std::uint8_t* buffer = nullptr;
  const int stride = pixels.width * pixels.channels;
  std::size_t size = pixels.channels == 4
                         ? WebPEncodeRGBA(pixels.samples.data(), pixels.width, pixels.height, stride, 90, &buffer)
                         : WebPEncodeRGB(pixels.samples.data(), pixels.width, pixels.height, stride, 90, &buffer);
  std::unique_ptr<std::uint8_t, decltype(&WebPFree)> owned(buffer, WebPFree);
  if (size == 0) throw std::runtime_error("cannot encode WebP");
  return std::string(reinterpret_cast<const char*>(buffer), size);
}

}  // namespace

Pixels decode_photo(std::string_view bytes, const std::string& type, const std::string& field) {
  if (type == "image/jpeg") return decode_jpeg(bytes, field);
  if (type == "image/png") return decode_png(bytes, field);
  return decode_webp(bytes, field);
}

std::string encode_photo(const Pixels& pixels, const std::string& type) {
  if (type == "image/jpeg") return encode_jpeg(pixels);
  if (type == "image/png") return encode_png(pixels);
  return encode_webp(pixels);
}

CleanPhoto clean_photo(std::string_view bytes, std::string_view declared_type, const std::string& field) {
  std::string type = check_photo(bytes, declared_type, field);
  return {type, encode_photo(decode_photo(bytes, type, field), type)};
}

}  // namespace weizhi::media
