// Rules of request-body parsing: depth cap, UTF-8, field-by-field reading.
#include <gtest/gtest.h>

#include "core/error.hpp"
#include "core/json.hpp"

using namespace weizhi;

namespace {
int status_of(const std::function<void()>& action) {
  try {
    action();
  } catch (const ApiError& error) {
    return error.status();
  }
  return 0;
}
std::string field_of(const std::function<void()>& action) {
  try {
    action();
  } catch (const ApiError& error) {
    return error.field();
  }
  return "";
}
}  // namespace

TEST(Json, NestingAtTheCapIsAccepted) {
  std::string text = std::string(kMaxJsonDepth, '[') + std::string(kMaxJsonDepth, ']');
  EXPECT_NO_THROW(parse_json(text));
}

TEST(Json, NestingBeyondTheCapIsRefused) {
  std::string text = std::string(kMaxJsonDepth + 1, '[') + std::string(kMaxJsonDepth + 1, ']');
  EXPECT_EQ(status_of([&] { parse_json(text); }), 400);
}

TEST(Json, TwoHundredThousandDeepArrayIsRefusedWithoutCrashing) {
  std::string text(200000, '[');
  EXPECT_EQ(status_of([&] { parse_json(text); }), 400);
}

TEST(Json, InvalidUtf8IsRefused) {
  EXPECT_EQ(status_of([] { parse_json("{\"name\":\"\xff\xfe\"}"); }), 400);
}

TEST(Json, BodyMustBeAnObject) {
  EXPECT_EQ(status_of([] { parse_json_object("[1,2]"); }), 400);
  EXPECT_EQ(status_of([] { parse_json_object(""); }), 400);
}

TEST(JsonObject, MissingRequiredFieldIsNamed) {
  Json body = parse_json_object(R"({"login":"a"})");
  JsonObject object(body);
  EXPECT_EQ(field_of([&] { object.text("password"); }), "password");
}

TEST(JsonObject, WrongTypeIsNamed) {
  Json body = parse_json_object(R"({"login":12})");
  JsonObject object(body);
  EXPECT_EQ(field_of([&] { object.text("login"); }), "login");
}

TEST(JsonObject, UnknownFieldIsRefused) {
  Json body = parse_json_object(R"({"login":"a","extra":1})");
  JsonObject object(body);
  object.text("login");
  EXPECT_EQ(field_of([&] { object.finish(); }), "extra");
}

TEST(JsonObject, NestedFieldNamesCarryTheirPath) {
  Json body = parse_json_object(R"({"roles":[{"role":1}]})");
  JsonObject item(body["roles"][0], "roles[0]");
  EXPECT_EQ(field_of([&] { item.text("role"); }), "roles[0].role");
}

TEST(JsonObject, IntegerRejectsFractions) {
  Json body = parse_json_object(R"({"n":1.5})");
  JsonObject object(body);
  EXPECT_EQ(status_of([&] { object.integer("n"); }), 400);
}

TEST(JsonObject, MentionsAFieldGivenAsNullButHasOnlyAValue) {
  Json body = parse_json_object(R"({"case_id":null,"summary":"漏水"})");
  JsonObject object(body);
  EXPECT_TRUE(object.mentions("case_id"));
  EXPECT_FALSE(object.has("case_id"));
  EXPECT_TRUE(object.mentions("summary"));
  EXPECT_TRUE(object.has("summary"));
  EXPECT_FALSE(object.mentions("part_id"));
}
