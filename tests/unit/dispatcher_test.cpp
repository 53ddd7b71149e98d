// The dispatcher's discreet access log: every answer of a discreet route is marked, refusals
// included.
#include <gtest/gtest.h>

#include <array>
#include <filesystem>

#include "auth/sessions.hpp"
#include "core/error.hpp"
#include "http/dispatcher.hpp"

using namespace weizhi;

namespace {

struct Bench {
  std::filesystem::path folder =
      std::filesystem::temp_directory_path() / ("weizhi-dispatcher-" + crypto::random_hex(6));
  SystemClock clock;
  std::unique_ptr<store::Db> db;
  crypto::DataKey key{std::array<unsigned char, 32>{}};
  Settings settings;
  auth::PasswordPool passwords;
  auth::LoginThrottle throttle{5, 30};
  std::unique_ptr<http::Services> services;

  Bench() {
    std::filesystem::create_directories(folder);
    db = std::make_unique<store::Db>("sqlite:" + (folder / "street.db").string(), clock);
    services = std::make_unique<http::Services>(http::Services{*db, clock, key, settings, passwords, throttle});
  }
  ~Bench() {
    db.reset();
    std::filesystem::remove_all(folder);
  }

  http::Response post(const http::Router& router, const std::string& path) {
    http::Dispatcher dispatcher(router, *services, http::StaticFiles(folder.string()));
    http::Request request;
    request.method = http::Method::Post;
    request.path = path;
    return dispatcher.handle(request);
  }
};

}  // namespace

TEST(DiscreetAccessLog, EveryAnswerOfADiscreetRouteIsMarkedRefusalsIncluded) {
  http::Router router;
  http::Route cast{http::Method::Post, "/cast/{outcome}", http::Access::anyone(), [](http::Context& context) {
                     if (context.request.path_params.at("outcome") == "refused") fail_invalid("token", "选票凭证无效");
                     return http::Response::json(201, Json::object());
                   }};
  cast.discreet_access_log = true;
  router.add(std::move(cast));
  router.add(http::Method::Post, "/plain", http::Access::anyone(),
             [](http::Context&) { return http::Response::json(201, Json::object()); });
  Bench bench;

  http::Response accepted = bench.post(router, "/cast/accepted");
  EXPECT_EQ(accepted.status, 201);
  EXPECT_TRUE(accepted.discreet_access_log);
  http::Response refused = bench.post(router, "/cast/refused");
  EXPECT_EQ(refused.status, 400);
  EXPECT_TRUE(refused.discreet_access_log);
  EXPECT_FALSE(bench.post(router, "/plain").discreet_access_log);
}
