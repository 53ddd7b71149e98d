// The storage layer on the real databases: group commit isolates failures, concurrent writes
// keep the audit chain whole, values round-trip, migrations are idempotent, SQLite backups.
#include <thread>

#include "app/modules.hpp"
#include "audit/audit.hpp"
#include "core/error.hpp"
#include "store/backup.hpp"
#include "store/migration.hpp"
#include "support/test_server.hpp"

using weizhi::testing::ApiTest;
namespace store = weizhi::store;

class StoreTest : public ApiTest {};

TEST_F(StoreTest, AFailingWriteIsUndoneAloneWhileOthersInTheBatchCommit) {
  auto before = db().read()->scalar("SELECT COUNT(*) FROM org_nodes");
  std::vector<std::thread> threads;
  std::atomic<int> failures{0};
  for (int i = 0; i < 20; ++i) {
    threads.emplace_back([&, i] {
      try {
        db().write([&](store::Tx& tx) {
          tx.exec("INSERT INTO org_nodes (parent_id, kind, name, created_at) VALUES (NULL, 'street', ?, 'x')",
                  {"n" + std::to_string(i)});
          weizhi::audit::record(tx, "test", "t", "e", {{"i", i}});
          if (i % 2 == 1) throw weizhi::ApiError(400, "invalid_field", "odd", "i");
        });
      } catch (const weizhi::ApiError&) {
        ++failures;
      }
    });
  }
  for (auto& thread : threads) thread.join();
  EXPECT_EQ(failures.load(), 10);
  EXPECT_EQ(db().read()->scalar("SELECT COUNT(*) FROM org_nodes"), before + 10);
  auto verified = weizhi::audit::verify(*db().read());
  EXPECT_TRUE(verified.intact) << verified.reason;
}

TEST_F(StoreTest, AConstraintViolationBecomesItsOwnError) {
  EXPECT_THROW(db().write([](store::Tx& tx) {
    tx.exec("INSERT INTO org_nodes (kind, name, code, created_at) VALUES ('street', 'a', 'street', 'x')");
  }),
               store::ConstraintViolation);
}

TEST_F(StoreTest, ManyConcurrentAuditedWritesKeepTheChainContiguous) {
  std::vector<std::thread> threads;
  for (int t = 0; t < 8; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 25; ++i) {
        db().write([&](store::Tx& tx) { weizhi::audit::record(tx, "test", "load", "t" + std::to_string(t), {}); });
      }
    });
  }
  for (auto& thread : threads) thread.join();
  auto lease = db().read();
  EXPECT_EQ(lease->scalar("SELECT COUNT(*) FROM audit_log WHERE action = 'load'"), 200);
  EXPECT_EQ(lease->scalar("SELECT MAX(seq) FROM audit_log"), lease->scalar("SELECT COUNT(*) FROM audit_log"));
  EXPECT_TRUE(weizhi::audit::verify(*lease).intact);
}

TEST_F(StoreTest, LargeIntegersTextAndNullsRoundTrip) {
  const std::int64_t big = 9'000'000'000'123LL;
  db().write([&](store::Tx& tx) {
    tx.exec("INSERT INTO org_nodes (id, kind, name, code, created_at) VALUES (?, 'street', ?, NULL, 'x')",
            {big, "引号' \" 和 \\ 反斜杠"});
  });
  auto row = db().read()->query_one("SELECT id, name, code FROM org_nodes WHERE id = ?", {big});
  ASSERT_TRUE(row);
  EXPECT_EQ(row->i64(0), big);
  EXPECT_EQ(row->text(1), "引号' \" 和 \\ 反斜杠");
  EXPECT_TRUE(row->is_null(2));
}

TEST_F(StoreTest, MigrationsAreAppliedOnce) {
  EXPECT_EQ(store::apply_migrations(db(), weizhi::app::all_migrations()), 0);
  EXPECT_TRUE(store::migrations_current(db(), weizhi::app::all_migrations()));
}

TEST_F(StoreTest, SqliteOnlineBackupRestoresTheSameData) {
  if (on_postgres()) GTEST_SKIP() << "PostgreSQL deployments back up with pg_dump";
  auto path = *store::sqlite_path(settings_.database_url);
  std::string backup = folder_ + "/backup.db";
  store::backup_sqlite(path, backup);
  std::string restored = folder_ + "/restored.db";
  store::restore_sqlite(backup, restored);
  store::Db copy("sqlite:" + restored, clock_);
  EXPECT_EQ(copy.read()->scalar("SELECT COUNT(*) FROM users"), db().read()->scalar("SELECT COUNT(*) FROM users"));
  EXPECT_TRUE(weizhi::audit::verify(*copy.read()).intact);
}
