// Settings from TOML and the environment.
#include "app/config.hpp"

#include <toml++/toml.h>

#include <cstdlib>
#include <functional>
#include <stdexcept>

namespace weizhi::app {

namespace {

// One setting: its TOML key, its environment variable, and how to apply a text value.
struct Binding {
  const char* key;
  const char* env;
  std::function<void(Settings&, const std::string&)> apply;
};

std::size_t to_size(const std::string& name, const std::string& value) {
  try {
    std::size_t used = 0;
    long long parsed = std::stoll(value, &used);
    if (used != value.size() || parsed < 0) throw std::invalid_argument(value);
    return static_cast<std::size_t>(parsed);
  } catch (const std::exception&) {
    throw std::runtime_error(name + " must be a non-negative whole number, got '" + value + "'");
  }
}

bool to_bool(const std::string& name, const std::string& value) {
  if (value == "1" || value == "true" || value == "yes") return true;
  if (value == "0" || value == "false" || value == "no") return false;
  throw std::runtime_error(name + " must be true or false, got '" + value + "'");
}

const std::vector<Binding>& bindings() {
  static const std::vector<Binding> list{
      {"db", "WEIZHI_DB", [](Settings& s, const std::string& v) { s.database_url = v; }},
      {"listen", "WEIZHI_LISTEN", [](Settings& s, const std::string& v) { s.listen = v; }},
      {"web_root", "WEIZHI_WEB_ROOT", [](Settings& s, const std::string& v) { s.web_root = v; }},
      {"data_key_file", "WEIZHI_DATA_KEY_FILE", [](Settings& s, const std::string& v) { s.data_key_file = v; }},
      {"behind_tls_proxy", "WEIZHI_BEHIND_TLS_PROXY",
       [](Settings& s, const std::string& v) { s.behind_tls_proxy = to_bool("behind_tls_proxy", v); }},
      {"io_threads", "WEIZHI_IO_THREADS",
       [](Settings& s, const std::string& v) { s.io_threads = to_size("io_threads", v); }},
      {"worker_threads", "WEIZHI_WORKER_THREADS",
       [](Settings& s, const std::string& v) {
         s.worker_threads = std::max<std::size_t>(1, to_size("worker_threads", v));
       }},
      {"read_connections", "WEIZHI_READ_CONNECTIONS",
       [](Settings& s, const std::string& v) {
         s.read_connections = std::max<std::size_t>(1, to_size("read_connections", v));
       }},
      {"max_connections", "WEIZHI_MAX_CONNECTIONS",
       [](Settings& s, const std::string& v) { s.max_connections = to_size("max_connections", v); }},
      {"max_url_bytes", "WEIZHI_MAX_URL_BYTES",
       [](Settings& s, const std::string& v) {
         s.max_url_bytes = std::max<std::size_t>(256, to_size("max_url_bytes", v));
       }},
      {"max_body_bytes", "WEIZHI_MAX_BODY_BYTES",
       [](Settings& s, const std::string& v) { s.max_body_bytes = to_size("max_body_bytes", v); }},
      {"session_idle_minutes", "WEIZHI_SESSION_IDLE_MINUTES",
       [](Settings& s, const std::string& v) {
         s.session_idle_minutes = static_cast<int>(to_size("session_idle_minutes", v));
       }},
      {"session_absolute_hours", "WEIZHI_SESSION_ABSOLUTE_HOURS",
       [](Settings& s, const std::string& v) {
         s.session_absolute_hours = static_cast<int>(to_size("session_absolute_hours", v));
       }},
      {"login_failures_per_minute", "WEIZHI_LOGIN_FAILURES_PER_MINUTE",
       [](Settings& s, const std::string& v) {
         s.login_failures_per_minute = static_cast<int>(to_size("login_failures_per_minute", v));
       }},
      {"login_failures_per_address_per_minute", "WEIZHI_LOGIN_FAILURES_PER_ADDRESS_PER_MINUTE",
       [](Settings& s, const std::string& v) {
         s.login_failures_per_address_per_minute =
             static_cast<int>(to_size("login_failures_per_address_per_minute", v));
       }},
      {"shutdown_grace_seconds", "WEIZHI_SHUTDOWN_GRACE_SECONDS",
       [](Settings& s, const std::string& v) {
         s.shutdown_grace_seconds = static_cast<int>(to_size("shutdown_grace_seconds", v));
       }},
      {"media_dir", "WEIZHI_MEDIA_DIR", [](Settings& s, const std::string& v) { s.media_dir = v; }},
      {"common_passwords_file", "WEIZHI_COMMON_PASSWORDS_FILE",
       [](Settings& s, const std::string& v) { s.common_passwords_file = v; }},
      {"job_interval_seconds", "WEIZHI_JOB_INTERVAL_SECONDS",
       [](Settings& s, const std::string& v) {
         s.job_interval_seconds = static_cast<int>(to_size("job_interval_seconds", v));
       }},
  };
  return list;
}

std::string toml_text(const toml::node& node, const std::string& key) {
  if (auto text = node.value<std::string>()) return *text;
  if (auto number = node.value<std::int64_t>()) return std::to_string(*number);
  if (auto flag = node.value<bool>()) return *flag ? "true" : "false";
  throw std::runtime_error("config key " + key + " must be a string, number or boolean");
}

}  // namespace

Settings load_settings(const std::optional<std::string>& config_file) {
  Settings settings;
  std::optional<std::string> file = config_file;
  if (!file) {
    if (const char* env = std::getenv("WEIZHI_CONFIG")) file = env;
  }
  if (file) {
    toml::table table;
    try {
      table = toml::parse_file(*file);
    } catch (const toml::parse_error& error) {
      throw std::runtime_error("cannot read config " + *file + ": " + std::string(error.description()));
    }
    for (auto&& [key, node] : table) {
      std::string name(key.str());
      auto it = std::find_if(bindings().begin(), bindings().end(), [&](const Binding& b) { return name == b.key; });
      if (it == bindings().end()) throw std::runtime_error("unknown config key '" + name + "' in " + *file);
      it->apply(settings, toml_text(node, name));
    }
  }
  for (const auto& binding : bindings()) {
    if (const char* value = std::getenv(binding.env)) binding.apply(settings, value);
  }
  return settings;
}

}  // namespace weizhi::app
