// Sign-in state: session cookies (token digest stored, idle and absolute expiry, CSRF token),
// API tokens for machine clients, the bounded argon2id pool and per-account / per-address
// login throttling.
#pragma once
#include <chrono>
#include <cstdint>
#include <deque>
#include <map>
#include <mutex>
#include <optional>
#include <semaphore>
#include <string>

#include "auth/accounts.hpp"
#include "auth/principal.hpp"
#include "core/settings.hpp"
#include "core/time.hpp"
#include "http/message.hpp"
#include "store/db.hpp"

namespace weizhi::auth {

inline constexpr const char* kSessionCookie = "weizhi_session";

struct NewSession {
  std::int64_t id;
  std::string token;  // goes to the cookie; only its digest is stored
  std::string csrf_token;
};

NewSession create_session(store::Tx& tx, std::int64_t user_id, const Settings& settings);
void delete_session(store::Tx& tx, std::int64_t session_id);
// Signs the user out everywhere but in `keep` (a session id; 0 keeps none), as a password change
// must: whoever held the old password is out. Returns how many sessions ended.
std::int64_t end_sessions(store::Tx& tx, std::int64_t user_id, std::int64_t keep = 0);
std::string session_cookie(const std::string& token, const Settings& settings);
std::string expired_session_cookie(const Settings& settings);

// Creates an API token for a user; returns the token, shown once.
std::string create_api_token(store::Tx& tx, std::int64_t user_id, const std::string& name);

struct Authentication {
  Principal principal;
  bool session_needs_touch = false;  // last_seen_at is stale enough to be refreshed
};

// The principal an API token stands for, with its roles valid at `now`; nullopt when the token is
// unknown or revoked or its user disabled. The one lookup of tokens: Bearer headers and Open311's
// api_key both go through it.
std::optional<Principal> principal_of_token(store::Connection& connection, const std::string& token, TimePoint now);

// Finds the principal of a request from its session cookie or `Authorization: Bearer` token.
// nullopt when neither is present or valid (expired, revoked, disabled user).
std::optional<Authentication> authenticate(store::Connection& connection, const http::Request& request,
                                           const Settings& settings, TimePoint now);
void touch_session(store::Tx& tx, std::int64_t session_id);
// The roles valid at `now`, with their scope paths.
std::vector<RoleGrant> load_roles(store::Connection& connection, std::int64_t user_id, TimePoint now);

// Passwords for the routes: bounds how many argon2id computations run at once (each takes
// 64 MiB), and holds the common-password list, loaded once at start, that new passwords are
// checked against.
class PasswordPool {
 public:
  explicit PasswordPool(CommonPasswords common = {}, std::ptrdiff_t concurrent = 2)
      : common_(std::move(common)), slots_(concurrent) {}
  std::string hash(const std::string& password);
  bool verify(const std::string& stored_hash, const std::string& password);
  // password_problem against the list.
  std::optional<std::string> problem(const std::string& login, const std::string& password) const {
    return password_problem(login, password, common_);
  }

 private:
  const CommonPasswords common_;
  std::counting_semaphore<64> slots_;
};

// Failed sign-ins per login and per client address in a sliding minute. Kept in memory: each
// instance throttles on its own (docs/operations.md). A login is blocked after a few failures; an
// address only after many more, and only failures on existing accounts count against it: a
// guess at a login that names no account breaks into nothing, and counting it per address
// would let one person lock out everybody sharing that address (an office behind one NAT).
class LoginThrottle {
 public:
  LoginThrottle(int failures_per_login, int failures_per_address)
      : per_login_(failures_per_login), per_address_(failures_per_address) {}
  // Seconds to wait before another attempt, or nullopt if one is allowed now.
  std::optional<int> retry_after(const std::string& login, const std::string& address, TimePoint now);
  void record_failure(const std::string& login, const std::string& address, bool account_exists, TimePoint now);
  void clear(const std::string& login);

 private:
  static std::optional<int> wait_for(std::deque<TimePoint>& failures, int limit, TimePoint now);
  int per_login_;
  int per_address_;
  std::mutex mutex_;
  std::map<std::string, std::deque<TimePoint>> by_login_;
  std::map<std::string, std::deque<TimePoint>> by_address_;
};

}  // namespace weizhi::auth

namespace weizhi::auth {
// Constant-time comparison of the session's CSRF token with the request's header.
bool csrf_matches(const std::string& expected, const std::string& given);
}  // namespace weizhi::auth
