// Unit tests of the pure Open311 rules: JSON-only documents, JSON request fields,
// locations, the compound named in an address, the two statuses of our states with their notes,
// id lists and the default 90-day search window.
#include <gtest/gtest.h>

#include <functional>

#include "core/error.hpp"
#include "core/time.hpp"
#include "modules/open311/rules.hpp"

using namespace weizhi;
using namespace weizhi::open311;
using weizhi::cases::State;

namespace {

TimePoint at(const char* iso) { return *parse_iso(iso); }

// The field named by the refusal, or "" when there was none.
std::string refused_field(const std::function<void()>& action) {
  try {
    action();
  } catch (const ApiError& error) {
    return error.field();
  }
  return "";
}

}  // namespace

TEST(Open311Rules, OnlyJsonDocumentsAreServed) {
  EXPECT_EQ(json_document("services.json"), "services");
  EXPECT_EQ(json_document("street-lamp.json"), "street-lamp");
  EXPECT_EQ(refused_field([] { json_document("services.xml"); }), "format");
  EXPECT_EQ(refused_field([] { json_document("services"); }), "format");
  EXPECT_EQ(refused_field([] { json_document(".json"); }), "format");
}

// Form bodies are read by the routes (tests/api/open311_test.cpp).
TEST(Open311Rules, JsonBodiesAreFlattenedIntoFields) {
  Fields json = json_fields(R"({"lat": 30.5, "service_code": "x", "attribute": {"compound": 12}, "email": null})");
  EXPECT_EQ(json["lat"], "30.5");
  EXPECT_EQ(json["attribute[compound]"], "12");
  EXPECT_EQ(json.count("email"), 0u);
  EXPECT_EQ(refused_field([] { json_fields(R"({"lat": [1]})"); }), "lat");
}

TEST(Open311Rules, ALocationIsBothCoordinatesOrAnAddress) {
  Location both = parse_location({{"lat", "30.29"}, {"long", "120.15"}});
  EXPECT_DOUBLE_EQ(*both.lat, 30.29);
  EXPECT_DOUBLE_EQ(*both.lon, 120.15);
  EXPECT_EQ(parse_location({{"address_string", "德胜新村3幢"}}).address_string, "德胜新村3幢");
  EXPECT_EQ(refused_field([] { parse_location({}); }), "address_string");
  EXPECT_EQ(refused_field([] { parse_location({{"lat", "30"}}); }), "long");
  EXPECT_EQ(refused_field([] { parse_location({{"lat", "91"}, {"long", "120"}}); }), "lat");
  EXPECT_EQ(refused_field([] { parse_location({{"lat", "30"}, {"long", "east"}}); }), "long");
  EXPECT_EQ(refused_field([] { parse_location({{"address_string", std::string(201, 'a')}}); }), "address_string");
}

TEST(Open311Rules, TheCompoundIsTheOneNamedInTheAddress) {
  std::vector<NamedNode> compounds{{1, "德胜新村"}, {2, "大关西苑"}, {3, "西苑"}};
  EXPECT_EQ(compound_named_in("德胜新村3幢东门", compounds), 1);
  EXPECT_EQ(compound_named_in("某路口", compounds), std::nullopt);
  // "大关西苑" also contains "西苑": two names, so no answer.
  EXPECT_EQ(compound_named_in("大关西苑5幢", compounds), std::nullopt);
}

// The address may say where in the request's compound, not name another one.
TEST(Open311Rules, AnAddressNamingAnotherCompoundIsRefused) {
  std::vector<NamedNode> compounds{{1, "德胜新村"}, {2, "德胜坝小区"}, {3, "大关西苑"}, {4, "西苑"}};
  EXPECT_EQ(refused_field([&] { check_address_compound("德胜坝小区2幢", 1, compounds); }), "address_string");
  EXPECT_EQ(refused_field([&] { check_address_compound("德胜新村3幢", 1, compounds); }), "");
  EXPECT_EQ(refused_field([&] { check_address_compound("3幢东门", 1, compounds); }), "");
  EXPECT_EQ(refused_field([&] { check_address_compound("", 1, compounds); }), "");
  // Two names (one inside the other): no single compound is named, so nothing to contradict.
  EXPECT_EQ(refused_field([&] { check_address_compound("大关西苑5幢", 1, compounds); }), "");
}

TEST(Open311Rules, OpenStatesAreOpenAndFixedOrClosedOnesClosed) {
  EXPECT_EQ(code_of(kStatuses, status_of(State::Reported)), "open");
  EXPECT_EQ(code_of(kStatuses, status_of(State::InProgress)), "open");
  EXPECT_EQ(code_of(kStatuses, status_of(State::Transferred)), "open");
  EXPECT_EQ(code_of(kStatuses, status_of(State::Resolved)), "closed");
  EXPECT_EQ(code_of(kStatuses, status_of(State::Verified)), "closed");
  EXPECT_EQ(code_of(kStatuses, status_of(State::ClosedNotFixed)), "closed");
  EXPECT_EQ(states_of(Status::Open).size() + states_of(Status::Closed).size(), 11u);
  EXPECT_EQ(parse_statuses("open,closed").size(), 2u);
  EXPECT_EQ(refused_field([] { parse_statuses("pending"); }), "status");
}

TEST(Open311Rules, NotesSayTheFinerStateAndWhyItClosedWithoutAFix) {
  EXPECT_EQ(status_notes(State::InProgress, std::nullopt, std::nullopt), "处理中");
  EXPECT_EQ(status_notes(State::ClosedNotFixed, std::string("属市政管理"), std::nullopt), "未解决关闭：属市政管理");
  EXPECT_EQ(status_notes(State::Duplicate, std::nullopt, 7), "重复上报，已并入案件 7");
}

TEST(Open311Rules, IdListsAreCommaSeparatedPositiveIds) {
  EXPECT_EQ(parse_id_list("3,5,8", "service_request_id", 10), (std::vector<std::int64_t>{3, 5, 8}));
  EXPECT_EQ(refused_field([] { parse_id_list("3,,5", "service_request_id", 10); }), "service_request_id");
  EXPECT_EQ(refused_field([] { parse_id_list("-1", "service_request_id", 10); }), "service_request_id");
  EXPECT_EQ(refused_field([] { parse_id_list("1,2,3", "service_request_id", 2); }), "service_request_id");
}

TEST(Open311Rules, TheSearchWindowDefaultsToTheLastNinetyDays) {
  TimePoint now = at("2026-11-28T04:00:00Z");
  Window window = search_window(std::nullopt, std::nullopt, now);
  EXPECT_EQ(window.end, now);
  EXPECT_EQ(window.start, at("2026-08-30T04:00:00Z"));
  Window given = search_window(std::string("2026-11-01T00:00:00+08:00"), std::string("2026-11-02T00:00:00Z"), now);
  EXPECT_EQ(given.start, at("2026-10-31T16:00:00Z"));
  EXPECT_EQ(given.end, at("2026-11-02T00:00:00Z"));
  EXPECT_EQ(refused_field([&] { search_window(std::string("yesterday"), std::nullopt, now); }), "start_date");
  EXPECT_EQ(refused_field(
                [&] { search_window(std::string("2026-11-02T00:00:00Z"), std::string("2026-11-01T00:00:00Z"), now); }),
            "end_date");
}
