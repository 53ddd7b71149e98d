// Sign-in state: session cookies (token digest stored, idle and absolute expiry kept per session,
// CSRF token, the signed-in devices), API tokens for machine clients, the bounded argon2id pool and per-account / per-address
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
#include <string_view>
#include <vector>

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

// How long a session lives: unused for `idle` it ends, and `absolute` after sign-in whatever its use.
struct SessionLimits {
  std::chrono::minutes idle;
  std::chrono::minutes absolute;
};
// A resident's session lasts while used, but not past this long after sign-in (nor past its idle
// limit when resident_session_days is longer still): a lost phone's session ends some day.
inline constexpr std::chrono::days kResidentSessionCap{180};
// Staff: session_idle_minutes and session_absolute_hours.
SessionLimits staff_session_limits(const Settings& settings);
// A resident signed in by phone: resident_session_days unused, within kResidentSessionCap.
SessionLimits resident_session_limits(const Settings& settings);

// Opens a session that keeps `limits` whatever the settings later say; the User-Agent header is kept
// (printable ASCII, at most 256 bytes) to name the device in the list of signed-in devices.
NewSession create_session(store::Tx& tx, std::int64_t user_id, const SessionLimits& limits,
                          std::string_view user_agent);
void delete_session(store::Tx& tx, std::int64_t session_id);
// Ends the session `session_id` if it is one of the user's; false when it is not (or is gone).
bool end_own_session(store::Tx& tx, std::int64_t user_id, std::int64_t session_id);

// One live session of a user, as the list of signed-in devices shows it.
struct DeviceSession {
  std::int64_t id;
  std::string user_agent;
  std::string created_at;
  std::string last_seen_at;
};
// The user's sessions still valid at `now`, most recently used first.
std::vector<DeviceSession> live_sessions(store::Connection& connection, std::int64_t user_id, const Settings& settings,
                                         TimePoint now);
// Signs the user out everywhere but in `keep` (a session id; 0 keeps none), as a password change
// must: whoever held the old password is out. Returns how many sessions ended.
std::int64_t end_sessions(store::Tx& tx, std::int64_t user_id, std::int64_t keep = 0);
// Deletes the sessions that ended by `now`: past their absolute limit, or unused for longer than their
// idle limit (a session opened before sessions kept their own idle limit ends at its absolute one here).
// Returns how many were deleted.
std::int64_t purge_ended_sessions(store::Tx& tx, TimePoint now);
// The cookie lives as long as the session can: its absolute limit.
std::string session_cookie(const std::string& token, const SessionLimits& limits, const Settings& settings);
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
