// SQLite backup API, page by page, retrying while the source is busy.
#include "store/backup.hpp"

#include <sqlite3.h>

#include <stdexcept>

namespace weizhi::store {

namespace {

void copy(const std::string& from_path, const std::string& to_path, int from_flags) {
  sqlite3* from = nullptr;
  sqlite3* to = nullptr;
  auto close_both = [&] {
    if (from) sqlite3_close(from);
    if (to) sqlite3_close(to);
  };
  if (sqlite3_open_v2(from_path.c_str(), &from, from_flags, nullptr) != SQLITE_OK) {
    std::string message = "cannot open " + from_path + ": " + sqlite3_errmsg(from);
    close_both();
    throw std::runtime_error(message);
  }
  if (sqlite3_open_v2(to_path.c_str(), &to, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr) != SQLITE_OK) {
    std::string message = "cannot open " + to_path + ": " + sqlite3_errmsg(to);
    close_both();
    throw std::runtime_error(message);
  }
  sqlite3_busy_timeout(from, 10000);
  sqlite3_busy_timeout(to, 10000);
  sqlite3_backup* backup = sqlite3_backup_init(to, "main", from, "main");
  if (!backup) {
    std::string message = std::string("cannot start the backup: ") + sqlite3_errmsg(to);
    close_both();
    throw std::runtime_error(message);
  }
  int rc;
  do {
    rc = sqlite3_backup_step(backup, 256);
    if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED) sqlite3_sleep(20);
  } while (rc == SQLITE_OK || rc == SQLITE_BUSY || rc == SQLITE_LOCKED);
  sqlite3_backup_finish(backup);
  std::string message = rc == SQLITE_DONE ? "" : std::string("backup failed: ") + sqlite3_errstr(rc);
  close_both();
  if (!message.empty()) throw std::runtime_error(message);
}

}  // namespace

void backup_sqlite(const std::string& database_path, const std::string& backup_path) {
  copy(database_path, backup_path, SQLITE_OPEN_READONLY);
}

void restore_sqlite(const std::string& backup_path, const std::string& database_path) {
  copy(backup_path, database_path, SQLITE_OPEN_READONLY);
}

}  // namespace weizhi::store
