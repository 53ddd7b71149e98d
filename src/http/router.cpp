// Route matching by path segments, with 404 and 405 told apart.
#include "http/router.hpp"

#include <stdexcept>

#include "core/error.hpp"
#include "http/context.hpp"
#include "http/record_scope.hpp"

namespace weizhi::http {

std::vector<std::string> split_path(const std::string& path) {
  std::vector<std::string> segments;
  std::size_t start = 0;
  while (start <= path.size()) {
    std::size_t end = path.find('/', start);
    if (end == std::string::npos) end = path.size();
    if (end > start) segments.push_back(path.substr(start, end - start));
    start = end + 1;
  }
  return segments;
}

void Router::add(Route route) {
  if (route.access.kind() == Access::Kind::Permission && !route.access.scope()) {
    throw std::logic_error("route " + route.pattern + " needs a scope resolver");
  }
  auto segments = split_path(route.pattern);
  routes_.push_back(Compiled{std::move(route), std::move(segments)});
}

Router::Match Router::match(Method method, const std::string& path) const {
  auto segments = split_path(path);
  Match result;
  for (const auto& compiled : routes_) {
    if (compiled.segments.size() != segments.size()) continue;
    std::map<std::string, std::string> params;
    bool matches = true;
    for (std::size_t i = 0; i < segments.size() && matches; ++i) {
      const std::string& pattern = compiled.segments[i];
      if (pattern.size() > 2 && pattern.front() == '{' && pattern.back() == '}') {
        params[pattern.substr(1, pattern.size() - 2)] = segments[i];
      } else {
        matches = pattern == segments[i];
      }
    }
    if (!matches) continue;
    Method wanted = method == Method::Head ? Method::Get : method;
    if (compiled.route.method == wanted) {
      result.outcome = Outcome::Found;
      result.route = &compiled.route;
      result.params = std::move(params);
      return result;
    }
    result.outcome = Outcome::MethodNotAllowed;
    result.allowed.push_back(compiled.route.method);
  }
  return result;
}

namespace scope {

ScopeResolver path_node(std::string name) {
  return [name](Context& context) -> std::optional<std::int64_t> { return context.path_id(name); };
}

ScopeResolver record_node(std::string name, std::function<std::int64_t(store::Connection&, std::int64_t)> locate) {
  return [name, locate](Context& context) -> std::optional<std::int64_t> {
    std::int64_t id = context.path_id(name);
    auto lease = context.read();
    return locate(*lease, id);
  };
}

ScopeResolver readable_by(std::string permission, ScopeResolver inner, std::string missing) {
  return [permission = std::move(permission), inner = std::move(inner),
          missing = std::move(missing)](Context& context) -> std::optional<std::int64_t> {
    context.user();
    auto node = inner(context);
    if (node && !context.can(permission, *node)) fail_not_found(missing);
    return node;
  };
}

ScopeResolver query_node_or_root(std::string name) {
  return [name](Context& context) -> std::optional<std::int64_t> {
    auto it = context.request.query.find(name);
    if (it == context.request.query.end()) return context.root_node_id();
    return context.parse_id(it->second, name);
  };
}

ScopeResolver body_node(std::string name) {
  return [name](Context& context) -> std::optional<std::int64_t> {
    const Json& body = context.json_body();
    auto it = body.find(name);
    if (it == body.end() || it->is_null()) throw ApiError(400, "missing_field", "缺少字段 " + name, name);
    if (!it->is_number_integer() || it->get<std::int64_t>() <= 0) {
      fail_invalid(name, "字段 " + name + " 应为正整数编号");
    }
    return it->get<std::int64_t>();
  };
}

ScopeResolver any() {
  return [](Context&) -> std::optional<std::int64_t> { return std::nullopt; };
}

}  // namespace scope

CallerSecret body_secret(std::string name) {
  return [name](Context& context) -> std::optional<std::string> {
    const Json& body = context.json_body();
    auto it = body.find(name);
    if (it == body.end() || !it->is_string() || it->get_ref<const std::string&>().empty()) return std::nullopt;
    return it->get<std::string>();
  };
}

}  // namespace weizhi::http
