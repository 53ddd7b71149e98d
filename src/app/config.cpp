// Settings from TOML and the environment.
#include "app/config.hpp"

#include <toml++/toml.h>

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <functional>
#include <stdexcept>

#include "core/networks.hpp"

namespace weizhi::app {

namespace {

// One setting: its TOML key, and how to apply a text value. Its environment variable is the key in
// capitals after WEIZHI_ (db: WEIZHI_DB).
struct Binding {
  const char* key;
  std::function<void(Settings&, const std::string&)> apply;
};

std::string env_name(const Binding& binding) {
  std::string name = "WEIZHI_";
  for (const char* c = binding.key; *c; ++c) name += static_cast<char>(std::toupper(static_cast<unsigned char>(*c)));
  return name;
}

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

Binding text(const char* key, std::string Settings::*field) {
  return {key, [field](Settings& s, const std::string& v) { s.*field = v; }};
}

Binding flag(const char* key, bool Settings::*field) {
  return {key, [key, field](Settings& s, const std::string& v) { s.*field = to_bool(key, v); }};
}

// A count the server needs at least `least` of, so a smaller one is raised to it.
Binding count(const char* key, std::size_t Settings::*field, std::size_t least = 0) {
  return {key, [=](Settings& s, const std::string& v) { s.*field = std::max(least, to_size(key, v)); }};
}

Binding count(const char* key, int Settings::*field) {
  return {key, [key, field](Settings& s, const std::string& v) { s.*field = static_cast<int>(to_size(key, v)); }};
}

// Addresses and CIDR blocks, checked here so that a malformed entry stops the start naming the setting.
Binding networks(const char* key, std::string Settings::*field) {
  return {key, [=](Settings& s, const std::string& v) {
            try {
              net::parse_networks(v);
            } catch (const std::invalid_argument& error) {
              throw std::runtime_error(std::string(key) + ": " + error.what());
            }
            s.*field = v;
          }};
}

// A whole number that must lie in [least, most]; one outside is refused rather than silently moved.
Binding within(const char* key, int Settings::*field, int least, int most) {
  return {key, [=](Settings& s, const std::string& v) {
            std::size_t parsed = to_size(key, v);
            if (parsed < static_cast<std::size_t>(least) || parsed > static_cast<std::size_t>(most)) {
              throw std::runtime_error(std::string(key) + " must be from " + std::to_string(least) + " to " +
                                       std::to_string(most) + ", got '" + v + "'");
            }
            s.*field = static_cast<int>(parsed);
          }};
}

const std::vector<Binding>& bindings() {
  static const std::vector<Binding> list{
      text("db", &Settings::database_url),
      text("listen", &Settings::listen),
      text("web_root", &Settings::web_root),
      text("data_key_file", &Settings::data_key_file),
      flag("behind_tls_proxy", &Settings::behind_tls_proxy),
      networks("trusted_proxies", &Settings::trusted_proxies),
      count("io_threads", &Settings::io_threads),
      count("worker_threads", &Settings::worker_threads, 1),
      count("read_connections", &Settings::read_connections, 1),
      count("max_connections", &Settings::max_connections),
      count("max_url_bytes", &Settings::max_url_bytes, 256),
      count("max_body_bytes", &Settings::max_body_bytes),
      count("session_idle_minutes", &Settings::session_idle_minutes),
      count("session_absolute_hours", &Settings::session_absolute_hours),
      within("resident_session_days", &Settings::resident_session_days, 1, 365),
      count("login_failures_per_minute", &Settings::login_failures_per_minute),
      count("login_failures_per_address_per_minute", &Settings::login_failures_per_address_per_minute),
      count("shutdown_grace_seconds", &Settings::shutdown_grace_seconds),
      text("media_dir", &Settings::media_dir),
      text("common_passwords_file", &Settings::common_passwords_file),
      count("job_interval_seconds", &Settings::job_interval_seconds),
      text("sms_provider", &Settings::sms_provider),
      text("sms_sign_name", &Settings::sms_sign_name),
      text("sms_template", &Settings::sms_template),
      text("sms_message", &Settings::sms_message),
      text("sms_access_key_id", &Settings::sms_access_key_id),
      text("sms_access_key_secret", &Settings::sms_access_key_secret),
      text("sms_app_id", &Settings::sms_app_id),
      count("sms_codes_per_address_per_hour", &Settings::sms_codes_per_address_per_hour),
      flag("invitation_needs_confirmation", &Settings::invitation_needs_confirmation),
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
    if (const char* value = std::getenv(env_name(binding).c_str())) binding.apply(settings, value);
  }
  return settings;
}

}  // namespace weizhi::app
