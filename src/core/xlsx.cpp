// The .xlsx writer: SpreadsheetML parts with inline strings, one style sheet (bold header, dates), and a
// zip of stored entries, which every spreadsheet program reads and which needs no compressor.
#include "core/xlsx.hpp"

#include <array>
#include <cmath>
#include <cstdio>
#include <optional>

namespace weizhi::xlsx {

namespace {

constexpr std::array<std::uint32_t, 256> kCrcTable = [] {
  std::array<std::uint32_t, 256> table{};
  for (std::uint32_t n = 0; n < 256; ++n) {
    std::uint32_t c = n;
    for (int bit = 0; bit < 8; ++bit) c = (c & 1) ? 0xEDB88320u ^ (c >> 1) : c >> 1;
    table[n] = c;
  }
  return table;
}();

// The code point starting at text[at] and its length in bytes, or nullopt for a byte that does not
// start a well-formed UTF-8 sequence (overlong forms and surrogates included).
std::optional<std::pair<char32_t, std::size_t>> decode(std::string_view text, std::size_t at) {
  auto lead = static_cast<unsigned char>(text[at]);
  if (lead < 0x80) return std::pair{char32_t{lead}, std::size_t{1}};
  std::size_t length = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 0;
  if (length == 0 || lead > 0xF4 || at + length > text.size()) return std::nullopt;
  char32_t point = lead & (0x7F >> length);
  for (std::size_t i = 1; i < length; ++i) {
    auto next = static_cast<unsigned char>(text[at + i]);
    if ((next & 0xC0) != 0x80) return std::nullopt;
    point = (point << 6) | (next & 0x3F);
  }
  constexpr char32_t kShortest[] = {0, 0, 0x80, 0x800, 0x10000};
  if (point < kShortest[length] || point > 0x10FFFF || (point >= 0xD800 && point <= 0xDFFF)) return std::nullopt;
  return std::pair{point, length};
}

bool allowed_in_xml(char32_t point) {
  return point == 0x9 || point == 0xA || point == 0xD || (point >= 0x20 && point <= 0xD7FF) ||
         (point >= 0xE000 && point <= 0xFFFD) || point >= 0x10000;
}

std::string sheet_name(const std::string& wanted, std::size_t position) {
  std::string name;
  std::size_t characters = 0;
  for (std::size_t at = 0; at < wanted.size() && characters < 31;) {
    auto decoded = decode(wanted, at);
    if (!decoded) {
      ++at;
      continue;
    }
    auto [point, length] = *decoded;
    if (std::u32string_view(U"[]:*?/\\").find(point) == std::u32string_view::npos && allowed_in_xml(point)) {
      name.append(wanted, at, length);
      ++characters;
    }
    at += length;
  }
  return name.empty() ? "Sheet" + std::to_string(position + 1) : name;
}

// Days since 1899-12-30, the spreadsheet's date serial.
std::int64_t date_serial(std::chrono::year_month_day day) {
  using namespace std::chrono;
  return (sys_days(day) - sys_days(year(1899) / December / 30)).count();
}

// Styles by their index in styles.xml's cellXfs.
constexpr int kBold = 1;
constexpr int kDate = 2;

std::string cell_xml(const Cell& cell, const std::string& reference, bool header) {
  std::string style = header ? " s=\"" + std::to_string(kBold) + "\"" : "";
  if (const auto* text = std::get_if<std::string>(&cell)) {
    return "<c r=\"" + reference + "\"" + style + " t=\"inlineStr\"><is><t xml:space=\"preserve\">" + xml_text(*text) +
           "</t></is></c>";
  }
  if (const auto* integer = std::get_if<std::int64_t>(&cell)) {
    return "<c r=\"" + reference + "\"" + style + "><v>" + std::to_string(*integer) + "</v></c>";
  }
  if (const auto* decimal = std::get_if<double>(&cell)) {
    if (!std::isfinite(*decimal)) return "";
    char digits[32];
    std::snprintf(digits, sizeof digits, "%.15g", *decimal);
    return "<c r=\"" + reference + "\"" + style + "><v>" + digits + "</v></c>";
  }
  if (const auto* day = std::get_if<std::chrono::year_month_day>(&cell)) {
    if (!day->ok()) return "";
    return "<c r=\"" + reference + "\" s=\"" + std::to_string(kDate) + "\"><v>" + std::to_string(date_serial(*day)) +
           "</v></c>";
  }
  return "";
}

std::string row_xml(const std::vector<Cell>& cells, std::size_t row_number, bool header) {
  std::string xml = "<row r=\"" + std::to_string(row_number) + "\">";
  for (std::size_t column = 0; column < cells.size(); ++column) {
    xml += cell_xml(cells[column], column_letters(column) + std::to_string(row_number), header);
  }
  return xml + "</row>";
}

std::string sheet_xml(const Sheet& sheet) {
  std::string xml =
      "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
      "<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">";
  if (!sheet.columns.empty()) {
    xml += "<cols>";
    for (std::size_t i = 0; i < sheet.columns.size(); ++i) {
      char width[32];
      std::snprintf(width, sizeof width, "%.2f", sheet.columns[i].width);
      xml += "<col min=\"" + std::to_string(i + 1) + "\" max=\"" + std::to_string(i + 1) + "\" width=\"" + width +
             "\" customWidth=\"1\"/>";
    }
    xml += "</cols>";
  }
  xml += "<sheetData>";
  std::size_t row_number = 0;
  if (!sheet.columns.empty()) {
    std::vector<Cell> titles;
    for (const auto& column : sheet.columns) titles.emplace_back(column.title);
    xml += row_xml(titles, ++row_number, true);
  }
  for (const auto& row : sheet.rows) xml += row_xml(row, ++row_number, false);
  return xml + "</sheetData></worksheet>";
}

std::string content_types_xml(std::size_t sheets) {
  std::string xml =
      "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
      "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
      "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
      "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
      "<Override PartName=\"/xl/workbook.xml\" "
      "ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/>"
      "<Override PartName=\"/xl/styles.xml\" "
      "ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml\"/>";
  for (std::size_t i = 1; i <= sheets; ++i) {
    xml += "<Override PartName=\"/xl/worksheets/sheet" + std::to_string(i) +
           ".xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/>";
  }
  return xml + "</Types>";
}

constexpr std::string_view kPackageRels =
    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
    "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
    "<Relationship Id=\"rId1\" "
    "Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" "
    "Target=\"xl/workbook.xml\"/></Relationships>";

// Fonts 0 plain and 1 bold; cellXfs 0 plain, kBold, kDate (built-in format 14, the short date).
constexpr std::string_view kStyles =
    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
    "<styleSheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">"
    "<fonts count=\"2\"><font><sz val=\"11\"/><name val=\"Calibri\"/></font>"
    "<font><b/><sz val=\"11\"/><name val=\"Calibri\"/></font></fonts>"
    "<fills count=\"2\"><fill><patternFill patternType=\"none\"/></fill>"
    "<fill><patternFill patternType=\"gray125\"/></fill></fills>"
    "<borders count=\"1\"><border><left/><right/><top/><bottom/><diagonal/></border></borders>"
    "<cellStyleXfs count=\"1\"><xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\"/></cellStyleXfs>"
    "<cellXfs count=\"3\"><xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\"/>"
    "<xf numFmtId=\"0\" fontId=\"1\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyFont=\"1\"/>"
    "<xf numFmtId=\"14\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyNumberFormat=\"1\"/></cellXfs>"
    "<cellStyles count=\"1\"><cellStyle name=\"Normal\" xfId=\"0\" builtinId=\"0\"/></cellStyles>"
    "</styleSheet>";

std::string workbook_xml(const std::vector<Sheet>& sheets) {
  std::string xml =
      "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
      "<workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" "
      "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\"><sheets>";
  for (std::size_t i = 0; i < sheets.size(); ++i) {
    std::string number = std::to_string(i + 1);
    xml += "<sheet name=\"" + xml_text(sheet_name(sheets[i].name, i)) + "\" sheetId=\"" + number + "\" r:id=\"rId" +
           number + "\"/>";
  }
  return xml + "</sheets></workbook>";
}

std::string workbook_rels_xml(std::size_t sheets) {
  std::string xml =
      "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
      "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">";
  for (std::size_t i = 1; i <= sheets; ++i) {
    xml += "<Relationship Id=\"rId" + std::to_string(i) +
           "\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" "
           "Target=\"worksheets/sheet" +
           std::to_string(i) + ".xml\"/>";
  }
  std::string styles_id = std::to_string(sheets + 1);
  xml += "<Relationship Id=\"rId" + styles_id +
         "\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles\" "
         "Target=\"styles.xml\"/>";
  return xml + "</Relationships>";
}

void put16(std::string& out, std::uint32_t value) {
  out += static_cast<char>(value & 0xFF);
  out += static_cast<char>((value >> 8) & 0xFF);
}

void put32(std::string& out, std::uint32_t value) {
  put16(out, value & 0xFFFF);
  put16(out, value >> 16);
}

struct Entry {
  std::string name;
  std::string data;
};

// A zip of stored entries, names flagged UTF-8, every entry dated 1980-01-01 so that the same sheets
// make the same bytes.
std::string zip(const std::vector<Entry>& entries) {
  constexpr std::uint32_t kVersion = 20;
  constexpr std::uint32_t kUtf8Names = 0x0800;
  constexpr std::uint32_t kDosDate = (0 << 9) | (1 << 5) | 1;
  std::string out;
  std::string directory;
  for (const auto& entry : entries) {
    auto offset = static_cast<std::uint32_t>(out.size());
    std::uint32_t crc = crc32(entry.data);
    auto size = static_cast<std::uint32_t>(entry.data.size());
    auto name_length = static_cast<std::uint32_t>(entry.name.size());
    put32(out, 0x04034B50);
    for (std::uint32_t field : {kVersion, kUtf8Names, 0u, 0u, kDosDate}) put16(out, field);
    for (std::uint32_t field : {crc, size, size}) put32(out, field);
    put16(out, name_length);
    put16(out, 0);
    out += entry.name;
    out += entry.data;

    put32(directory, 0x02014B50);
    for (std::uint32_t field : {kVersion, kVersion, kUtf8Names, 0u, 0u, kDosDate}) put16(directory, field);
    for (std::uint32_t field : {crc, size, size}) put32(directory, field);
    for (std::uint32_t field : {name_length, 0u, 0u, 0u, 0u}) put16(directory, field);
    put32(directory, 0);
    put32(directory, offset);
    directory += entry.name;
  }
  auto directory_offset = static_cast<std::uint32_t>(out.size());
  auto count = static_cast<std::uint32_t>(entries.size());
  out += directory;
  put32(out, 0x06054B50);
  for (std::uint32_t field : {0u, 0u, count, count}) put16(out, field);
  put32(out, static_cast<std::uint32_t>(directory.size()));
  put32(out, directory_offset);
  put16(out, 0);
  return out;
}

}  // namespace

std::uint32_t crc32(std::string_view bytes) {
  std::uint32_t crc = 0xFFFFFFFFu;
  for (unsigned char byte : bytes) crc = kCrcTable[(crc ^ byte) & 0xFF] ^ (crc >> 8);
  return crc ^ 0xFFFFFFFFu;
}

std::string xml_text(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t at = 0; at < text.size();) {
    auto decoded = decode(text, at);
    if (!decoded) {
      ++at;
      continue;
    }
    auto [point, length] = *decoded;
    switch (point) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&apos;";
        break;
      default:
        if (allowed_in_xml(point)) out.append(text, at, length);
    }
    at += length;
  }
  return out;
}

std::string column_letters(std::size_t index) {
  std::string letters;
  for (std::size_t n = index + 1; n > 0; n = (n - 1) / 26) letters.insert(letters.begin(), char('A' + (n - 1) % 26));
  return letters;
}

std::string workbook(const std::vector<Sheet>& sheets) {
  std::vector<Entry> entries{{"[Content_Types].xml", content_types_xml(sheets.size())},
                             {"_rels/.rels", std::string(kPackageRels)},
                             {"xl/workbook.xml", workbook_xml(sheets)},
                             {"xl/_rels/workbook.xml.rels", workbook_rels_xml(sheets.size())},
                             {"xl/styles.xml", std::string(kStyles)}};
  for (std::size_t i = 0; i < sheets.size(); ++i) {
    entries.push_back({"xl/worksheets/sheet" + std::to_string(i + 1) + ".xml", sheet_xml(sheets[i])});
  }
  return zip(entries);
}

}  // namespace weizhi::xlsx
