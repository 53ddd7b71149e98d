// The dispatcher's discreet access log: every answer of a discreet route is marked, refusals
// included.
#include <gtest/gtest.h>

#include "core/error.hpp"
#include "http/dispatcher.hpp"
#include "http_services.hpp"

using namespace weizhi;

namespace {

struct Bench {
  HttpServices base{"dispatcher"};

  http::Response post(const http::Router& router, const std::string& path) {
    http::Dispatcher dispatcher(router, *base.services, http::StaticFiles(base.folder.string()));
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
