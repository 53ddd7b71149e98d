// A fresh Weizhi for each API test: an in-process server on an ephemeral port over a new
// database — a temporary SQLite file, or the PostgreSQL database named by WEIZHI_TEST_DATABASE_URL
// (dropped and made again) — holding the test street and accounts. The street is seeded once per
// test binary and copied for each test, which is what keeps the suites fast on PostgreSQL.
#pragma once
#include <functional>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include <gtest/gtest.h>

#include "app/app.hpp"
#include "app/modules.hpp"
#include "core/crypto.hpp"
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
  // The test street's data key, for the job runners tests make themselves.
  const crypto::DataKey& data_key() const { return *data_key_; }
  // The org node with this code in the demo street.
  std::int64_t node(const std::string& code);
  // The first person registered inside the node with this code, as the street admin lists them.
  std::int64_t person_under(const std::string& code);
  bool on_postgres() const;
  // The single number `sql` answers, e.g. a COUNT(*).
  std::int64_t count(const std::string& sql, const store::Params& params = {});
  // How many rows `table` holds.
  std::int64_t rows_in(const std::string& table);
  // Runs `work` in one transaction that must be refused: answers the refusal's status and field, and
  // fails the test when nothing was refused or a row was left in or taken from one of `tables`.
  std::pair<int, std::string> refused_write(const std::function<void(store::Tx&)>& work,
                                            const std::vector<std::string>& tables);
  // Uploads a small PNG (its bytes vary with `salt`) through POST /api/v1/photos; returns its id.
  std::string upload_photo(HttpClient& client, const std::string& salt);
  // Runs the periodic job `name`, and no other, once as an instance whose clock reads `clock`;
  // returns whether it ran (not when its period was claimed already).
  bool run_job(const std::string& name, const Clock& clock);

  std::string folder_;
  Settings settings_;
  SystemClock clock_;
  std::unique_ptr<app::Application> application_;
  std::unique_ptr<crypto::DataKey> data_key_;
};

// The full demo street (SeedSize::Demo), seeded once per test binary into a database of its own and
// shared by the tests that check the article's figures; they only read it. Only a test whose suite
// name holds "Demo" may ask for it: the test run gives those suites a process of their own
// (`--gtest_filter='*Demo*.*'`) beside the others, since seeding takes minutes on PostgreSQL.
struct DemoStreet {
  store::Db& db;
  std::vector<std::string> report;  // the seeding's own summary lines
  double seed_seconds;
};
DemoStreet& demo_street();

}  // namespace weizhi::testing
