// The per-test server fixture.
#include "support/test_server.hpp"

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <string_view>

#include <spdlog/spdlog.h>

#include "app/jobs.hpp"
#include "audit/labels.hpp"
#include "core/error.hpp"
#include "core/crypto.hpp"
#include "support/images.hpp"

namespace weizhi::testing {

namespace {

const char* postgres_url() {
  const char* url = std::getenv("WEIZHI_TEST_DATABASE_URL");
  return url && *url ? url : nullptr;
}

// `url` with its database name replaced by `name` (postgresql://user@host:port/NAME?options).
std::string with_database(const std::string& url, const std::string& name) {
  std::size_t slash = url.find('/', url.find("://") + 3);
  std::size_t query = url.find('?', slash);
  return url.substr(0, slash + 1) + name + (query == std::string::npos ? "" : url.substr(query));
}

std::string database_name(const std::string& url) {
  std::size_t slash = url.find('/', url.find("://") + 3);
  return url.substr(slash + 1, url.find('?', slash) - slash - 1);
}

// Drops the database `name` on the server of `url`, closing its connections, and makes it again,
// as a copy of `copy_of` when given.
std::string remake_postgres_database(const std::string& url, const std::string& name, const std::string& copy_of = "") {
  SystemClock clock;
  store::Db maintenance(with_database(url, "postgres"), clock);
  auto connection = maintenance.connect();
  connection->exec("DROP DATABASE IF EXISTS \"" + name + "\" WITH (FORCE)");
  std::string create = "CREATE DATABASE \"" + name + "\"";
  if (!copy_of.empty()) {
    create += " TEMPLATE \"" + copy_of + "\"";
    // Since PostgreSQL 15 a copy is written through the WAL by default, twice as slow as copying the
    // files; the test server does not flush to disk anyway (scripts/pg-test.sh).
    if (connection->scalar("SELECT current_setting('server_version_num')::int") >= 150000)
      create += " STRATEGY FILE_COPY";
  }
  connection->exec(create);
  return with_database(url, name);
}

std::string make_folder(const std::string& purpose) {
  std::string pattern = (std::filesystem::temp_directory_path() / ("weizhi-" + purpose + "-XXXXXX")).string();
  return mkdtemp(pattern.data());
}

// A database of its own prepared as `weizhi seed` prepares one (every migration applied, the modules'
// grants in role_permissions), in `folder` on SQLite.
std::string migrated_database(const std::string& folder, const std::string& suffix, const Clock& clock) {
  std::string url = postgres_url() ? remake_postgres_database(postgres_url(), database_name(postgres_url()) + suffix)
                                   : "sqlite:" + folder + "/street" + suffix + ".db";
  store::Db db(url, clock);
  app::prepare_database(db);
  return url;
}

// The test street, seeded once with its data key: on SQLite a file each test copies, on PostgreSQL
// a template database each test's database is made from.
struct SeededStreet {
  std::string folder = make_folder("street");
  std::string key_file = folder + "/data.key";
  std::string url;

  SeededStreet() {
    crypto::DataKey::generate_file(key_file);
    SystemClock clock;
    url = migrated_database(folder, "_template", clock);
    store::Db db(url, clock);
    app::seed_demo(db, key_file, modules::SeedSize::Test);
    // The copies are of the main file alone: fold the write-ahead log into it first.
    if (!postgres_url()) db.read()->query("PRAGMA wal_checkpoint(TRUNCATE)");
  }
  ~SeededStreet() { std::filesystem::remove_all(folder); }

  std::string copy_into(const std::string& test_folder) const {
    if (postgres_url())
      return remake_postgres_database(postgres_url(), database_name(postgres_url()), database_name(url));
    std::string path = test_folder + "/test.db";
    std::filesystem::copy_file(*store::sqlite_path(url), path);
    return "sqlite:" + path;
  }
};

const SeededStreet& seeded_street() {
  static const SeededStreet street;
  return street;
}

struct SeededDemoStreet {
  std::string folder = make_folder("demo-street");
  SystemClock clock;
  std::unique_ptr<store::Db> db;
  std::unique_ptr<DemoStreet> street;

