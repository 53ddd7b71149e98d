// The .xlsx writer: the zip it builds (local headers, central directory, CRCs) read back here field by
// field, and the sheets' XML: cells by type, the bold header, widths, escaping and forbidden characters.
#include <gtest/gtest.h>

#include <map>

#include "core/xlsx.hpp"

namespace xlsx = weizhi::xlsx;
using namespace std::chrono;

namespace {

std::uint32_t read16(const std::string& bytes, std::size_t at) {
  return static_cast<unsigned char>(bytes.at(at)) | (static_cast<unsigned char>(bytes.at(at + 1)) << 8);
}

std::uint32_t read32(const std::string& bytes, std::size_t at) {
  return read16(bytes, at) | (read16(bytes, at + 2) << 16);
}

// The entries of a zip of stored entries, by name, read from its central directory; every field the
// directory and the local header share is checked against each other and the CRC against the data.
std::map<std::string, std::string> unzip(const std::string& bytes) {
  std::size_t end = bytes.size() - 22;
  EXPECT_EQ(read32(bytes, end), 0x06054B50u);
  std::uint32_t count = read16(bytes, end + 10);
  EXPECT_EQ(read16(bytes, end + 8), count);
  std::size_t at = read32(bytes, end + 16);
  EXPECT_EQ(at + read32(bytes, end + 12), end);
  std::map<std::string, std::string> entries;
  for (std::uint32_t i = 0; i < count; ++i) {
    EXPECT_EQ(read32(bytes, at), 0x02014B50u);
    EXPECT_EQ(read16(bytes, at + 10), 0u) << "stored, not compressed";
    std::uint32_t crc = read32(bytes, at + 16);
    std::uint32_t size = read32(bytes, at + 20);
    EXPECT_EQ(read32(bytes, at + 24), size);
    std::uint32_t name_length = read16(bytes, at + 28);
    std::size_t local = read32(bytes, at + 42);
    std::string name = bytes.substr(at + 46, name_length);
    at += 46 + name_length + read16(bytes, at + 30) + read16(bytes, at + 32);

    EXPECT_EQ(read32(bytes, local), 0x04034B50u) << name;
    EXPECT_EQ(read16(bytes, local + 8), 0u);
    EXPECT_EQ(read32(bytes, local + 14), crc) << name;
    EXPECT_EQ(read32(bytes, local + 18), size);
    EXPECT_EQ(read32(bytes, local + 22), size);
    EXPECT_EQ(bytes.substr(local + 30, read16(bytes, local + 26)), name);
    std::string data = bytes.substr(local + 30 + name_length + read16(bytes, local + 28), size);
    EXPECT_EQ(xlsx::crc32(data), crc) << name;
    entries[name] = data;
  }
  return entries;
}

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

}  // namespace

TEST(Xlsx, Crc32MatchesTheZipCheckValue) {
  EXPECT_EQ(xlsx::crc32("123456789"), 0xCBF43926u);
  EXPECT_EQ(xlsx::crc32(""), 0u);
}

TEST(Xlsx, ColumnLettersRunPastZ) {
  EXPECT_EQ(xlsx::column_letters(0), "A");
  EXPECT_EQ(xlsx::column_letters(25), "Z");
  EXPECT_EQ(xlsx::column_letters(26), "AA");
  EXPECT_EQ(xlsx::column_letters(701), "ZZ");
  EXPECT_EQ(xlsx::column_letters(702), "AAA");
}

TEST(Xlsx, XmlTextEscapesMetacharactersAndDropsWhatXmlForbids) {
  EXPECT_EQ(xlsx::xml_text("a<b>&\"c\"'d'"), "a&lt;b&gt;&amp;&quot;c&quot;&apos;d&apos;");
  EXPECT_EQ(xlsx::xml_text(std::string("x\x01y\x1Fz\0w", 8)), "xyzw");
  EXPECT_EQ(xlsx::xml_text("tab\tline\nret\r"), "tab\tline\nret\r");
  EXPECT_EQ(xlsx::xml_text("德胜新村"), "德胜新村");
  EXPECT_EQ(xlsx::xml_text("a\xEF\xBF\xBE"
                           "b\xEF\xBF\xBF"
                           "c"),
            "abc")
      << "U+FFFE and U+FFFF";
  EXPECT_EQ(xlsx::xml_text("a\xFF"
                           "b\xC0\xAF"
                           "c\xED\xA0\x80"
                           "d\xE5\xBE"),
            "abcd")
      << "bytes that are not UTF-8";
  EXPECT_EQ(xlsx::xml_text("\xF0\x9F\x8F\xA0"), "\xF0\x9F\x8F\xA0") << "outside the basic plane";
}

