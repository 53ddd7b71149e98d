// Health, readiness and metrics, and the daily purge of expired Idempotency-Key answers.
#include "app/ops.hpp"

#include "app/modules.hpp"
#include "core/metrics.hpp"
#include "http/context.hpp"
#include "http/idempotency.hpp"
#include "store/migration.hpp"

namespace weizhi::app {

namespace {

http::Response healthz(http::Context&) { return http::Response::json(200, {{"status", "ok"}}); }

http::Response readyz(http::Context& context) {
  bool database = false;
  bool current = false;
  try {
    auto lease = context.read();
    lease->query("SELECT 1");
    database = true;
    current = store::migrations_current(context.services.db, all_migrations());
  } catch (const std::exception&) {}
  bool ready = database && current;
  return http::Response::json(
      ready ? 200 : 503,
      {{"status", ready ? "ready" : "not_ready"}, {"database", database}, {"migrations_current", current}});
}

http::Response metrics_route(http::Context&) {
  http::Response response;
  response.content_type = "text/plain; version=0.0.4; charset=utf-8";
  response.body = metrics::Registry::instance().render();
  return response;
}

modules::Job idempotency_purge_job() {
  return modules::Job{"idempotency.purge", street_date,
                      [](store::Tx& tx, const std::string&) { http::purge_expired_answers(tx); }};
}

}  // namespace

modules::Module ops_module() {
  return modules::Module{.name = "ops",
                         .migrations = nullptr,
                         .routes =
                             [](http::Router& router) {
                               router.add(http::Method::Get, "/healthz", http::Access::anyone(), healthz);
                               router.add(http::Method::Get, "/readyz", http::Access::anyone(), readyz);
                               router.add(http::Method::Get, "/metrics", http::Access::anyone(), metrics_route);
                             },
                         .jobs = {idempotency_purge_job()}};
}

}  // namespace weizhi::app
