// Accounts and role assignments: the rules for logins and passwords, and their storage.
#pragma once
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "auth/principal.hpp"
#include "core/json.hpp"
#include "store/db.hpp"

namespace weizhi::auth {

// Passwords too common to keep anyone out, compared without regard to case. A sorted list, not a
// hash set, and shared by its copies: a process that starts many servers reads the file once.
class CommonPasswords {
 public:
  CommonPasswords() = default;
  explicit CommonPasswords(std::vector<std::string> passwords);
  bool contains(const std::string& password) const;
  std::size_t size() const { return sorted_ ? sorted_->size() : 0; }

 private:
  std::shared_ptr<const std::vector<std::string>> sorted_;  // lower-cased
};

// Rules. Each returns nullopt when the value is acceptable, else the Chinese message naming the rule.
std::optional<std::string> login_problem(const std::string& login);
// 8 to 256 bytes, not only white space, not containing the login, not on the common list
// (compared without regard to case).
std::optional<std::string> password_problem(const std::string& login, const std::string& password,
                                            const CommonPasswords& common);

// The list from a file of one password a line (Debian's cracklib-runtime ships
// /usr/share/dict/cracklib-small). A missing or unreadable file gives an empty list and an error
// in the log: everything else works, without that rule.
CommonPasswords load_common_passwords(const std::string& path);

struct User {
  std::int64_t id;
  std::string login;
  std::string display_name;
  bool disabled;
  std::string password_hash;
};

std::optional<User> find_user(store::Connection& connection, const std::string& login);
std::optional<User> find_user(store::Connection& connection, std::int64_t id);
std::optional<User> find_user(store::Tx& tx, const std::string& login);

// Inserts a user; throws ApiError 409 when the login is taken. Returns the id.
std::int64_t create_user(store::Tx& tx, const std::string& login, const std::string& display_name,
                         const std::string& password_hash);
// Replaces the stored password hash.
void set_password_hash(store::Tx& tx, std::int64_t user_id, const std::string& password_hash);
// The nodes over which a caller must hold users.manage to set another user's password: the scope
// of each of the user's current roles, so an account that also works elsewhere stays out of a
// scoped manager's reach, or the street root (`root`) for an account holding no role.
std::vector<std::int64_t> password_reset_scopes(const std::vector<RoleGrant>& roles, std::int64_t root);
// Throws ApiError 400 for an unknown role, 404 for an unknown node. Returns the assignment id.
std::int64_t assign_role(store::Tx& tx, std::int64_t user_id, const std::string& role, std::int64_t scope_node_id);

// `weizhi token add`: an API token for a machine client. Without `login`, a machine account
// `token:NAME` is made for it, which cannot sign in with a password (its stored hash is not one)
// and whose login no person can register (`:` is refused by login_problem).
struct TokenRequest {
  std::string name;                           // a–z, 0–9, _ - . as for logins
  std::optional<std::string> role;            // granted to the account when given
  std::optional<std::int64_t> scope_node_id;  // where the role holds; the street when absent
  std::optional<std::string> login;           // an existing account instead of a machine account
};
struct IssuedToken {
  std::int64_t user_id = 0;
  std::string login;
  std::int64_t scope_node_id = 0;  // 0 when no role was granted
  std::string token;               // shown once; only its digest is stored
};
inline constexpr const char* kMachineLoginPrefix = "token:";
// Checks everything before writing: 400 naming name or role (unknown role, or a scope without a
// role), 404 for an unknown node or login, 409 when the machine account exists. Audited.
IssuedToken add_token(store::Tx& tx, const TokenRequest& request, const std::string& actor);

// The user, with roles and scope names, as the API shows it.
Json user_json(store::Connection& connection, std::int64_t user_id, TimePoint now);
// The signed-in user as the apps read it (sign-in and GET /api/v1/me): as user_json, from what
// authentication already loaded, with "permissions": [{"scope_node_id", "permissions": [...]}, ...].
Json principal_json(store::Connection& connection, const Principal& principal);

}  // namespace weizhi::auth