TEST(Xlsx, WorkbookIsAZipOfStoredPartsWithMatchingDirectory) {
  std::string bytes = xlsx::workbook({{"案件", {{"分类", 20}}, {{std::string("维修")}}}, {"投票", {}, {}}});
  ASSERT_EQ(bytes.substr(0, 4), "PK\x03\x04");
  auto entries = unzip(bytes);
  std::vector<std::string> names;
  for (const auto& entry : entries) names.push_back(entry.first);
  EXPECT_EQ(names, (std::vector<std::string>{"[Content_Types].xml", "_rels/.rels", "xl/_rels/workbook.xml.rels",
                                             "xl/styles.xml", "xl/workbook.xml", "xl/worksheets/sheet1.xml",
                                             "xl/worksheets/sheet2.xml"}));
  EXPECT_TRUE(contains(entries["[Content_Types].xml"], "PartName=\"/xl/worksheets/sheet2.xml\""));
  EXPECT_TRUE(contains(entries["xl/workbook.xml"], "<sheet name=\"案件\" sheetId=\"1\" r:id=\"rId1\"/>"));
  EXPECT_TRUE(contains(entries["xl/workbook.xml"], "<sheet name=\"投票\" sheetId=\"2\" r:id=\"rId2\"/>"));
  EXPECT_TRUE(contains(entries["xl/_rels/workbook.xml.rels"], "Id=\"rId2\""));
  EXPECT_TRUE(contains(entries["xl/_rels/workbook.xml.rels"], "Target=\"worksheets/sheet2.xml\""));
  EXPECT_TRUE(contains(entries["xl/_rels/workbook.xml.rels"], "Id=\"rId3\""));
  EXPECT_EQ(xlsx::workbook({{"案件", {{"分类", 20}}, {{std::string("维修")}}}, {"投票", {}, {}}}), bytes)
      << "the same sheets make the same bytes";
}

TEST(Xlsx, SheetHoldsABoldHeaderWidthsAndCellsByType) {
  xlsx::Sheet sheet{"报表",
                    {{"名称", 24}, {"件数", 8.5}, {"比率", 10}, {"日期", 12}},
                    {{std::string("A&B <楼>"), std::int64_t{42}, 0.875, year(2026) / November / 1},
                     {xlsx::Cell{}, std::int64_t{-3}}}};
  auto xml = unzip(xlsx::workbook({sheet}))["xl/worksheets/sheet1.xml"];
  EXPECT_TRUE(contains(xml, "<col min=\"1\" max=\"1\" width=\"24.00\" customWidth=\"1\"/>"));
  EXPECT_TRUE(contains(xml, "<col min=\"2\" max=\"2\" width=\"8.50\" customWidth=\"1\"/>"));
  EXPECT_TRUE(contains(xml, "<c r=\"A1\" s=\"1\" t=\"inlineStr\"><is><t xml:space=\"preserve\">名称</t></is></c>"));
  EXPECT_TRUE(contains(xml, "<c r=\"D1\" s=\"1\" t=\"inlineStr\">"));
  EXPECT_TRUE(
      contains(xml, "<c r=\"A2\" t=\"inlineStr\"><is><t xml:space=\"preserve\">A&amp;B &lt;楼&gt;</t></is></c>"));
  EXPECT_TRUE(contains(xml, "<c r=\"B2\"><v>42</v></c>"));
  EXPECT_TRUE(contains(xml, "<c r=\"C2\"><v>0.875</v></c>"));
  // 2026-11-01 is 46,327 days after the spreadsheet epoch 1899-12-30; style 2 shows it as a date.
  EXPECT_TRUE(contains(xml, "<c r=\"D2\" s=\"2\"><v>46327</v></c>"));
  EXPECT_TRUE(contains(xml, "<row r=\"3\"><c r=\"B3\"><v>-3</v></c></row>")) << "an empty cell is left out";
  auto styles = unzip(xlsx::workbook({sheet}))["xl/styles.xml"];
  EXPECT_TRUE(contains(styles, "<font><b/>"));
  EXPECT_TRUE(contains(styles, "numFmtId=\"14\""));
}

TEST(Xlsx, SheetNamesLoseForbiddenCharactersAndAreCutTo31) {
  auto workbook = unzip(xlsx::workbook(
      {{"a[b]c:d*e?f/g\\h", {}, {}},
       {"", {}, {}},
       {"一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十一二三", {}, {}}}))["xl/workbook.xml"];
  EXPECT_TRUE(contains(workbook, "name=\"abcdefgh\""));
  EXPECT_TRUE(contains(workbook, "name=\"Sheet2\""));
  EXPECT_TRUE(contains(workbook, "name=\"一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十一\""));
}
