// Wiring of the application.
#include "app/app.hpp"

#include <map>
#include <mutex>

#include "app/jobs.hpp"
#include "app/modules.hpp"
#include "auth/sessions.hpp"
#include "core/crypto.hpp"
#include "http/dispatcher.hpp"
#include "http/server.hpp"
#include "store/migration.hpp"

namespace weizhi::app {

namespace {
crypto::DataKey load_key(const std::string& path) {
  if (path.empty()) {
    throw std::runtime_error(
        "no data key: set WEIZHI_DATA_KEY_FILE or --data-key-file (create one with `weizhi keygen FILE`)");
  }
  return crypto::DataKey::from_file(path);
}

// The list of each file, read by the first application of the process: a test binary starts one
// for every test, and reading cracklib's 54,763 words takes about 9 ms (50 under the sanitizers).
// A file that could not be read is tried again by the next application.
auth::CommonPasswords common_passwords(const std::string& path) {
  static std::mutex mutex;
  static std::map<std::string, auth::CommonPasswords> read;
  std::lock_guard lock(mutex);
  auto found = read.find(path);
  if (found != read.end()) return found->second;
  auth::CommonPasswords list = auth::load_common_passwords(path);
  if (list.size() > 0) read.emplace(path, list);
  return list;
}
}  // namespace

struct Application::Parts {
  Settings settings;
  const Clock& clock;
  crypto::DataKey data_key;
  store::Db db;
  auth::PasswordPool passwords;
  auth::LoginThrottle throttle;
  http::Services services;
  http::Router router;
  std::unique_ptr<http::Dispatcher> dispatcher;
  std::unique_ptr<http::Server> server;
  std::unique_ptr<JobRunner> jobs;

  Parts(Settings s, const Clock& c)
      : settings(std::move(s)),
        clock(c),
        data_key(load_key(settings.data_key_file)),
        db(settings.database_url, clock, store::DbOptions{settings.read_connections, 512}),
        passwords(common_passwords(settings.common_passwords_file)),
        throttle(settings.login_failures_per_minute, settings.login_failures_per_address_per_minute),
        services{db, clock, data_key, settings, passwords, throttle} {}
};

Application::Application(Settings settings, const Clock& clock) {
  crypto::init();
  parts_ = std::make_unique<Parts>(std::move(settings), clock);
  prepare_database(parts_->db);
  for (const auto& module : all_modules()) {
    if (module.routes) module.routes(parts_->router);
  }
  parts_->dispatcher = std::make_unique<http::Dispatcher>(parts_->router, parts_->services,
                                                          http::StaticFiles(parts_->settings.web_root));
}

Application::~Application() { stop(); }

void Application::start() {
  parts_->server = std::make_unique<http::Server>(*parts_->dispatcher, parts_->settings);
  parts_->server->start();
  if (parts_->settings.job_interval_seconds > 0) {
    parts_->jobs = std::make_unique<JobRunner>(parts_->db, parts_->data_key, all_jobs(),
                                               std::chrono::seconds(parts_->settings.job_interval_seconds));
    parts_->jobs->start();
  }
}

unsigned short Application::port() const { return parts_->server ? parts_->server->port() : 0; }

void Application::stop() {
  if (parts_ && parts_->jobs) parts_->jobs.reset();
  if (parts_ && parts_->server) {
    parts_->server->stop();
    parts_->server.reset();
  }
}

store::Db& Application::db() { return parts_->db; }
const Settings& Application::settings() const { return parts_->settings; }

std::vector<std::string> seed_demo(store::Db& db, const std::string& data_key_file, modules::SeedSize size) {
  crypto::init();
  crypto::DataKey key = load_key(data_key_file);
  auth::PasswordPool passwords;
  std::vector<std::string> report;
  db.transaction([&](store::Tx& tx) {
    if (tx.query_one("SELECT id FROM org_nodes LIMIT 1")) {
      throw std::runtime_error("the database already holds an org tree: seed an empty database");
    }
    modules::SeedContext seed{tx, key, passwords, report, size};
    for (const auto& module : all_modules()) {
      if (module.seed_demo) module.seed_demo(seed);
    }
  });
  return report;
}

}  // namespace weizhi::app

namespace weizhi::modules {
std::int64_t demo_user_id(store::Tx& tx, const std::string& login) {
  auto row = tx.query_one("SELECT id FROM users WHERE login = ?", {login});
  if (!row) throw std::runtime_error("demo seed: no demo account " + login);
  return row->i64(0);
}

std::int64_t SeedContext::node(const std::string& code) const {
  auto row = tx.query_one("SELECT id FROM org_nodes WHERE code = ?", {code});
  if (!row) throw std::runtime_error("demo seed: no org node with code " + code);
  return row->i64(0);
}
}  // namespace weizhi::modules
