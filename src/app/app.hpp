// The assembled application: database, services, routes and HTTP server. `weizhi serve` runs
// one; the API tests run one in-process on an ephemeral port.
#pragma once
#include <memory>
#include <string>
#include <vector>

#include "core/settings.hpp"
#include "modules/module.hpp"
#include "store/db.hpp"

namespace weizhi::app {

class Application {
 public:
  // Opens the database and applies pending migrations. Throws std::runtime_error.
  Application(Settings settings, const Clock& clock);
  ~Application();

  void start();
  unsigned short port() const;
  void stop();

  store::Db& db();
  const Settings& settings() const;

 private:
  struct Parts;
  std::unique_ptr<Parts> parts_;
};

// Runs every module's demo seed in one transaction; returns the lines to print
// (demo logins). Throws std::runtime_error if the database already holds an org tree.
std::vector<std::string> seed_demo(store::Db& db, const std::string& data_key_file,
                                   modules::SeedSize size = modules::SeedSize::Demo);

}  // namespace weizhi::app
