// The database as modules see it: Connection (run SQL with `?` placeholders, read Rows), Tx (a
// connection inside a transaction, with the batch's clock and audit-chain tail) and Db (opens
// SQLite or PostgreSQL from a URL, pools read connections, owns the WriteBatcher).
// Only this folder includes SOCI; SQL text is shared by both databases.
#pragma once
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "core/time.hpp"

namespace soci {
class session;
}

namespace weizhi::store {

enum class Dialect { Sqlite, Postgres };

// A bound parameter or a column value. NULL is the empty state.
class Value {
 public:
  Value() = default;
  Value(std::nullptr_t) {}
  Value(int v) : data_(static_cast<std::int64_t>(v)) {}
  Value(long v) : data_(static_cast<std::int64_t>(v)) {}
  Value(long long v) : data_(static_cast<std::int64_t>(v)) {}
  Value(bool v) : data_(static_cast<std::int64_t>(v ? 1 : 0)) {}
  Value(double v) : data_(v) {}
  Value(std::string v) : data_(std::move(v)) {}
  Value(std::string_view v) : data_(std::string(v)) {}
  Value(const char* v) : data_(std::string(v)) {}
  template <class T>
  Value(const std::optional<T>& v) {
    if (v) *this = Value(*v);
  }

  bool is_null() const { return std::holds_alternative<std::monostate>(data_); }
  const std::variant<std::monostate, std::int64_t, double, std::string>& data() const { return data_; }

 private:
  std::variant<std::monostate, std::int64_t, double, std::string> data_;
};

using Params = std::vector<Value>;

class Row {
 public:
  explicit Row(std::vector<Value> values) : values_(std::move(values)) {}
  std::size_t size() const { return values_.size(); }
  bool is_null(std::size_t column) const { return values_.at(column).is_null(); }
  // Integer columns whatever the backend reports (int, bigint, numeric); NULL reads as 0.
  std::int64_t i64(std::size_t column) const;
  std::string text(std::size_t column) const;  // NULL reads as ""
  double real(std::size_t column) const;
  std::optional<std::int64_t> optional_i64(std::size_t column) const;
  std::optional<std::string> optional_text(std::size_t column) const;

 private:
  std::vector<Value> values_;
};

using Rows = std::vector<Row>;

// Thrown for a unique or foreign-key violation, so callers can turn it into a field error.
class ConstraintViolation : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

class Connection {
 public:
  // A PostgreSQL connection through SOCI.
  explicit Connection(std::unique_ptr<soci::session> session);
  // An SQLite connection on the native API; throws std::runtime_error if the file cannot be opened.
  explicit Connection(const std::string& sqlite_file);
  ~Connection();
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  Dialect dialect() const { return dialect_; }
  // Runs one statement; returns the number of rows it changed.
  std::int64_t exec(std::string_view sql, const Params& params = {});
  Rows query(std::string_view sql, const Params& params = {});
  std::optional<Row> query_one(std::string_view sql, const Params& params = {});
  // The first column of the first row; throws if there is no row.
  std::int64_t scalar(std::string_view sql, const Params& params = {});

  void begin();
  void commit();
  void rollback();

 private:
  struct NativeSqlite;
  Dialect dialect_;
  std::unique_ptr<soci::session> session_;
  // SQLite runs on its native API: SOCI 4.0's SQLite rows read INTEGER columns as 32-bit,
  // and caching prepared statements here saves a parse per query.
  std::unique_ptr<NativeSqlite> sqlite_;
};

// The last link of the audit chain as this transaction sees it; loaded on first append.
struct ChainTail {
  bool loaded = false;
  std::int64_t seq = 0;
  std::string hash;
};

// A connection inside an open transaction. Everything a request writes, and the audit record of
// it, goes through one Tx: all of it is committed or none.
class Tx {
 public:
  Tx(Connection& connection, TimePoint now) : connection_(connection), now_(now) {}
  Dialect dialect() const { return connection_.dialect(); }
  std::int64_t exec(std::string_view sql, const Params& params = {}) { return connection_.exec(sql, params); }
  Rows query(std::string_view sql, const Params& params = {}) { return connection_.query(sql, params); }
  std::optional<Row> query_one(std::string_view sql, const Params& params = {}) {
    return connection_.query_one(sql, params);
  }
  std::int64_t scalar(std::string_view sql, const Params& params = {}) { return connection_.scalar(sql, params); }
  // The connection, for reading helpers that take a Connection.
  Connection& connection() { return connection_; }
  // The time of this write, fixed for the whole transaction.
  TimePoint now() const { return now_; }
  ChainTail& audit_tail() { return audit_tail_; }

 private:
  Connection& connection_;
  TimePoint now_;
  ChainTail audit_tail_;
};

struct DbOptions {
  std::size_t read_connections = 4;
  std::size_t max_batch = 512;
};

class WriteBatcher;

class Db {
 public:
  // `url` is `sqlite:PATH` or `postgresql://…` (or `postgres://…`). Throws std::runtime_error
  // with a readable message if the database cannot be opened.
  Db(const std::string& url, const Clock& clock, DbOptions options = {});
  ~Db();

  Dialect dialect() const { return dialect_; }
  const std::string& url() const { return url_; }
  const Clock& clock() const { return clock_; }

  // A pooled connection for reads; returned to the pool when the lease ends.
  class Lease {
   public:
    Lease(Db& db, std::unique_ptr<Connection> connection) : db_(&db), connection_(std::move(connection)) {}
    Lease(Lease&&) = default;
    ~Lease();
    Connection* operator->() { return connection_.get(); }
    Connection& operator*() { return *connection_; }

   private:
    Db* db_;
    std::unique_ptr<Connection> connection_;
  };
  Lease read();

  // Group-committed write: runs `work` in a transaction shared with other requests and returns
  // once it is durable. An exception thrown by `work` undoes only its own changes.
  template <class Work>
  auto write(Work&& work) -> std::invoke_result_t<Work&, Tx&> {
    using Result = std::invoke_result_t<Work&, Tx&>;
    if constexpr (std::is_void_v<Result>) {
      submit([&](Tx& tx) { work(tx); });
    } else {
      std::optional<Result> result;
      submit([&](Tx& tx) { result.emplace(work(tx)); });
      return std::move(*result);
    }
  }

  // A transaction on a connection of its own, outside the batcher: for commands such as
  // migrate, seed and user add. Commits when `work` returns, rolls back if it throws.
  void transaction(const std::function<void(Tx&)>& work);

  std::unique_ptr<Connection> connect();
  WriteBatcher& batcher() { return *batcher_; }

 private:
  void submit(const std::function<void(Tx&)>& work);
  void give_back(std::unique_ptr<Connection> connection);

  std::string url_;
  Dialect dialect_;
  const Clock& clock_;
  DbOptions options_;
  std::mutex pool_mutex_;
  std::condition_variable pool_ready_;
  std::vector<std::unique_ptr<Connection>> idle_;
  std::size_t open_reads_ = 0;
  std::unique_ptr<WriteBatcher> batcher_;
};

// The file path of a `sqlite:PATH` URL; nullopt for other URLs.
std::optional<std::string> sqlite_path(const std::string& url);

}  // namespace weizhi::store
