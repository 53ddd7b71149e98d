// Codes and lists in request bodies: a code read with its parser, required or optional, and a list
// checked entry by entry, each refusal naming the field or the entry.
#include <gtest/gtest.h>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/entries.hpp"
#include "core/json_code.hpp"
#include "refusal.hpp"

using namespace weizhi;

namespace {

enum class Colour { Red, Blue };

std::optional<Colour> parse_colour(std::string_view code) {
  if (code == "red") return Colour::Red;
  if (code == "blue") return Colour::Blue;
  return std::nullopt;
}

}  // namespace

TEST(CodeField, ReadsAKnownCode) {
  Json body = parse_json_object(R"({"colour":"blue"})");
  JsonObject object(body);
  EXPECT_EQ(code_field(object, "colour", parse_colour, "颜色应为 red 或 blue"), Colour::Blue);
}

TEST(CodeField, RefusesAnUnknownOrMissingCodeNamingTheField) {
  Json unknown = parse_json_object(R"({"colour":"green"})");
  JsonObject with_unknown(unknown);
  EXPECT_EQ(refusal_of([&] { code_field(with_unknown, "colour", parse_colour, "颜色应为 red 或 blue"); }),
            "400 colour");
  Json empty = parse_json_object("{}");
  JsonObject without(empty);
  EXPECT_EQ(refusal_of([&] { code_field(without, "colour", parse_colour, "颜色应为 red 或 blue"); }), "400 colour");
}

TEST(CodeField, NamesAnEntryOfANestedObjectByItsPath) {
  Json body = parse_json_object(R"({"colour":"green"})");
  JsonObject scope(body, "scope");
  EXPECT_EQ(refusal_of([&] { code_field(scope, "colour", parse_colour, "颜色应为 red 或 blue"); }), "400 scope.colour");
}

TEST(OptionalCodeField, LeavesAnAbsentOrNullFieldOut) {
  Json absent = parse_json_object("{}");
  JsonObject without(absent);
  EXPECT_EQ(optional_code_field(without, "colour", parse_colour, "颜色应为 red 或 blue"), std::nullopt);
  Json null = parse_json_object(R"({"colour":null})");
  JsonObject with_null(null);
  EXPECT_EQ(optional_code_field(with_null, "colour", parse_colour, "颜色应为 red 或 blue"), std::nullopt);
}

TEST(OptionalCodeField, ReadsAKnownCodeAndRefusesAnUnknownOne) {
  Json known = parse_json_object(R"({"colour":"red"})");
  JsonObject with_known(known);
  EXPECT_EQ(optional_code_field(with_known, "colour", parse_colour, "颜色应为 red 或 blue"), Colour::Red);
  Json unknown = parse_json_object(R"({"colour":"green"})");
  JsonObject with_unknown(unknown);
  EXPECT_EQ(refusal_of([&] { optional_code_field(with_unknown, "colour", parse_colour, "颜色应为 red 或 blue"); }),
            "400 colour");
}

TEST(Entries, NameAnEntryByItsIndex) { EXPECT_EQ(element_field("attachments", 2), "attachments[2]"); }

TEST(Entries, CheckEachEntryUnderItsNameInOrder) {
  std::vector<std::string> names{"王芳", "", "李明"};
  std::vector<std::string> seen;
  auto check = [&](const std::string& name, const std::string& field) {
    seen.push_back(field);
    if (name.empty()) fail_invalid(field, "请填写姓名");
  };
  EXPECT_EQ(refusal_of([&] { check_entries(names, 5, "attendees", "最多 5 人", check); }), "400 attendees[1]");
  EXPECT_EQ(seen, (std::vector<std::string>{"attendees[0]", "attendees[1]"}));
}

TEST(Entries, RefuseMoreEntriesThanAllowedNamingTheList) {
  std::vector<std::string> names{"王芳", "李明", "张伟"};
  bool checked = false;
  auto check = [&](const std::string&, const std::string&) { checked = true; };
  EXPECT_EQ(refusal_of([&] { check_entries(names, 2, "attendees", "最多 2 人", check); }), "400 attendees");
  EXPECT_FALSE(checked);
  EXPECT_EQ(refusal_of([&] { check_entries(names, 3, "attendees", "最多 3 人", check); }, "accepted"), "accepted");
}
