// The per-test server fixture.
#include "support/test_server.hpp"

#include <cstdlib>
#include <filesystem>

#include <spdlog/spdlog.h>

#include "core/crypto.hpp"

namespace weizhi::testing {

std::string fresh_database(const std::string& folder) {
  const char* url = std::getenv("WEIZHI_TEST_DATABASE_URL");
  if (url && *url) {
    SystemClock clock;
    store::Db db(url, clock);
    auto connection = db.connect();
    connection->exec("DROP SCHEMA IF EXISTS public CASCADE");
    connection->exec("CREATE SCHEMA public");
    return url;
  }
  return "sqlite:" + folder + "/test.db";
}

std::string test_key_file(const std::string& folder) {
  std::string path = folder + "/data.key";
  if (!std::filesystem::exists(path)) crypto::DataKey::generate_file(path);
  return path;
}

void ApiTest::SetUp() {
  crypto::init();
  spdlog::set_level(spdlog::level::warn);  // access lines would drown the test report
  char pattern[] = "/tmp/weizhi-test-XXXXXX";
  folder_ = mkdtemp(pattern);
  settings_.database_url = fresh_database(folder_);
  settings_.data_key_file = test_key_file(folder_);
  settings_.listen = "127.0.0.1:0";
  settings_.web_root = folder_ + "/web";
  settings_.media_dir = folder_ + "/media";
  settings_.worker_threads = 8;
  settings_.shutdown_grace_seconds = 5;
  // Jobs would change records under the tests; tests run them through JobRunner themselves.
  settings_.job_interval_seconds = 0;
  {
    store::Db seed_db(settings_.database_url, clock_);
    store::apply_migrations(seed_db, app::all_migrations());
    app::seed_demo(seed_db, settings_.data_key_file, modules::SeedSize::Test);
  }
  application_ = std::make_unique<app::Application>(settings_, clock_);
  application_->start();
}

void ApiTest::TearDown() {
  application_.reset();
  std::filesystem::remove_all(folder_);
}

std::string ApiTest::upload_photo(HttpClient& client, const std::string& salt) {
  auto reply = client.send("POST", "/api/v1/photos", std::string("\x89PNG\r\n\x1A\n", 8) + "photo " + salt,
                           {"Content-Type: image/png"});
  EXPECT_TRUE(reply.status == 201 || reply.status == 200) << reply.body;
  return reply.json().value("id", "");
}

bool ApiTest::on_postgres() const { return settings_.database_url.rfind("postgres", 0) == 0; }

std::string ApiTest::base_url() const { return "http://127.0.0.1:" + std::to_string(application_->port()); }

std::unique_ptr<HttpClient> ApiTest::anonymous() { return std::make_unique<HttpClient>(base_url()); }

std::unique_ptr<HttpClient> ApiTest::signed_in(const std::string& login) {
  auto client = anonymous();
  Reply reply = client->login(login, "weizhi-demo");
  EXPECT_EQ(reply.status, 200) << "sign-in as " << login << " failed: " << reply.body;
  return client;
}

std::int64_t ApiTest::node(const std::string& code) {
  auto lease = db().read();
  auto row = lease->query_one("SELECT id FROM org_nodes WHERE code = ?", {code});
  EXPECT_TRUE(row.has_value()) << "no org node " << code;
  return row ? row->i64(0) : 0;
}

}  // namespace weizhi::testing
