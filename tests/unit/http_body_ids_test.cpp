// A body's array of ids read with http::body_ids: each element an integer and a positive id, every refusal
// naming the array or the element at fault.
#include <gtest/gtest.h>

#include <array>
#include <filesystem>
#include <memory>

#include "auth/sessions.hpp"
#include "http/body_id.hpp"
#include "refusal.hpp"

using namespace weizhi;

namespace {

// A request's context over a throwaway database: body_ids touches neither, but a Context needs its services.
struct Bench {
  std::filesystem::path folder = std::filesystem::temp_directory_path() / ("weizhi-body-ids-" + crypto::random_hex(6));
  SystemClock clock;
  std::unique_ptr<store::Db> db;
  crypto::DataKey key{std::array<unsigned char, 32>{}};
  Settings settings;
  auth::PasswordPool passwords;
  auth::LoginThrottle throttle{5, 30};
  std::unique_ptr<http::Services> services;
  http::Request request;
  std::unique_ptr<http::Context> context;

  Bench() {
    std::filesystem::create_directories(folder);
    db = std::make_unique<store::Db>("sqlite:" + (folder / "street.db").string(), clock);
    services = std::make_unique<http::Services>(http::Services{*db, clock, key, settings, passwords, throttle});
    context = std::make_unique<http::Context>(request, *services);
  }
  ~Bench() {
    context.reset();
    db.reset();
    std::filesystem::remove_all(folder);
  }

  std::vector<std::int64_t> ids(const std::string& list) {
    return http::body_ids(*context, parse_json(list), "case_ids", "案件编号应为数组", "案件编号应为整数");
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
