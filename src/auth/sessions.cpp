// Sessions, API tokens, password pool and login throttle.
#include "auth/sessions.hpp"

#include "core/crypto.hpp"

namespace weizhi::auth {

namespace {

constexpr auto kTouchInterval = std::chrono::minutes(1);

std::string cookie_attributes(const Settings& settings) {
  return std::string("; Path=/; HttpOnly; SameSite=Lax") + (settings.behind_tls_proxy ? "; Secure" : "");
}

bool constant_time_equal(const std::string& a, const std::string& b) {
  if (a.size() != b.size()) return false;
  unsigned char difference = 0;
  for (std::size_t i = 0; i < a.size(); ++i) difference |= static_cast<unsigned char>(a[i] ^ b[i]);
  return difference == 0;
}

}  // namespace

SessionLimits staff_session_limits(const Settings& settings) {
  return {std::chrono::minutes(settings.session_idle_minutes), std::chrono::hours(settings.session_absolute_hours)};
}

SessionLimits resident_session_limits(const Settings& settings) {
  std::chrono::minutes idle = std::chrono::days(settings.resident_session_days);
  return {idle, std::max<std::chrono::minutes>(idle, kResidentSessionCap)};
}

namespace {

// Only printable ASCII is kept: every name device_label knows is ASCII, and a cut through a UTF-8
// character, or bytes that are none, would not store as text on PostgreSQL.
std::string stored_user_agent(std::string_view header) {
  std::string kept;
  for (char c : header) {
    if (kept.size() == 256) break;
    if (c >= 0x20 && c < 0x7f) kept.push_back(c);
  }
  return kept;
}

}  // namespace

NewSession create_session(store::Tx& tx, std::int64_t user_id, const SessionLimits& limits,
                          std::string_view user_agent) {
  NewSession session;
  session.token = crypto::random_hex(32);
  session.csrf_token = crypto::random_hex(24);
  std::string now = iso_utc(tx.now());
  std::string expires = iso_utc(tx.now() + limits.absolute);
  session.id = tx.scalar(
      "INSERT INTO sessions (token_digest, user_id, csrf_token, created_at, last_seen_at, expires_at, user_agent, "
      "idle_minutes) VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
      {crypto::token_digest(session.token), user_id, session.csrf_token, now, now, expires,
       stored_user_agent(user_agent), static_cast<std::int64_t>(limits.idle.count())});
  return session;
}

void delete_session(store::Tx& tx, std::int64_t session_id) {
  tx.exec("DELETE FROM sessions WHERE id = ?", {session_id});
}

bool end_own_session(store::Tx& tx, std::int64_t user_id, std::int64_t session_id) {
  return tx.exec("DELETE FROM sessions WHERE id = ? AND user_id = ?", {session_id, user_id}) > 0;
}

std::int64_t end_sessions(store::Tx& tx, std::int64_t user_id, std::int64_t keep) {
  return tx.exec("DELETE FROM sessions WHERE user_id = ? AND id <> ?", {user_id, keep});
}

namespace {

// A session's own idle limit; those opened before sessions kept one follow the setting.
std::chrono::minutes idle_limit(const store::Row& row, std::size_t column, const Settings& settings) {
  return row.is_null(column) ? std::chrono::minutes(settings.session_idle_minutes)
                             : std::chrono::minutes(row.i64(column));
}

// Whether a session last used at `last_seen` (ISO text) and ending at `expires` is still valid at `now`.
bool session_valid(const std::string& last_seen, const std::string& expires, std::chrono::minutes idle, TimePoint now) {
  auto seen = parse_iso(last_seen);
  auto ends = parse_iso(expires);
  return seen && ends && now < *ends && now - *seen < idle;
}

}  // namespace

std::vector<DeviceSession> live_sessions(store::Connection& connection, std::int64_t user_id, const Settings& settings,
                                         TimePoint now) {
  std::vector<DeviceSession> sessions;
  for (const auto& row : connection.query("SELECT id, user_agent, created_at, last_seen_at, expires_at, idle_minutes "
                                          "FROM sessions WHERE user_id = ? AND expires_at > ? "
                                          "ORDER BY last_seen_at DESC, id DESC",
                                          {user_id, iso_utc(now)})) {
    if (!session_valid(row.text(3), row.text(4), idle_limit(row, 5, settings), now)) continue;
    sessions.push_back(
        DeviceSession{row.i64(0), row.is_null(1) ? std::string() : row.text(1), row.text(2), row.text(3)});
  }
  return sessions;
}

std::int64_t purge_ended_sessions(store::Tx& tx, TimePoint now) {
  std::int64_t purged = tx.exec("DELETE FROM sessions WHERE expires_at <= ?", {iso_utc(now)});
  std::vector<std::int64_t> idle;
  for (const auto& row : tx.query("SELECT id, last_seen_at, expires_at, idle_minutes FROM sessions "
                                  "WHERE idle_minutes IS NOT NULL")) {
    if (!session_valid(row.text(1), row.text(2), std::chrono::minutes(row.i64(3)), now)) idle.push_back(row.i64(0));
  }
  for (std::int64_t id : idle) purged += tx.exec("DELETE FROM sessions WHERE id = ?", {id});
  return purged;
}

std::string session_cookie(const std::string& token, const SessionLimits& limits, const Settings& settings) {
  return std::string(kSessionCookie) + "=" + token + cookie_attributes(settings) +
         "; Max-Age=" + std::to_string(std::chrono::duration_cast<std::chrono::seconds>(limits.absolute).count());
}

std::string expired_session_cookie(const Settings& settings) {
  return std::string(kSessionCookie) + "=" + cookie_attributes(settings) + "; Max-Age=0";
}

std::string create_api_token(store::Tx& tx, std::int64_t user_id, const std::string& name) {
  std::string token = "wzt_" + crypto::random_hex(32);
  tx.exec("INSERT INTO api_tokens (user_id, name, token_digest, created_at) VALUES (?, ?, ?, ?)",
          {user_id, name, crypto::token_digest(token), iso_utc(tx.now())});
  return token;
}

namespace {

// The role columns every principal query ends with, from role_assignments ra JOIN org_nodes n.
constexpr const char* kRoleColumns = "ra.id, ra.role, ra.scope_node_id, n.path, n.name, n.kind";
constexpr const char* kValidRole = "ra.valid_from <= ? AND (ra.valid_to IS NULL OR ra.valid_to > ?)";

// Adds the grant in columns first..first+5 of the row, when the row has one.
void add_grant(std::vector<RoleGrant>& roles, const store::Row& row, std::size_t first) {
  if (row.is_null(first)) return;
  roles.push_back(RoleGrant{row.i64(first), row.text(first + 1), row.i64(first + 2), row.text(first + 3),
                            row.text(first + 4), row.text(first + 5)});
}

}  // namespace

std::vector<RoleGrant> load_roles(store::Connection& connection, std::int64_t user_id, TimePoint now) {
  std::string at = iso_utc(now);
  std::vector<RoleGrant> roles;
  for (const auto& row : connection.query(std::string("SELECT ") + kRoleColumns +
                                              " FROM role_assignments ra JOIN org_nodes n ON n.id = ra.scope_node_id "
                                              "WHERE ra.user_id = ? AND " +
                                              kValidRole + " ORDER BY ra.id",
                                          {user_id, at, at})) {
    add_grant(roles, row, 0);
  }
  return roles;
}

namespace {

// Joins the user's roles valid at two `?` (the time, twice) to a query over users u.
std::string role_join() {
  return std::string(" LEFT JOIN role_assignments ra ON ra.user_id = u.id AND ") + kValidRole +
         " LEFT JOIN org_nodes n ON n.id = ra.scope_node_id ";
}

// Where the role columns start in a principal query: after the user's and the session's columns.
constexpr std::size_t kGrantColumn = 8;

// The user of the first row (columns 0–2) with the grants of every row (from kGrantColumn).
Principal principal_of_rows(const store::Rows& rows, Via via) {
  const store::Row& first = rows.front();
  Principal principal;
  principal.user_id = first.i64(0);
  principal.login = first.text(1);
  principal.display_name = first.text(2);
  principal.via = via;
  for (const auto& row : rows) add_grant(principal.roles, row, kGrantColumn);
  return principal;
}

}  // namespace

std::optional<Principal> principal_of_token(store::Connection& connection, const std::string& token, TimePoint now) {
  // One query: the token, its user and the user's current roles (one row per role, or one row
  // with NULL role columns).
  std::string at = iso_utc(now);
  auto rows =
      connection.query(std::string("SELECT u.id, u.login, u.display_name, 0, '', '', '', NULL, ") + kRoleColumns +
                           " FROM api_tokens t JOIN users u ON u.id = t.user_id" + role_join() +
                           "WHERE t.token_digest = ? AND t.revoked_at IS NULL AND u.disabled = 0 ORDER BY ra.id",
                       {at, at, crypto::token_digest(token)});
  if (rows.empty()) return std::nullopt;
  return principal_of_rows(rows, Via::ApiToken);
}

std::optional<Authentication> authenticate(store::Connection& connection, const http::Request& request,
                                           const Settings& settings, TimePoint now) {
  auto authorization = request.header("authorization");
  if (authorization && authorization->rfind("Bearer ", 0) == 0) {
    auto principal = principal_of_token(connection, std::string(authorization->substr(7)), now);
    if (!principal) return std::nullopt;
    return Authentication{std::move(*principal), false};
  }
  // One query per request: the session, its user and the user's current roles.
  std::string at = iso_utc(now);
  auto token = request.cookie(kSessionCookie);
  if (!token || token->empty()) return std::nullopt;
  auto rows = connection.query(std::string("SELECT u.id, u.login, u.display_name, s.id, s.csrf_token, s.last_seen_at, "
                                           "s.expires_at, s.idle_minutes, ") +
                                   kRoleColumns + " FROM sessions s JOIN users u ON u.id = s.user_id" + role_join() +
                                   "WHERE s.token_digest = ? AND u.disabled = 0 ORDER BY ra.id",
                               {at, at, crypto::token_digest(*token)});
  if (rows.empty()) return std::nullopt;
  const store::Row& first = rows.front();
  if (!session_valid(first.text(5), first.text(6), idle_limit(first, 7, settings), now)) return std::nullopt;
  Authentication result{principal_of_rows(rows, Via::Session), now - *parse_iso(first.text(5)) >= kTouchInterval};
  result.principal.session_id = first.i64(3);
  result.principal.csrf_token = first.text(4);
  return result;
}

void touch_session(store::Tx& tx, std::int64_t session_id) {
  tx.exec("UPDATE sessions SET last_seen_at = ? WHERE id = ?", {iso_utc(tx.now()), session_id});
}

std::string PasswordPool::hash(const std::string& password) {
  slots_.acquire();
  try {
    std::string result = crypto::hash_password(password);
    slots_.release();
    return result;
  } catch (...) {
    slots_.release();
    throw;
  }
}

bool PasswordPool::verify(const std::string& stored_hash, const std::string& password) {
  slots_.acquire();
  bool ok = crypto::verify_password(stored_hash, password);
  slots_.release();
  return ok;
}

std::optional<int> LoginThrottle::wait_for(std::deque<TimePoint>& failures, int limit, TimePoint now) {
  while (!failures.empty() && now - failures.front() >= std::chrono::minutes(1)) failures.pop_front();
  if (static_cast<int>(failures.size()) < limit) return std::nullopt;
  auto wait = std::chrono::duration_cast<std::chrono::seconds>(failures.front() + std::chrono::minutes(1) - now);
  return std::max<int>(1, static_cast<int>(wait.count()) + 1);
}

std::optional<int> LoginThrottle::retry_after(const std::string& login, const std::string& address, TimePoint now) {
  std::lock_guard lock(mutex_);
  auto by_login = wait_for(by_login_[login], per_login_, now);
  auto by_address = wait_for(by_address_[address], per_address_, now);
  // Entries with no recent failure are dropped, so the maps stay as small as the attack.
  if (by_login_[login].empty()) by_login_.erase(login);
  if (by_address_[address].empty()) by_address_.erase(address);
  if (!by_login && !by_address) return std::nullopt;
  return std::max(by_login.value_or(0), by_address.value_or(0));
}

void LoginThrottle::record_failure(const std::string& login, const std::string& address, bool account_exists,
                                   TimePoint now) {
  std::lock_guard lock(mutex_);
  by_login_[login].push_back(now);
  if (account_exists) by_address_[address].push_back(now);
}

void LoginThrottle::clear(const std::string& login) {
  std::lock_guard lock(mutex_);
  by_login_.erase(login);
}

bool csrf_matches(const std::string& expected, const std::string& given) {
  return constant_time_equal(expected, given);
}

}  // namespace weizhi::auth
