// Accounts and role assignments: the rules for logins and passwords, and their storage.
#pragma once
#include <cstdint>
#include <optional>
#include <string>

#include "auth/principal.hpp"
#include "core/json.hpp"
#include "store/db.hpp"

namespace weizhi::auth {

// Rules. Each returns nullopt when the value is acceptable, else the Chinese message.
std::optional<std::string> login_problem(const std::string& login);
std::optional<std::string> password_problem(const std::string& password);

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
// Throws ApiError 400 for an unknown role, 404 for an unknown node. Returns the assignment id.
std::int64_t assign_role(store::Tx& tx, std::int64_t user_id, const std::string& role, std::int64_t scope_node_id);

// The user, with roles and scope names, as the API shows it.
Json user_json(store::Connection& connection, std::int64_t user_id, TimePoint now);
// The same for the signed-in principal, from what authentication already loaded.
Json principal_json(const Principal& principal);

}  // namespace weizhi::auth
