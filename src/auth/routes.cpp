// HTTP routes and demo seed of the auth capability.
#include "auth/routes.hpp"

#include "audit/audit.hpp"
#include "auth/accounts.hpp"
#include "auth/devices.hpp"
#include "auth/permissions.hpp"
#include "auth/sessions.hpp"
#include "core/crypto.hpp"
#include "core/error.hpp"
#include "http/context.hpp"

namespace weizhi::auth {

namespace {

using http::Access;
using http::Context;
using http::Method;
using http::Response;

const std::string& dummy_hash(PasswordPool& pool) {
  // Verifying against this when the login is unknown keeps the reply time the same, so
  // response times do not reveal which logins exist.
  static const std::string hash = pool.hash("weizhi-no-such-account");
  return hash;
}

// The 429 for a login with too many recent failures from this address or at all; nullopt when
// another password may be tried.
std::optional<Response> throttled(Context& context, const std::string& login) {
  auto& services = context.services;
  auto wait = services.login_throttle.retry_after(login, context.request.client_address, services.clock.now());
  if (!wait) return std::nullopt;
  return Response::error(429, "too_many_requests", "登录失败次数过多，请 " + std::to_string(*wait) + " 秒后再试")
      .header("Retry-After", std::to_string(*wait));
}

// Opens a session with `limits` for the account `account` answers inside the session's transaction,
// and answers as every sign-in does: the user with their permissions, the CSRF token and the cookie.
Response open_session(Context& context, const std::function<User(store::Tx&)>& account, const SessionLimits& limits,
                      const Json& summary) {
  auto& services = context.services;
  User user;
  NewSession session = context.write([&](store::Tx& tx) {
    user = account(tx);
    NewSession created = create_session(tx, user.id, limits, context.request.header("user-agent").value_or(""));
    audit::record(tx, user.login, "session.create", "user:" + std::to_string(user.id), summary);
    return created;
  });
  Json user_view;
  {
    auto lease = context.read();
    Principal signed_in{.user_id = user.id, .login = user.login, .display_name = user.display_name};
    signed_in.roles = load_roles(*lease, user.id, services.clock.now());
    user_view = principal_json(*lease, signed_in);
  }
  return Response::json(200, {{"user", user_view}, {"csrf_token", session.csrf_token}})
      .header("Set-Cookie", session_cookie(session.token, limits, services.settings));
}

Response create_session_route(Context& context, const std::vector<SignInMethod>& methods) {
  JsonObject body(context.json_body());
  const std::string& address = context.request.client_address;
  for (const auto& method : methods) {
    if (!body.mentions(method.field)) continue;
    SignIn decided = method.check(context, body);
    if (decided.answer) return *decided.answer;
    return open_resident_session(context, decided.account, {{"client", address}, {"via", method.field}});
  }
  std::string login = body.text("login");
  std::string password = body.text("password");
  body.finish();
  auto& services = context.services;
  if (auto refusal = throttled(context, login)) return *refusal;
  std::optional<User> user;
  {
    auto lease = context.read();
    user = find_user(*lease, login);
  }
  bool accepted = user && !user->disabled && services.passwords.verify(user->password_hash, password);
  if (!user) services.passwords.verify(dummy_hash(services.passwords), password);
  if (!accepted) {
    services.login_throttle.record_failure(login, address, user.has_value(), services.clock.now());
    throw ApiError(401, "invalid_credentials", "账号或密码错误");
  }
  services.login_throttle.clear(login);
  return open_session(context, [&](store::Tx&) { return *user; }, staff_session_limits(services.settings),
                      {{"client", address}});
}

Response delete_session_route(Context& context) {
  const Principal& principal = context.user();
  if (principal.via == Via::Session) {
    context.write([&](store::Tx& tx) {
      delete_session(tx, principal.session_id);
      context.audit(tx, "session.delete", "user:" + std::to_string(principal.user_id), Json::object());
    });
  }
  Response response = Response::no_content();
  response.header("Set-Cookie", expired_session_cookie(context.services.settings));
  return response;
}

// The caller's signed-in devices, most recently used first, each named from its browser.
Response my_sessions_route(Context& context) {
  const Principal& principal = context.user();
  Json items = Json::array();
  auto lease = context.read();
  for (const auto& session :
       live_sessions(*lease, principal.user_id, context.services.settings, context.services.clock.now())) {
    items.push_back(Json{{"id", session.id},
                         {"device", device_label(session.user_agent)},
                         {"created_at", session.created_at},
                         {"last_seen_at", session.last_seen_at},
                         {"current", principal.via == Via::Session && session.id == principal.session_id}});
  }
  return Response::json(200, {{"items", items}});
}

// Signs one of the caller's devices out. Another user's session is answered as one that does not
// exist, so ids reveal nothing.
Response end_my_session_route(Context& context) {
  const Principal& principal = context.user();
  std::int64_t session_id = context.path_id("id");
  bool ended = context.write([&](store::Tx& tx) {
    if (!end_own_session(tx, principal.user_id, session_id)) return false;
    context.audit(tx, "session.revoke", "user:" + std::to_string(principal.user_id), {{"session", session_id}});
    return true;
  });
  if (!ended) fail_not_found("找不到该设备，它可能已经退出登录");
  Response response = Response::no_content();
  if (principal.via == Via::Session && session_id == principal.session_id) {
    response.header("Set-Cookie", expired_session_cookie(context.services.settings));
  }
  return response;
}

// Signs the caller out everywhere but on this device (everywhere, for an API token).
Response end_other_sessions_route(Context& context) {
  const Principal& principal = context.user();
  std::int64_t keep = principal.via == Via::Session ? principal.session_id : 0;
  std::int64_t ended = context.write([&](store::Tx& tx) {
    std::int64_t count = end_sessions(tx, principal.user_id, keep);
    context.audit(tx, "session.end_others", "user:" + std::to_string(principal.user_id), {{"sessions_ended", count}});
    return count;
  });
  return Response::json(200, {{"ended", ended}});
}

Response me_route(Context& context) {
  Json view = principal_json(*context.read(), context.user());
  if (context.user().via == Via::Session) view["csrf_token"] = context.user().csrf_token;
  return Response::json(200, view);
}

// The signed-in person changes their own password. The current one is asked for, and a wrong one
// counts as a failed sign-in of the login, so a session left open cannot be used to guess it.
Response change_own_password_route(Context& context) {
  const Principal& principal = context.user();
  JsonObject body(context.json_body());
  std::string current = body.text("current_password");
  std::string wanted = body.text("new_password");
  body.finish();
  // A token is a machine's credential: whoever holds one has not shown they know the password.
  if (principal.via != Via::Session) fail_forbidden("API 令牌不能修改密码，请登录后修改");
  auto& services = context.services;
  if (auto refusal = throttled(context, principal.login)) return *refusal;
  std::optional<User> user;
  {
    auto lease = context.read();
    user = find_user(*lease, principal.user_id);
  }
  if (!user) throw ApiError(401, "unauthorized", "请先登录");
  if (!services.passwords.verify(user->password_hash, current)) {
    services.login_throttle.record_failure(user->login, context.request.client_address, true, services.clock.now());
    throw ApiError(403, "invalid_credentials", "当前密码不正确", "current_password");
  }
  services.login_throttle.clear(user->login);
  if (auto problem = services.passwords.problem(user->login, wanted)) fail_invalid("new_password", *problem);
  if (wanted == current) fail_invalid("new_password", "新密码不能与当前密码相同");
  std::string hash = services.passwords.hash(wanted);
  context.write([&](store::Tx& tx) {
    set_password_hash(tx, user->id, hash);
    std::int64_t ended = end_sessions(tx, user->id, principal.session_id);
    context.audit(tx, "user.password.change", "user:" + std::to_string(user->id), {{"sessions_ended", ended}});
  });
  return Response::no_content();
}

// An administrator sets another account's password (a forgotten one, or one that leaked), and
// every session of that account ends.
Response reset_password_route(Context& context) {
  std::int64_t user_id = context.path_id("id");
  JsonObject body(context.json_body());
  std::string wanted = body.text("new_password");
  body.finish();
  std::optional<User> user;
  std::vector<RoleGrant> roles;
  {
    auto lease = context.read();
    user = find_user(*lease, user_id);
    if (!user) fail_not_found("找不到该用户");
    roles = load_roles(*lease, user_id, context.services.clock.now());
  }
  for (std::int64_t scope : password_reset_scopes(roles, context.root_node_id()))
    context.require("users.manage", scope);
  if (auto problem = context.services.passwords.problem(user->login, wanted)) fail_invalid("new_password", *problem);
  std::string hash = context.services.passwords.hash(wanted);
  context.write([&](store::Tx& tx) {
    set_password_hash(tx, user_id, hash);
    std::int64_t ended = end_sessions(tx, user_id);
    context.audit(tx, "user.password.reset", "user:" + std::to_string(user_id),
                  {{"login", user->login}, {"sessions_ended", ended}});
  });
  return Response::no_content();
}

Response list_users_route(Context& context) {
  auto lease = context.read();
  Json users = Json::array();
  for (const auto& row : lease->query("SELECT id FROM users ORDER BY id")) {
    users.push_back(user_json(*lease, row.i64(0), context.services.clock.now()));
  }
  return Response::json(200, {{"items", users}});
}

struct RoleRequest {
  std::string role;
  std::int64_t scope_node_id;
};

RoleRequest read_role(JsonObject& object) {
  RoleRequest request{object.text("role"), object.integer("scope_node_id")};
  object.finish();
  if (!is_role_code(request.role)) fail_invalid(object.field_name("role"), "不认识的角色 " + request.role);
  return request;
}

Response create_user_route(Context& context) {
  JsonObject body(context.json_body());
  std::string login = body.text("login");
  std::string display_name = body.text("display_name");
  std::string password = body.text("password");
  std::vector<RoleRequest> roles;
  if (const Json* list = body.optional_any("roles")) {
    if (!list->is_array()) fail_invalid("roles", "字段 roles 应为数组");
    for (std::size_t i = 0; i < list->size(); ++i) {
      JsonObject item((*list)[i], "roles[" + std::to_string(i) + "]");
      roles.push_back(read_role(item));
    }
  }
  body.finish();
  if (auto problem = login_problem(login)) fail_invalid("login", *problem);
  if (display_name.empty() || display_name.size() > 100)
    fail_invalid("display_name", "姓名不能为空，且不超过 100 字节");
  if (auto problem = context.services.passwords.problem(login, password)) fail_invalid("password", *problem);
  for (const auto& role : roles) context.require("users.manage", role.scope_node_id);
  std::string hash = context.services.passwords.hash(password);
  std::int64_t id = context.write([&](store::Tx& tx) {
    std::int64_t user_id = create_user(tx, login, display_name, hash);
    for (const auto& role : roles) assign_role(tx, user_id, role.role, role.scope_node_id);
    context.audit(tx, "user.create", "user:" + std::to_string(user_id), {{"login", login}, {"roles", roles.size()}});
    return user_id;
  });
  auto lease = context.read();
  return Response::json(201, user_json(*lease, id, context.services.clock.now()));
}

Response add_role_route(Context& context) {
  std::int64_t user_id = context.path_id("id");
  JsonObject body(context.json_body());
  RoleRequest role = read_role(body);
  context.require("users.manage", role.scope_node_id);
  {
    auto lease = context.read();
    if (!find_user(*lease, user_id)) fail_not_found("找不到该用户");
  }
  context.write([&](store::Tx& tx) {
    std::int64_t assignment = assign_role(tx, user_id, role.role, role.scope_node_id);
    context.audit(tx, "user.role.assign", "user:" + std::to_string(user_id),
                  {{"assignment", assignment}, {"role", role.role}, {"scope_node_id", role.scope_node_id}});
  });
  auto lease = context.read();
  return Response::json(201, user_json(*lease, user_id, context.services.clock.now()));
}

Response end_role_route(Context& context) {
  std::int64_t user_id = context.path_id("id");
  std::int64_t assignment_id = context.path_id("assignment_id");
  std::optional<std::int64_t> scope;
  {
    auto lease = context.read();
    auto row =
        lease->query_one("SELECT scope_node_id FROM role_assignments WHERE id = ? AND user_id = ? AND valid_to IS NULL",
                         {assignment_id, user_id});
    if (!row) fail_not_found("找不到该用户的这项角色");
    scope = row->i64(0);
  }
  context.require("users.manage", scope);
  context.write([&](store::Tx& tx) {
    tx.exec("UPDATE role_assignments SET valid_to = ? WHERE id = ?", {iso_utc(tx.now()), assignment_id});
    context.audit(tx, "user.role.end", "user:" + std::to_string(user_id), {{"assignment", assignment_id}});
  });
  return Response::no_content();
}

struct DemoAccount {
  const char* login;
  const char* display_name;
  const char* role;
  const char* scope_code;
};

// One account per role, scoped where such a person works in the demo street.
const DemoAccount kDemoAccounts[] = {
    {"admin", "街道管理员（演示）", "street_admin", "street"},
    {"secretary", "德胜社区书记（演示）", "community_secretary", "desheng"},
    {"director", "德胜社区三方办主任（演示）", "tripartite_director", "desheng"},
    {"commissioner", "德胜新村小区专员（演示）", "commissioner", "desheng-xincun"},
    {"party", "德胜新村党组织书记（演示）", "party_secretary", "desheng-xincun"},
    {"grid", "德胜社区网格员（演示）", "grid_member", "desheng"},
    {"committee", "自管会成员（演示）", "committee_member", "desheng-xincun"},
    {"supervisor", "街道纪委监督员（演示）", "supervisor", "street"},
    {"property", "物业项目经理（演示）", "property_manager", "desheng"},
    {"property-staff", "物业员工（演示）", "property_staff", "desheng-xincun"},
    {"social-org", "社会组织社工（演示）", "social_org", "desheng"},
    {"resident", "居民（演示）", "resident", "desheng-xincun"},
    {"gate", "门禁设备（演示）", "gate_device", "desheng-xincun"},
};

void seed_demo(modules::SeedContext& seed) {
  // One hash for all: seeding stays fast. The API tests' street signs in hundreds of times.
  std::string hash = seed.size == modules::SeedSize::Test
                         ? crypto::hash_password(kDemoPassword, crypto::PasswordCost::Minimal)
                         : seed.passwords.hash(kDemoPassword);
  seed.report.push_back("演示账号（密码均为 " + std::string(kDemoPassword) + "）：");
  for (const auto& account : kDemoAccounts) {
    std::int64_t user_id = create_user(seed.tx, account.login, account.display_name, hash);
    assign_role(seed.tx, user_id, account.role, seed.node(account.scope_code));
    audit::record(seed.tx, "cli:seed", "user.create", "user:" + std::to_string(user_id),
                  {{"login", account.login}, {"role", account.role}, {"demo", true}});
    seed.report.push_back("  " + std::string(account.login) + "  " + account.role + "  " + account.display_name);
  }
}

// Ended sessions are deleted daily, so the table holds the signed-in devices and not every sign-in ever
// made: a street's residents open thousands of sessions a month.
modules::Job purge_sessions_job() {
  return {"auth.sessions.purge", street_date, [](store::Tx& tx, const std::string&) {
            std::int64_t purged = purge_ended_sessions(tx, tx.now());
            if (purged > 0) audit::record(tx, "system", "session.purge", "sessions", {{"count", purged}});
          }};
}

}  // namespace

// The methods beside a password are residents' (staff must use their password), and a resident on a
// phone should not have to sign in again every day.
Response open_resident_session(Context& context, const std::function<User(store::Tx&)>& account, const Json& summary) {
  return open_session(context, account, resident_session_limits(context.services.settings), summary);
}

modules::Module module(std::vector<SignInMethod> methods) {
  return modules::Module{
      "auth",
      [] { return std::vector<store::Migration>{}; },
      [methods = std::move(methods)](http::Router& router) {
        router.add(Method::Post, "/api/v1/session", Access::anyone(),
                   [methods](Context& context) { return create_session_route(context, methods); });
        router.add(Method::Delete, "/api/v1/session", Access::signed_in(), delete_session_route);
        router.add(Method::Get, "/api/v1/me", Access::signed_in(), me_route);
        router.add(Method::Post, "/api/v1/me/password", Access::signed_in(), change_own_password_route);
        router.add(Method::Get, "/api/v1/me/sessions", Access::signed_in(), my_sessions_route);
        router.add(Method::Delete, "/api/v1/me/sessions/{id}", Access::signed_in(), end_my_session_route);
        router.add(Method::Post, "/api/v1/me/sessions/end-others", Access::signed_in(), end_other_sessions_route);
        router.add(Method::Get, "/api/v1/users", Access::permission("users.manage", http::scope::any()),
                   list_users_route);
        router.add(Method::Post, "/api/v1/users", Access::permission("users.manage", http::scope::any()),
                   create_user_route);
        router.add(Method::Post, "/api/v1/users/{id}/roles", Access::permission("users.manage", http::scope::any()),
                   add_role_route);
        router.add(Method::Post, "/api/v1/users/{id}/password", Access::permission("users.manage", http::scope::any()),
                   reset_password_route);
        router.add(Method::Delete, "/api/v1/users/{id}/roles/{assignment_id}",
                   Access::permission("users.manage", http::scope::any()), end_role_route);
      },
      seed_demo,
      {purge_sessions_job()},
      {{"users.manage", {"street_admin"}}}};
}

}  // namespace weizhi::auth
