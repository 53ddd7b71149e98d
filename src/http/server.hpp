// The HTTP server: RESTinio on standalone asio with one I/O thread per core, explicit limits
// (header and body sizes, connection count, read/write/handler timeouts), handlers run on a
// worker pool, and a draining stop that finishes in-flight requests before closing.
#pragma once
#include <memory>
#include <string>

#include "core/settings.hpp"
#include "http/dispatcher.hpp"

namespace weizhi::http {

class Server {
 public:
  Server(const Dispatcher& dispatcher, const Settings& settings);
  ~Server();

  // Binds `settings.listen` (port 0 picks a free one) and starts serving; throws if it cannot.
  void start();
  // The port actually bound.
  unsigned short port() const;
  // Refuses new requests (503), waits up to the grace period for in-flight ones, then closes.
  void stop();

 private:
  struct State;
  std::unique_ptr<State> state_;
};

}  // namespace weizhi::http
