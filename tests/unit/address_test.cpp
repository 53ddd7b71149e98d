// Unit address keys: the spellings of one address share a key, and partial queries match the keys that continue them.
#include <gtest/gtest.h>

#include "core/address.hpp"

using namespace weizhi;

TEST(AddressKey, EverySpellingOfOneAddressGivesOneKey) {
  for (const char* spelling :
       {"1幢1单元101", "1栋1单元101室", "1号楼1单元101", "1-1-101", "１幢１单元１０１", "1座1单元101号",
        "1 幢 1 单元 101 室", "1－1－101", "1—1—101", "01幢01单元101", "1/1/101", "1幢　1单元　101室"}) {
    EXPECT_EQ(address_key(spelling), "1-1-101") << spelling;
  }
}

TEST(AddressKey, TheCompoundNameStaysOutOfTheKey) {
  EXPECT_EQ(address_key("西四苑 3-2-501"), "3-2-501");
  EXPECT_EQ(address_key("西四苑3幢2单元501室"), "3-2-501");
  EXPECT_EQ(address_place("西四苑 3-2-501"), "西四苑");
  EXPECT_EQ(address_place("　西四苑3幢2单元501室"), "西四苑");
  EXPECT_EQ(address_place("3-2-501"), "");
}

TEST(AddressKey, LettersAreUpperCasedAndZerosInsideKept) {
  EXPECT_EQ(address_key("a座2单元1001"), "A-2-1001");
  EXPECT_EQ(address_key("Ａ座２单元"), "A-2");
  EXPECT_EQ(address_key("B1幢0单元100室"), "B1-0-100");
  EXPECT_EQ(address_key("0幢"), "0");
}

TEST(AddressKey, TextWithoutSegmentsHasNoKey) {
  EXPECT_EQ(address_key("张三"), "");
  EXPECT_EQ(address_key("西四苑"), "");
  EXPECT_EQ(address_key(""), "");
}

TEST(AddressKey, MalformedUtf8OnlySeparates) {
  EXPECT_EQ(address_key("1\xE5-2\xFF"
                        "3"),
            "1-2-3");
  EXPECT_EQ(address_key("\xE5\xB9"), "");
}

TEST(AddressKeyRange, AFinishedSegmentIsNotTheStartOfALongerOne) {
  auto range = address_key_range("1幢1单元");
  EXPECT_EQ(range.first, "1-1");
  EXPECT_EQ(range.end, "1-1.");
  range = address_key_range("1-1-10");
  EXPECT_EQ(range.first, "1-1-10");
  EXPECT_EQ(range.end, "1-1-11");
  range = address_key_range("A座");
  EXPECT_EQ(range.end, "A.");
  range = address_key_range("德胜新村");
  EXPECT_EQ(range.first, range.end);
}

// How a search uses the range: a stored key matches when it lies in it, in byte order.
bool matches(const std::string& stored_address, const std::string& query) {
  std::string stored = address_key(stored_address);
  auto range = address_key_range(query);
  return range.first <= stored && stored < range.end;
}

TEST(AddressKeyRange, PartialQueriesMatchTheAddressesTheyMean) {
  EXPECT_TRUE(matches("1幢 1单元 101", "1-1-101"));
  EXPECT_TRUE(matches("1幢 1单元 101", "1幢1单元"));
  EXPECT_TRUE(matches("1幢 1单元 101", "1栋1单元101室"));
  EXPECT_TRUE(matches("1幢 1单元 101", "1-1-10"));
  EXPECT_TRUE(matches("1幢 1单元 101", "１幢"));
  EXPECT_TRUE(matches("1幢 1单元 101", "1-"));
  EXPECT_TRUE(matches("3幢 2单元 501", "西四苑 3-2-501"));
  EXPECT_TRUE(matches("A座 2单元 1001", "a座"));
  EXPECT_FALSE(matches("1幢 10单元 101", "1幢1单元"));
  EXPECT_FALSE(matches("1幢 1单元 1011", "1-1-101室"));
  EXPECT_FALSE(matches("11幢 1单元 101", "1幢"));
  EXPECT_FALSE(matches("1幢 1单元 101", "2-1-101"));
  EXPECT_FALSE(matches("1幢 1单元 101", "1-1-102"));
  EXPECT_FALSE(matches("1幢 1单元 101", "张三"));
}
