// The services a request's context and the dispatcher need, over a throwaway SQLite database, for the
// unit tests of the HTTP layer; the folder named `purpose` is removed with it.
#pragma once
#include <array>
#include <filesystem>
#include <memory>
#include <string>

#include "auth/sessions.hpp"
#include "http/context.hpp"

struct HttpServices {
  std::filesystem::path folder;
  weizhi::SystemClock clock;
  std::unique_ptr<weizhi::store::Db> db;
  weizhi::crypto::DataKey key{std::array<unsigned char, 32>{}};
  weizhi::Settings settings;
  weizhi::auth::PasswordPool passwords;
  weizhi::auth::LoginThrottle throttle{5, 30};
  std::unique_ptr<weizhi::http::Services> services;

  explicit HttpServices(const std::string& purpose)
      : folder(std::filesystem::temp_directory_path() / ("weizhi-" + purpose + "-" + weizhi::crypto::random_hex(6))) {
    std::filesystem::create_directories(folder);
    db = std::make_unique<weizhi::store::Db>("sqlite:" + (folder / "street.db").string(), clock);
    services = std::make_unique<weizhi::http::Services>(
        weizhi::http::Services{*db, clock, key, settings, passwords, throttle});
  }
  ~HttpServices() {
    services.reset();
    db.reset();
    std::filesystem::remove_all(folder);
  }
};
