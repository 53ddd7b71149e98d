// CSV decoding, parsing and writing.
#include "modules/imports/csv.hpp"

#include <errno.h>
#include <iconv.h>

#include <algorithm>
#include <cctype>
#include <memory>

#include "core/error.hpp"

namespace weizhi::imports {

namespace {

[[noreturn]] void fail_file(std::int64_t line, const std::string& problem) {
  fail_invalid("file", "第 " + std::to_string(line) + " 行 " + problem);
}

// The line number of byte `offset`: line breaks are single ASCII bytes in UTF-8 and GB18030 alike.
std::int64_t line_of(std::string_view bytes, std::size_t offset) {
  return 1 + std::count(bytes.begin(), bytes.begin() + static_cast<std::ptrdiff_t>(offset), '\n');
}

// Offset of the first byte that is not part of well-formed UTF-8 (no overlong forms, no
// surrogates, nothing above U+10FFFF), or npos.
std::size_t first_invalid_utf8(std::string_view text) {
  std::size_t i = 0;
  while (i < text.size()) {
    auto byte = [&](std::size_t at) { return static_cast<unsigned char>(text[at]); };
    unsigned char lead = byte(i);
    if (lead < 0x80) {
      ++i;
      continue;
    }
    std::size_t length;
    unsigned char low = 0x80, high = 0xBF;  // allowed range of the second byte
    if (lead >= 0xC2 && lead <= 0xDF) {
      length = 2;
    } else if (lead >= 0xE0 && lead <= 0xEF) {
      length = 3;
      if (lead == 0xE0) low = 0xA0;
      if (lead == 0xED) high = 0x9F;
    } else if (lead >= 0xF0 && lead <= 0xF4) {
      length = 4;
      if (lead == 0xF0) low = 0x90;
      if (lead == 0xF4) high = 0x8F;
    } else {
      return i;
    }
    if (i + length > text.size()) return i;
    if (byte(i + 1) < low || byte(i + 1) > high) return i;
    for (std::size_t k = 2; k < length; ++k) {
      if (byte(i + k) < 0x80 || byte(i + k) > 0xBF) return i;
    }
    i += length;
  }
  return std::string_view::npos;
}

std::string gb18030_to_utf8(std::string_view bytes) {
  iconv_t converter = iconv_open("UTF-8", "GB18030");
  if (converter == reinterpret_cast<iconv_t>(-1)) {
    throw std::runtime_error("iconv cannot convert GB18030 to UTF-8 on this system");
  }
  std::unique_ptr<void, int (*)(iconv_t)> closer(converter, iconv_close);
  // A GB18030 character of n bytes becomes at most 4 UTF-8 bytes, never more than twice n.
  std::string out(bytes.size() * 2 + 4, '\0');
  char* in = const_cast<char*>(bytes.data());
  std::size_t in_left = bytes.size();
  char* target = out.data();
  std::size_t out_left = out.size();
  if (iconv(converter, &in, &in_left, &target, &out_left) == static_cast<std::size_t>(-1)) {
    fail_file(line_of(bytes, bytes.size() - in_left), "含有无法识别的字符：文件编码应为 UTF-8 或 GBK/GB18030");
  }
  out.resize(out.size() - out_left);
  return out;
}

std::string lower_ascii(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return std::tolower(c); });
  return out;
}

bool is_blank(const std::string& field) { return field.find_first_not_of(" \t") == std::string::npos; }

}  // namespace

std::optional<Encoding> parse_encoding(std::string_view name) {
  std::string lower = lower_ascii(name);
  if (lower == "utf-8" || lower == "utf8") return Encoding::Utf8;
  if (lower == "gbk" || lower == "gb18030" || lower == "gb2312") return Encoding::Gb18030;
  return std::nullopt;
}

bool is_valid_utf8(std::string_view text) { return first_invalid_utf8(text) == std::string_view::npos; }

std::string decode_to_utf8(std::string_view bytes, std::optional<Encoding> forced) {
  bool has_bom = bytes.substr(0, kUtf8Bom.size()) == kUtf8Bom;
  Encoding encoding = forced.value_or(has_bom || is_valid_utf8(bytes) ? Encoding::Utf8 : Encoding::Gb18030);
  if (encoding == Encoding::Gb18030) return gb18030_to_utf8(bytes);
  if (has_bom) bytes.remove_prefix(kUtf8Bom.size());
  std::size_t bad = first_invalid_utf8(bytes);
  if (bad != std::string_view::npos) fail_file(line_of(bytes, bad), "不是有效的 UTF-8 文本");
  return std::string(bytes);
}

std::vector<CsvRecord> parse_csv(std::string_view text) {
  std::vector<CsvRecord> records;
  std::int64_t line = 1;
  std::size_t i = 0;
  // Consumes a line break at i (CRLF, LF or CR) and counts it; false when there is none.
  auto take_line_break = [&]() {
    if (i >= text.size() || (text[i] != '\n' && text[i] != '\r')) return false;
    if (text[i] == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ++i;
    ++i;
    ++line;
    return true;
  };
  while (i < text.size()) {
    CsvRecord record{line, {}};
    while (true) {
      std::string field;
      if (i < text.size() && text[i] == '"') {
        std::int64_t opened_at = line;
        ++i;
        while (true) {
          if (i >= text.size()) fail_file(opened_at, "的引号没有闭合");
          char c = text[i];
          if (c == '"') {
            if (i + 1 < text.size() && text[i + 1] == '"') {
              field += '"';
              i += 2;
              continue;
            }
            ++i;
            break;
          }
          if (c == '\n' || (c == '\r' && !(i + 1 < text.size() && text[i + 1] == '\n'))) ++line;
          field += c;
          ++i;
        }
        if (i < text.size() && text[i] != ',' && text[i] != '\n' && text[i] != '\r') {
          fail_file(line, "的引号字段后不能紧跟其他字符");
        }
      } else {
        std::size_t end = text.find_first_of(",\r\n", i);
        if (end == std::string_view::npos) end = text.size();
        field.assign(text.substr(i, end - i));
        i = end;
      }
      record.fields.push_back(std::move(field));
      if (i < text.size() && text[i] == ',') {
        ++i;
        continue;
      }
      take_line_break();
      break;
    }
    if (!std::all_of(record.fields.begin(), record.fields.end(), is_blank)) records.push_back(std::move(record));
  }
  return records;
}

std::string csv_line(const std::vector<std::string>& fields) {
  std::string out;
  for (std::size_t k = 0; k < fields.size(); ++k) {
    if (k) out += ',';
    const std::string& field = fields[k];
    if (field.find_first_of(",\"\r\n") == std::string::npos) {
      out += field;
      continue;
    }
    out += '"';
    for (char c : field) {
      if (c == '"') out += '"';
      out += c;
    }
    out += '"';
  }
  out += "\r\n";
  return out;
}

}  // namespace weizhi::imports
