// Account rules and storage.
#include "auth/accounts.hpp"

#include <algorithm>
#include <cctype>
#include <fstream>
#include <string_view>

#include "audit/audit.hpp"
#include "auth/permissions.hpp"
#include "auth/sessions.hpp"
#include "core/error.hpp"
#include "core/log.hpp"

namespace weizhi::auth {

std::optional<std::string> login_problem(const std::string& login) {
  if (login.size() < 2 || login.size() > 32) return "账号长度应为 2 到 32 个字符";
  for (char c : login) {
    bool allowed = std::islower(static_cast<unsigned char>(c)) || std::isdigit(static_cast<unsigned char>(c)) ||
                   c == '_' || c == '-' || c == '.';
    if (!allowed) return "账号只能由小写字母、数字和 _ - . 组成";
  }
  return std::nullopt;
}

namespace {
std::string lower_case(std::string text) {
  for (char& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return text;
}

// ASCII white space, and the no-break and ideographic spaces a Chinese keyboard types.
bool only_white_space(std::string_view text) {
  while (!text.empty()) {
    if (std::isspace(static_cast<unsigned char>(text.front()))) {
      text.remove_prefix(1);
    } else if (text.starts_with("\u00a0")) {
      text.remove_prefix(2);
    } else if (text.starts_with("\u3000")) {
      text.remove_prefix(3);
    } else {
      return false;
    }
  }
  return true;
}
}  // namespace

CommonPasswords::CommonPasswords(std::vector<std::string> passwords) {
  for (auto& password : passwords) password = lower_case(std::move(password));
  if (!std::is_sorted(passwords.begin(), passwords.end())) std::sort(passwords.begin(), passwords.end());
  sorted_ = std::make_shared<const std::vector<std::string>>(std::move(passwords));
}

bool CommonPasswords::contains(const std::string& password) const {
  return sorted_ && std::binary_search(sorted_->begin(), sorted_->end(), lower_case(password));
}

std::optional<std::string> password_problem(const std::string& login, const std::string& password,
                                            const CommonPasswords& common) {
  if (password.size() < 8) return "密码至少 8 个字符";
  if (password.size() > 256) return "密码不能超过 256 个字符";
  if (only_white_space(password)) return "密码不能只由空格等空白字符组成";
  std::string lowered = lower_case(password);
  if (!login.empty() && lowered.find(lower_case(login)) != std::string::npos) return "密码不能包含登录名";
  if (common.contains(password)) return "密码太常见，在常用密码列表中，容易被猜中，请换一个";
  return std::nullopt;
}

CommonPasswords load_common_passwords(const std::string& path) {
  std::ifstream in(path);
  if (!in) {
    log::error({{"event", "common_passwords_missing"},
                {"file", path},
                {"consequence", "passwords on a common-password list are NOT refused"},
                {"fix", "install cracklib-runtime or set common_passwords_file"}});
    return {};
  }
  std::vector<std::string> passwords;
  std::string line;
  while (std::getline(in, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (!line.empty()) passwords.push_back(line);
  }
  return CommonPasswords(std::move(passwords));
}

namespace {
const char* kUserColumns = "SELECT id, login, display_name, disabled, password_hash FROM users ";
User to_user(const store::Row& row) { return User{row.i64(0), row.text(1), row.text(2), row.i64(3) != 0, row.text(4)}; }
}  // namespace

std::optional<User> find_user(store::Connection& connection, const std::string& login) {
  auto row = connection.query_one(std::string(kUserColumns) + "WHERE login = ?", {login});
  if (!row) return std::nullopt;
  return to_user(*row);
}

std::optional<User> find_user(store::Connection& connection, std::int64_t id) {
  auto row = connection.query_one(std::string(kUserColumns) + "WHERE id = ?", {id});
  if (!row) return std::nullopt;
  return to_user(*row);
}

std::optional<User> find_user(store::Tx& tx, const std::string& login) {
  auto row = tx.query_one(std::string(kUserColumns) + "WHERE login = ?", {login});
  if (!row) return std::nullopt;
  return to_user(*row);
}

std::int64_t create_user(store::Tx& tx, const std::string& login, const std::string& display_name,
                         const std::string& password_hash) {
  if (find_user(tx, login)) fail_conflict("账号 " + login + " 已存在", "login");
  return tx.scalar(
      "INSERT INTO users (login, display_name, password_hash, created_at) VALUES (?, ?, ?, ?) RETURNING id",
      {login, display_name, password_hash, iso_utc(tx.now())});
}

void set_password_hash(store::Tx& tx, std::int64_t user_id, const std::string& password_hash) {
  tx.exec("UPDATE users SET password_hash = ? WHERE id = ?", {password_hash, user_id});
}

std::vector<std::int64_t> password_reset_scopes(const std::vector<RoleGrant>& roles, std::int64_t root) {
  if (roles.empty()) return {root};
  std::vector<std::int64_t> scopes;
  for (const auto& grant : roles) scopes.push_back(grant.scope_node_id);
  return scopes;
}

std::int64_t assign_role(store::Tx& tx, std::int64_t user_id, const std::string& role, std::int64_t scope_node_id) {
  if (!is_role_code(role)) fail_invalid("role", "不认识的角色 " + role);
  if (!tx.query_one("SELECT id FROM org_nodes WHERE id = ?", {scope_node_id})) {
    throw ApiError(404, "not_found", "找不到组织节点 " + std::to_string(scope_node_id), "scope_node_id");
  }
  return tx.scalar(
      "INSERT INTO role_assignments (user_id, role, scope_node_id, valid_from) VALUES (?, ?, ?, ?) RETURNING id",
      {user_id, role, scope_node_id, iso_utc(tx.now())});
}

IssuedToken add_token(store::Tx& tx, const TokenRequest& request, const std::string& actor) {
  if (auto problem = login_problem(request.name)) fail_invalid("name", "令牌名称不合要求：" + *problem);
  if (request.role && !is_role_code(*request.role)) fail_invalid("role", "不认识的角色 " + *request.role);
  if (request.scope_node_id && !request.role) fail_invalid("role", "指定 --scope 时须同时指定 --role");
  IssuedToken issued{0, request.login.value_or(kMachineLoginPrefix + request.name), 0, ""};
  if (request.role) {
    if (request.scope_node_id) {
      issued.scope_node_id = *request.scope_node_id;
    } else {
      auto root = tx.query_one("SELECT id FROM org_nodes WHERE parent_id IS NULL ORDER BY id LIMIT 1");
      if (!root) fail_invalid("scope", "组织架构为空：请用 --scope 指定节点，或先导入数据");
      issued.scope_node_id = root->i64(0);
    }
  }
  if (request.login) {
    auto user = find_user(tx, *request.login);
    if (!user) throw ApiError(404, "not_found", "找不到账号 " + *request.login, "login");
    issued.user_id = user->id;
  } else {
    // "!" is no argon2id hash, so no password ever verifies against it.
    issued.user_id = create_user(tx, issued.login, request.name, "!");
  }
  if (request.role) assign_role(tx, issued.user_id, *request.role, issued.scope_node_id);
  issued.token = create_api_token(tx, issued.user_id, request.name);
  Json summary{{"name", request.name}, {"login", issued.login}, {"machine_account", !request.login}};
  if (request.role) {
    summary["role"] = *request.role;
    summary["scope_node_id"] = issued.scope_node_id;
  }
  audit::record(tx, actor, "api_token.create", "user:" + std::to_string(issued.user_id), summary);
  return issued;
}

namespace {
Json roles_json(const std::vector<RoleGrant>& roles) {
  Json out = Json::array();
  for (const auto& grant : roles) {
    out.push_back({{"id", grant.assignment_id},
                   {"role", grant.role},
                   {"scope_node_id", grant.scope_node_id},
                   {"scope_name", grant.scope_name},
                   {"scope_kind", grant.scope_kind}});
  }
  return out;
}
}  // namespace

Json user_json(store::Connection& connection, std::int64_t user_id, TimePoint now) {
  auto user = find_user(connection, user_id);
  if (!user) fail_not_found("找不到该用户");
  return {{"id", user->id},
          {"login", user->login},
          {"display_name", user->display_name},
          {"disabled", user->disabled},
          {"roles", roles_json(load_roles(connection, user_id, now))}};
}

Json principal_json(store::Connection& connection, const Principal& principal) {
  Json permissions = Json::array();
  for (const auto& [node, granted] : permissions_by_scope(connection, principal.roles)) {
    permissions.push_back({{"scope_node_id", node}, {"permissions", granted}});
  }
  return {{"id", principal.user_id},
          {"login", principal.login},
          {"display_name", principal.display_name},
          {"disabled", false},
          {"roles", roles_json(principal.roles)},
          {"permissions", permissions}};
}

}  // namespace weizhi::auth
