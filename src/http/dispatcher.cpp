// Request dispatch and error mapping.
#include "http/dispatcher.hpp"

#include <chrono>

#include "auth/permissions.hpp"
#include "auth/sessions.hpp"
#include "core/error.hpp"
#include "core/log.hpp"
#include "core/metrics.hpp"

namespace weizhi::http {

namespace {

bool is_api_path(const std::string& path) {
  return path.rfind("/api/", 0) == 0 || path == "/api" || path.rfind("/open311/", 0) == 0;
}

bool changes_state(Method method) {
  return method != Method::Get && method != Method::Head && method != Method::Options;
}

Response from_error(const ApiError& error) {
  Response response = Response::error(error.status(), error.code(), error.message(), error.field());
  return response;
}

void check_access(const Route& route, Context& context, const Services& services) {
  if (route.access.kind() == Access::Kind::Anyone) return;
  std::optional<auth::Authentication> found;
  {
    auto lease = context.read();
    found = auth::authenticate(*lease, context.request, services.settings, services.clock.now());
  }
  if (!found) throw ApiError(401, "unauthorized", "请先登录，或登录已过期");
  if (found->principal.via == auth::Via::Session && changes_state(context.request.method)) {
    auto header = context.request.header("x-csrf-token");
    if (!header || !auth::csrf_matches(found->principal.csrf_token, std::string(*header))) {
      throw ApiError(403, "csrf_failed", "缺少或错误的 X-CSRF-Token 请求头");
    }
  }
  bool touch = found->session_needs_touch;
  std::int64_t session_id = found->principal.session_id;
  context.set_principal(std::move(found->principal));
  if (touch) {
    context.write([&](store::Tx& tx) { auth::touch_session(tx, session_id); });
  }
  if (route.access.kind() == Access::Kind::Permission) {
    std::optional<std::int64_t> node = route.access.scope()(context);
    context.require(route.access.permission_name(), node);
  }
}

// Whose retries the request's Idempotency-Key is scoped to; nullopt where the header is ignored:
// methods other than POST, and routes open to anyone that name no caller secret.
std::optional<std::string> idempotency_caller(const Route& route, Context& context) {
  if (context.request.method != Method::Post) return std::nullopt;
  if (route.access.kind() != Access::Kind::Anyone) return "user:" + std::to_string(context.user().user_id);
  if (!route.caller_secret) return std::nullopt;
  auto secret = route.caller_secret(context);
  if (!secret) return std::nullopt;
  return "secret:" + *secret;
}

}  // namespace

Response Dispatcher::route(Request& request, std::string& route_label, bool& discreet,
                           std::optional<IdempotentRequest>& idempotent) const {
  auto match = router_.match(request.method, request.path);
  if (match.outcome == Router::Outcome::MethodNotAllowed) {
    route_label = "method_not_allowed";
    std::string allow;
    for (Method method : match.allowed) allow += (allow.empty() ? "" : ", ") + code_of(kMethodNames, method);
    Response response =
        Response::error(405, "method_not_allowed", "该地址不支持 " + code_of(kMethodNames, request.method) + " 方法");
    response.header("Allow", allow);
    return response;
  }
  if (match.outcome == Router::Outcome::NotFound) {
    if (!is_api_path(request.path) && (request.method == Method::Get || request.method == Method::Head)) {
      route_label = "static";
      if (auto file = static_files_.serve(request)) return *file;
    }
    route_label = "not_found";
    return Response::error(404, "not_found", "找不到该地址：" + request.path);
  }
  const Route& route = *match.route;
  route_label = route.pattern;
  discreet = route.discreet_access_log;
  std::size_t limit = route.max_body_bytes ? route.max_body_bytes : services_.settings.max_body_bytes;
  if (request.body.size() > limit) {
    return Response::error(413, "payload_too_large", "请求体过大：上限 " + std::to_string(limit / 1024) + " KiB");
  }
  request.path_params = std::move(match.params);
  Context context(request, services_);
  check_access(route, context, services_);
  if (auto caller = idempotency_caller(route, context)) {
    if (auto key = idempotency_key(request)) {
      idempotent.emplace(services_.data_key, request, *caller, *key);
      if (auto kept = idempotent->kept_answer(*context.read(), services_.clock.now())) return *kept;
      context.set_idempotent(&*idempotent);
    }
  }
  return route.handler(context);
}

Response Dispatcher::handle(Request& request) const {
  static auto& latency =
      metrics::Registry::instance().histogram("weizhi_http_request_seconds", metrics::latency_bounds());
  auto started = std::chrono::steady_clock::now();
  std::string route_label = "unmatched";
  bool discreet = false;
  std::optional<IdempotentRequest> idempotent;
  Response response;
  try {
    response = route(request, route_label, discreet, idempotent);
  } catch (const AnsweredMeanwhile& answered) {
    response = answered.response();
  } catch (const ApiError& error) {
    response = from_error(error);
  } catch (const store::ConstraintViolation& error) {
    response = Response::error(409, "conflict", "与已有记录冲突（重复或仍被引用）");
  } catch (const Json::exception& error) {
    response = Response::error(400, "invalid_field", "请求中的数据类型不正确");
  } catch (const std::exception& error) {
    log::error({{"event", "handler_error"},
                {"request_id", request.request_id},
                {"path", request.path},
                {"error", error.what()}});
    response = Response::error(500, "internal", "服务器内部错误，请稍后重试；如反复出现请联系管理员");
  }
  if (idempotent) {
    try {
      idempotent->finish(services_.db, response);
    } catch (const std::exception& error) {
      // The change stands; a retry is told its answer was not kept (409) rather than run it again.
      log::error({{"event", "idempotent_answer_not_kept"}, {"error", error.what()}});
    }
  }
  response.header("X-Request-Id", request.request_id);
  if (discreet) response.discreet_access_log = true;
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  latency.observe(seconds);
  metrics::Registry::instance().count(
      "weizhi_http_requests_total", "route=\"" + route_label + "\",method=\"" + code_of(kMethodNames, request.method) +
                                        "\",status=\"" + std::to_string(response.status) + "\"");
  return response;
}

}  // namespace weizhi::http
