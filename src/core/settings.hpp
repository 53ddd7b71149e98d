// Settings that change behaviour at run time, with their defaults. Filled from the TOML
// config file, WEIZHI_* environment variables and command-line flags by the app.
#pragma once
#include <cstddef>
#include <string>

namespace weizhi {

struct Settings {
  std::string database_url = "sqlite:weizhi.db";
  std::string listen = "127.0.0.1:8080";
  std::string web_root = "web/dist";
  std::string data_key_file;  // WEIZHI_DATA_KEY_FILE
  // Where uploaded photos are kept; instances sharing a database must share this folder too.
  std::string media_dir = "media";
  // TLS ends at a proxy in front: session cookies are Secure, and the client's address is the
  // last hop of X-Forwarded-For (the one the proxy appends), not the proxy's own.
  bool behind_tls_proxy = false;
  // The proxies whose X-Forwarded-For counts (comma-separated addresses and CIDR blocks, IPv4 and
  // IPv6): a request from any other peer is that peer's, whatever it claims.
  std::string trusted_proxies = "127.0.0.1/8, ::1";
  std::size_t io_threads = 0;       // 0: one per core
  std::size_t worker_threads = 64;  // request handlers; they block on the database
  std::size_t read_connections = 8;
  std::size_t max_connections = 4096;
  // Longer request targets get a JSON 414; past eight times this the parser closes the connection.
  std::size_t max_url_bytes = 8 * 1024;
  std::size_t max_header_bytes = 16 * 1024;
  std::size_t max_body_bytes = 1024 * 1024;  // routes may raise their own
  // Parser limit: above the largest route limit (20 MiB), so such bodies still get a JSON 413.
  std::size_t max_route_body_bytes = 32 * 1024 * 1024;
  int read_timeout_seconds = 30;
  int write_timeout_seconds = 30;
  int handler_timeout_seconds = 60;
  int session_idle_minutes = 120;
  int session_absolute_hours = 24;
  // A resident signed in by phone stays signed in while they use it at least this often (1–365 days).
  int resident_session_days = 30;
  int login_failures_per_minute = 5;  // per login
  // Per client address, failures on existing accounts only: many people may share one address.
  int login_failures_per_address_per_minute = 30;
  // One common password a line, refused for new passwords; Debian's cracklib-runtime has it.
  std::string common_passwords_file = "/usr/share/dict/cracklib-small";
  int shutdown_grace_seconds = 20;
  // How often `weizhi serve` looks for periodic jobs that are due; 0 runs none.
  int job_interval_seconds = 10;
  // Where residents' sign-in codes go (docs/operations.md#sms-codes): "aliyun", "tencent" or "file:PATH";
  // empty sends none, and a code request answers 503.
  std::string sms_provider;
  std::string sms_sign_name = "微治";  // 签名, as the provider approved it
  // The provider's template of the code message (Alibaba's TemplateCode, Tencent's TemplateId), whose one
  // parameter is the code; the file provider writes sms_message instead, {code} replaced.
  std::string sms_template;
  std::string sms_message = "您的登录验证码为 {code}，5 分钟内有效。如非本人操作，请忽略。";
  std::string sms_access_key_id;      // Alibaba's AccessKey ID, Tencent's SecretId
  std::string sms_access_key_secret;  // Alibaba's AccessKey secret, Tencent's SecretKey
  std::string sms_app_id;             // Tencent's SmsSdkAppId
  // Codes asked from one client address in an hour; many households may share one address (a NAT).
  int sms_codes_per_address_per_hour = 30;
  // A household invitation letter, redeemed, waits for the community to confirm the new phone before it is
  // registered (docs/modules/residents.md#invitation-letters); off, the phone is registered at once.
  bool invitation_needs_confirmation = false;
};

}  // namespace weizhi
