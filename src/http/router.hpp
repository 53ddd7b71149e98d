// Routes and their access rules. Every route declares who may call it: anyone, any signed-in
// user, or holders of a permission in the scope its resolver finds (deny by default — a route
// cannot be registered without an Access). Paths use `{name}` segments.
#pragma once
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "http/message.hpp"

namespace weizhi::http {

class Context;
using Handler = std::function<Response(Context&)>;
// Finds the org node a request concerns; nullopt means "any scope" (the permission held
// anywhere suffices, and the handler filters by scope itself).
using ScopeResolver = std::function<std::optional<std::int64_t>(Context&)>;

class Access {
 public:
  enum class Kind { Anyone, SignedIn, Permission };
  static Access anyone() { return Access(Kind::Anyone, {}, {}); }
  static Access signed_in() { return Access(Kind::SignedIn, {}, {}); }
  static Access permission(std::string name, ScopeResolver scope) {
    return Access(Kind::Permission, std::move(name), std::move(scope));
  }
  Kind kind() const { return kind_; }
  const std::string& permission_name() const { return permission_; }
  const ScopeResolver& scope() const { return scope_; }

 private:
  Access(Kind kind, std::string permission, ScopeResolver scope)
      : kind_(kind), permission_(std::move(permission)), scope_(std::move(scope)) {}
  Kind kind_;
  std::string permission_;
  ScopeResolver scope_;
};

namespace scope {
// The node whose id is the path parameter `name`.
ScopeResolver path_node(std::string name);
// The node whose id is the query parameter `name`; the root (street) when absent.
ScopeResolver query_node_or_root(std::string name);
// The node whose id is the field `name` of the JSON body (400 naming it when absent).
ScopeResolver body_node(std::string name);
// Any node where the permission is held.
ScopeResolver any();
}  // namespace scope

// The secret a route open to anyone is called with (a ballot token), found in the request; nullopt
// when the request carries none.
using CallerSecret = std::function<std::optional<std::string>(Context&)>;
// The text field `name` of the JSON body.
CallerSecret body_secret(std::string name);

struct Route {
  Method method;
  std::string pattern;  // e.g. "/api/v1/org/nodes/{id}"
  Access access;
  Handler handler;
  std::size_t max_body_bytes = 0;  // 0: the server's default
  // Every answer, refusals included, is logged discreetly (see Response::discreet_access_log).
  bool discreet_access_log = false;
  // A POST route open to anyone ignores Idempotency-Key (a replayed sign-in would hand out a
  // session), unless it names the secret its callers prove themselves with: their keys are then
  // scoped to that secret, as a signed-in user's are to the user.
  CallerSecret caller_secret{};
};

class Router {
 public:
  void add(Route route);
  void add(Method method, std::string pattern, Access access, Handler handler) {
    add(Route{method, std::move(pattern), std::move(access), std::move(handler)});
  }

  enum class Outcome { Found, NotFound, MethodNotAllowed };
  struct Match {
    Outcome outcome = Outcome::NotFound;
    const Route* route = nullptr;
    std::map<std::string, std::string> params;
    std::vector<Method> allowed;  // for MethodNotAllowed
  };
  Match match(Method method, const std::string& path) const;
  // The registered patterns, so that tests can try hostile input on every route family.
  std::vector<std::string> patterns() const {
    std::vector<std::string> out;
    for (const auto& compiled : routes_) out.push_back(compiled.route.pattern);
    return out;
  }

 private:
  struct Compiled {
    Route route;
    std::vector<std::string> segments;
  };
  std::vector<Compiled> routes_;
};

std::vector<std::string> split_path(const std::string& path);

}  // namespace weizhi::http
