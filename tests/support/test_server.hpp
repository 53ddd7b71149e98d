// A fresh Weizhi for each API test: an in-process server on an ephemeral port over a new
// database — a temporary SQLite file, or the PostgreSQL named by WEIZHI_TEST_DATABASE_URL
// (emptied first) — seeded with the demo street and accounts.
#pragma once
#include <memory>
#include <string>

#include <gtest/gtest.h>

#include "app/app.hpp"
#include "app/modules.hpp"
#include "store/migration.hpp"
#include "support/http_client.hpp"

namespace weizhi::testing {

class ApiTest : public ::testing::Test {
 protected:
  void SetUp() override;
  void TearDown() override;

  std::string base_url() const;
  // A client signed in as a demo account (password weizhi-demo); fails the test if sign-in fails.
  std::unique_ptr<HttpClient> signed_in(const std::string& login);
  std::unique_ptr<HttpClient> anonymous();
  store::Db& db() { return application_->db(); }
  // The org node with this code in the demo street.
  std::int64_t node(const std::string& code);
  bool on_postgres() const;
  // Uploads a small PNG (its bytes vary with `salt`) through POST /api/v1/photos; returns its id.
  std::string upload_photo(HttpClient& client, const std::string& salt);

  std::string folder_;
  Settings settings_;
  SystemClock clock_;
  std::unique_ptr<app::Application> application_;
};

// The database URL for tests: WEIZHI_TEST_DATABASE_URL (emptied) or a SQLite file in `folder`.
std::string fresh_database(const std::string& folder);
// A key file in `folder`, made on first use.
std::string test_key_file(const std::string& folder);

}  // namespace weizhi::testing
