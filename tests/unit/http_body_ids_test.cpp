// A body's array of ids read with http::body_ids: each element an integer and a positive id, every refusal
// naming the array or the element at fault.
#include <gtest/gtest.h>

#include "http/body_id.hpp"
#include "http_services.hpp"
#include "refusal.hpp"

using namespace weizhi;

namespace {

// A request's context over a throwaway database: body_ids touches neither, but a Context needs its services.
struct Bench {
  HttpServices base{"body-ids"};
  http::Request request;
  http::Context context{request, *base.services};

  std::vector<std::int64_t> ids(const std::string& list) {
    return http::body_ids(context, parse_json(list), "case_ids", "案件编号应为数组", "案件编号应为整数");
  }
};

}  // namespace

TEST(BodyIds, ReadsEveryIdInOrder) {
  Bench bench;
  EXPECT_EQ(bench.ids("[3, 5, 3]"), (std::vector<std::int64_t>{3, 5, 3}));
  EXPECT_TRUE(bench.ids("[]").empty());
}

TEST(BodyIds, RefusesANonArrayNamingTheField) {
  Bench bench;
  EXPECT_EQ(refusal_of([&] { bench.ids("7"); }), "400 case_ids");
  EXPECT_EQ(refusal_of([&] { bench.ids(R"({"id":7})"); }), "400 case_ids");
}

TEST(BodyIds, RefusesAnElementThatIsNoPositiveIntegerNamingIt) {
  Bench bench;
  EXPECT_EQ(refusal_of([&] { bench.ids(R"([1, "2"])"); }), "400 case_ids[1]");
  EXPECT_EQ(refusal_of([&] { bench.ids("[1, 2.5]"); }), "400 case_ids[1]");
  EXPECT_EQ(refusal_of([&] { bench.ids("[0]"); }), "400 case_ids[0]");
  EXPECT_EQ(refusal_of([&] { bench.ids("[4, -3]"); }), "400 case_ids[1]");
}

TEST(BodyIds, GivesTheMessagesItIsHanded) {
  Bench bench;
  try {
    bench.ids(R"(["x"])");
    FAIL() << "a text id was accepted";
  } catch (const ApiError& error) {
    EXPECT_EQ(error.message(), "案件编号应为整数");
  }
}
