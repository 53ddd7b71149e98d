// CSV as spreadsheets save it: decoding (UTF-8 with or without BOM, or GB18030/GBK as Excel in
// China saves it), RFC 4180 parsing with the file's line numbers, and writing for Excel. Pure.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace weizhi::imports {

enum class Encoding { Utf8, Gb18030 };

// "utf-8"/"utf8" or "gbk"/"gb18030"/"gb2312" (any case); nullopt for anything else.
std::optional<Encoding> parse_encoding(std::string_view name);

// The file as UTF-8 without BOM. With `forced` nullopt, bytes that are valid UTF-8 are taken as
// UTF-8 and anything else as GB18030 (a superset of GBK and GB2312). Throws ApiError 400
// (field "file") naming the line of the first byte that cannot be decoded.
std::string decode_to_utf8(std::string_view bytes, std::optional<Encoding> forced);

bool is_valid_utf8(std::string_view text);

struct CsvRecord {
  std::int64_t line;  // 1-based line of the file where the record starts, as Excel numbers rows
  std::vector<std::string> fields;
};

// Parses RFC 4180 (quoted fields with doubled quotes, commas and line breaks inside quotes;
// CRLF, LF or CR line ends). Records whose fields are all blank are skipped, but still counted
// in line numbers. Throws ApiError 400 (field "file") for a quote left open or text after a
// closing quote.
std::vector<CsvRecord> parse_csv(std::string_view text);

// One CSV line (CRLF-terminated), quoting the fields that need it.
std::string csv_line(const std::vector<std::string>& fields);
// The byte order mark Excel needs to open a UTF-8 CSV as UTF-8.
inline constexpr std::string_view kUtf8Bom = "\xEF\xBB\xBF";

}  // namespace weizhi::imports
