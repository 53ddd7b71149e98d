// Spreadsheets for download: a workbook of named sheets written as an Office Open XML file (.xlsx),
// a zip of stored entries built here, so that exports need no library beyond the standard one.
#pragma once
#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace weizhi::xlsx {

// An empty cell, a text, an integer, a decimal or a calendar date (shown as YYYY-MM-DD).
using Cell = std::variant<std::monostate, std::string, std::int64_t, double, std::chrono::year_month_day>;

struct Column {
  std::string title;
  double width = 12;  // in characters of the default font
};

// A sheet: its columns' titles make the bold first row, then the rows. The name is cut to the 31
// characters a sheet name may have, without the characters it may not: []:*?/\ .
struct Sheet {
  std::string name;
  std::vector<Column> columns;
  std::vector<std::vector<Cell>> rows;
};

// The bytes of the .xlsx file holding `sheets` in order.
std::string workbook(const std::vector<Sheet>& sheets);

// What the file is made of, exposed for its tests.
// CRC-32 (the zip's polynomial 0xEDB88320) of `bytes`.
std::uint32_t crc32(std::string_view bytes);
// `text` fit for XML character data and attribute values: & < > " ' escaped, and what XML 1.0 forbids
// dropped (control characters but tab and line ends, U+FFFE, U+FFFF and bytes that are not UTF-8).
std::string xml_text(std::string_view text);
// The column letters of a 0-based column index: 0 → A, 25 → Z, 26 → AA.
std::string column_letters(std::size_t index);

}  // namespace weizhi::xlsx
