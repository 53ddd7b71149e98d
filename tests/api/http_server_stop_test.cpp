// Stopping the HTTP server with a request in flight: the stop waits for its handler and for its answer to
// be written to the last byte, then closes; a request that arrives while it drains is refused with 503.
#include <gtest/gtest.h>

#include <future>

#include "http/dispatcher.hpp"
#include "http/server.hpp"
#include "support/http_client.hpp"
#include "unit/http_services.hpp"

using namespace weizhi;
using weizhi::testing::HttpClient;
using weizhi::testing::Reply;

TEST(ServerStop, ARequestInFlightIsAnsweredInFullBeforeTheServerCloses) {
  HttpServices base{"server-stop"};
  base.settings.listen = "127.0.0.1:0";
  base.settings.worker_threads = 2;
  base.settings.shutdown_grace_seconds = 30;
  // Large enough to be written over many turns of the I/O thread after the handler has returned.
  const std::string answer(8 << 20, 'x');
  std::promise<void> entered;
  std::promise<void> release;
  std::shared_future<void> released = release.get_future().share();
  http::Router router;
  router.add(http::Method::Get, "/slow", http::Access::anyone(), [&](http::Context&) {
    entered.set_value();
    released.wait();
    http::Response response;
    response.content_type = "text/plain";
    response.body = answer;
    return response;
  });
  http::Dispatcher dispatcher(router, *base.services, http::StaticFiles(base.folder.string()));
  http::Server server(dispatcher, base.settings);
  server.start();
  const std::string url = "http://127.0.0.1:" + std::to_string(server.port());

  auto slow = std::async(std::launch::async, [&] { return HttpClient(url).get("/slow"); });
  entered.get_future().wait();
  auto stopping = std::async(std::launch::async, [&] { server.stop(); });
  // The handler still holds its request: the stop cannot end before it answers, the grace being 30 s.
  EXPECT_EQ(stopping.wait_for(std::chrono::milliseconds(300)), std::future_status::timeout);
  Reply late = HttpClient(url).get("/slow");
  EXPECT_EQ(late.status, 503) << late.body;
  EXPECT_EQ(late.error_code(), "shutting_down");

  release.set_value();
  Reply reply = slow.get();
  stopping.get();
  EXPECT_EQ(reply.status, 200);
  EXPECT_EQ(reply.body.size(), answer.size()) << "the answer was cut short by the stop";
}