  SeededDemoStreet() {
    db = std::make_unique<store::Db>(migrated_database(folder, "_demo", clock), clock);
    auto started = std::chrono::steady_clock::now();
    auto report = app::seed_demo(*db, seeded_street().key_file, modules::SeedSize::Demo);
    double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    street = std::make_unique<DemoStreet>(DemoStreet{*db, std::move(report), seconds});
  }
  ~SeededDemoStreet() {
    db.reset();
    std::filesystem::remove_all(folder);
  }
};

}  // namespace

DemoStreet& demo_street() {
  // A suite named otherwise would seed the street again in the process of the fast tests.
  const ::testing::TestInfo* test = ::testing::UnitTest::GetInstance()->current_test_info();
  if (test && std::string_view(test->test_suite_name()).find("Demo") == std::string_view::npos)
    ADD_FAILURE() << "the demo street is for suites whose name holds \"Demo\" (see test_server.hpp), not "
                  << test->test_suite_name();
  crypto::init();
  static SeededDemoStreet seeded;
  return *seeded.street;
}

void ApiTest::SetUp() {
  crypto::init();
  spdlog::set_level(spdlog::level::warn);  // access lines would drown the test report
  const SeededStreet& street = seeded_street();
  folder_ = make_folder("test");
  settings_.database_url = street.copy_into(folder_);
  settings_.data_key_file = street.key_file;
  data_key_ = std::make_unique<crypto::DataKey>(crypto::DataKey::from_file(street.key_file));
  settings_.listen = "127.0.0.1:0";
  settings_.web_root = folder_ + "/web";
  settings_.media_dir = folder_ + "/media";
  settings_.worker_threads = 8;
  settings_.shutdown_grace_seconds = 5;
  // Jobs would change records under the tests; tests run them through JobRunner themselves.
  settings_.job_interval_seconds = 0;
  application_ = std::make_unique<app::Application>(settings_, clock_);
  application_->start();
}

void ApiTest::TearDown() {
  // Every action the software records in a test must have a name in the audit log's table, so no row
  // reads as a code (rows a test appends to the chain itself, as actor "test", are its own).
  for (const auto& row : db().read()->query("SELECT DISTINCT action FROM audit_log WHERE actor <> 'test'")) {
    if (!audit::action_label(row.text(0)))
      ADD_FAILURE() << "audit action without a name in src/audit/labels.cpp: " << row.text(0);
  }
  application_.reset();
  std::filesystem::remove_all(folder_);
}

std::int64_t ApiTest::count(const std::string& sql, const store::Params& params) {
  return db().read()->scalar(sql, params);
}

std::int64_t ApiTest::rows_in(const std::string& table) { return count("SELECT COUNT(*) FROM " + table); }

std::pair<int, std::string> ApiTest::refused_write(const std::function<void(store::Tx&)>& work,
                                                   const std::vector<std::string>& tables) {
  std::vector<std::int64_t> before;
  for (const auto& table : tables) before.push_back(rows_in(table));
  try {
    db().transaction(work);
  } catch (const ApiError& error) {
    for (std::size_t i = 0; i < tables.size(); ++i) EXPECT_EQ(rows_in(tables[i]), before[i]) << tables[i];
    return {error.status(), error.field()};
  }
  ADD_FAILURE() << "the write was not refused";
  return {0, ""};
}

std::string ApiTest::upload_photo(HttpClient& client, const std::string& salt) {
  // The pixels spell the salt's hash: photos are told apart by their pixels, not their metadata.
  auto reply =
      client.send("POST", "/api/v1/photos", images::png(8, 8, crypto::sha256_hex(salt)), {"Content-Type: image/png"});
  EXPECT_TRUE(reply.status == 201 || reply.status == 200) << reply.body;
  return reply.json().value("id", "");
}

bool ApiTest::run_job(const std::string& name, const Clock& clock) {
  store::Db job_db(settings_.database_url, clock);
  std::vector<modules::Job> jobs;
  for (auto& job : app::all_jobs())
    if (job.name == name) jobs.push_back(job);
  EXPECT_EQ(jobs.size(), 1u) << "no job " << name;
  app::JobRunner runner(job_db, data_key(), jobs, std::chrono::seconds(60));
  return !runner.run_due().empty();
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

std::int64_t ApiTest::person_under(const std::string& code) {
  auto list = signed_in("admin")->get("/api/v1/people?node=" + std::to_string(node(code)));
  EXPECT_EQ(list.status, 200) << list.body;
  nlohmann::json items = list.json()["items"];
  EXPECT_FALSE(items.empty()) << "nobody registered under " << code;
  return items.empty() ? 0 : items[0]["id"].get<std::int64_t>();
}

}  // namespace weizhi::testing
