// From a parsed Request to a Response: routing (404/405), body limits (413), authentication
// (401), CSRF for cookie-authenticated changes (403), the route's permission (403), Idempotency-Key,
// the handler, and the mapping of every error to the JSON error shape. Records route metrics.
#pragma once
#include "http/context.hpp"
#include "http/router.hpp"
#include "http/static_files.hpp"

namespace weizhi::http {

class Dispatcher {
 public:
  Dispatcher(const Router& router, Services& services, StaticFiles static_files)
      : router_(router), services_(services), static_files_(std::move(static_files)) {}

  // Never throws: every failure becomes an error Response.
  Response handle(Request& request) const;

 private:
  // `discreet` tells whether the matched route asks for a discreet access log line; `idempotent` is
  // set when the request's Idempotency-Key applies, so that its answer can be kept.
  Response route(Request& request, std::string& route_label, bool& discreet,
                 std::optional<IdempotentRequest>& idempotent) const;

  const Router& router_;
  Services& services_;
  StaticFiles static_files_;
};

}  // namespace weizhi::http
