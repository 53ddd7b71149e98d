// SOCI behind the Connection/Tx/Db interface: placeholder rewriting, dynamic binding, row
// conversion that tolerates each backend's type reports, SQLite pragmas and the read pool.
#include "store/db.hpp"

#include <soci/postgresql/soci-postgresql.h>
#include <soci/soci.h>
#include <sqlite3.h>

#include <cctype>
#include <cmath>
#include <cstdio>
#include <ctime>
#include <deque>
#include <unordered_map>

#include "store/write_batcher.hpp"

namespace weizhi::store {

namespace {

// `?` → `:p1`, `:p2`… outside quoted text, since SOCI names its placeholders.
std::string name_placeholders(std::string_view sql) {
  std::string out;
  out.reserve(sql.size() + 16);
  int index = 0;
  char quote = 0;
  for (char c : sql) {
    if (quote) {
      if (c == quote) quote = 0;
      out += c;
    } else if (c == '\'' || c == '"') {
      quote = c;
      out += c;
    } else if (c == '?') {
      out += ":p" + std::to_string(++index);
    } else {
      out += c;
    }
  }
  return out;
}

bool is_constraint_message(const std::string& message) {
  return message.find("UNIQUE constraint failed") != std::string::npos ||
         message.find("FOREIGN KEY constraint failed") != std::string::npos ||
         message.find("duplicate key value") != std::string::npos ||
         message.find("violates foreign key constraint") != std::string::npos ||
         message.find("violates unique constraint") != std::string::npos;
}

[[noreturn]] void rethrow(const soci::soci_error& error) {
  std::string message = error.what();
  if (is_constraint_message(message)) throw ConstraintViolation(message);
  throw;
}

Value column_value(const soci::row& row, std::size_t i) {
  if (row.get_indicator(i) == soci::i_null) return {};
  switch (row.get_properties(i).get_data_type()) {
    case soci::dt_string:
    case soci::dt_xml:
    case soci::dt_blob:
      return Value(row.get<std::string>(i));
    case soci::dt_double:
      return Value(row.get<double>(i));
    case soci::dt_integer:
      return Value(static_cast<long long>(row.get<int>(i)));
    case soci::dt_long_long:
      return Value(static_cast<long long>(row.get<long long>(i)));
    case soci::dt_unsigned_long_long:
      return Value(static_cast<long long>(row.get<unsigned long long>(i)));
    case soci::dt_date: {
      std::tm tm = row.get<std::tm>(i);
      char buffer[32];
      std::snprintf(buffer, sizeof buffer, "%04d-%02d-%02dT%02d:%02d:%02dZ", tm.tm_year + 1900, tm.tm_mon + 1,
                    tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec);
      return Value(std::string(buffer));
    }
  }
  return {};
}

// Keeps bound values alive, at stable addresses, until the statement has run.
struct Bindings {
  std::deque<long long> integers;
  std::deque<double> reals;
  std::deque<std::string> texts;
  std::deque<soci::indicator> indicators;

  void bind(soci::statement& statement, const Params& params) {
    for (const Value& value : params) {
      const auto& data = value.data();
      if (std::holds_alternative<std::int64_t>(data)) {
        integers.push_back(std::get<std::int64_t>(data));
        statement.exchange(soci::use(integers.back()));
      } else if (std::holds_alternative<double>(data)) {
        reals.push_back(std::get<double>(data));
        statement.exchange(soci::use(reals.back()));
      } else if (std::holds_alternative<std::string>(data)) {
        texts.push_back(std::get<std::string>(data));
        statement.exchange(soci::use(texts.back()));
      } else {
        texts.emplace_back();
        indicators.push_back(soci::i_null);
        statement.exchange(soci::use(texts.back(), indicators.back()));
      }
    }
  }
};

std::string decode_percent(std::string_view text) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '%' && i + 2 < text.size() && std::isxdigit(static_cast<unsigned char>(text[i + 1])) &&
        std::isxdigit(static_cast<unsigned char>(text[i + 2]))) {
      out += static_cast<char>(std::stoi(std::string(text.substr(i + 1, 2)), nullptr, 16));
      i += 2;
    } else {
      out += text[i];
    }
  }
  return out;
}

std::string quote_libpq(const std::string& value) {
  std::string out = "'";
  for (char c : value) {
    if (c == '\\' || c == '\'') out += '\\';
    out += c;
  }
  return out + "'";
}

// postgresql://user:password@host:port/dbname?key=value → libpq keyword form, which SOCI
// passes through unchanged (it mangles URIs).
std::string libpq_keywords(const std::string& url) {
  std::string rest = url.substr(url.find("://") + 3);
  std::string query;
  if (auto q = rest.find('?'); q != std::string::npos) {
    query = rest.substr(q + 1);
    rest = rest.substr(0, q);
  }
  std::string dbname;
  if (auto slash = rest.find('/'); slash != std::string::npos) {
    dbname = rest.substr(slash + 1);
    rest = rest.substr(0, slash);
  }
  std::string user, password;
  if (auto at = rest.rfind('@'); at != std::string::npos) {
    std::string credentials = rest.substr(0, at);
    rest = rest.substr(at + 1);
    auto colon = credentials.find(':');
    user = credentials.substr(0, colon);
    if (colon != std::string::npos) password = credentials.substr(colon + 1);
  }
  std::string host = rest, port;
  if (auto colon = rest.rfind(':'); colon != std::string::npos && rest.find(']') == std::string::npos) {
    host = rest.substr(0, colon);
    port = rest.substr(colon + 1);
  }
  std::string out;
  auto add = [&](const char* key, const std::string& value) {
    if (!value.empty()) out += std::string(out.empty() ? "" : " ") + key + "=" + quote_libpq(decode_percent(value));
  };
  add("host", host);
  add("port", port);
  add("user", user);
  add("password", password);
  add("dbname", dbname);
  while (!query.empty()) {
    auto amp = query.find('&');
    std::string pair = query.substr(0, amp);
    query = amp == std::string::npos ? "" : query.substr(amp + 1);
    auto equals = pair.find('=');
    if (equals != std::string::npos) add(pair.substr(0, equals).c_str(), pair.substr(equals + 1));
  }
  return out;
}

}  // namespace

std::int64_t Row::i64(std::size_t column) const {
  const auto& data = values_.at(column).data();
  if (std::holds_alternative<std::int64_t>(data)) return std::get<std::int64_t>(data);
  if (std::holds_alternative<double>(data)) return static_cast<std::int64_t>(std::llround(std::get<double>(data)));
  if (std::holds_alternative<std::string>(data)) {
    const std::string& text = std::get<std::string>(data);
    return text.empty() ? 0 : std::stoll(text);
  }
  return 0;
}

std::string Row::text(std::size_t column) const {
  const auto& data = values_.at(column).data();
  if (std::holds_alternative<std::string>(data)) return std::get<std::string>(data);
  if (std::holds_alternative<std::int64_t>(data)) return std::to_string(std::get<std::int64_t>(data));
  if (std::holds_alternative<double>(data)) {
    char buffer[64];
    std::snprintf(buffer, sizeof buffer, "%.17g", std::get<double>(data));
    return buffer;
  }
  return {};
}

double Row::real(std::size_t column) const {
  const auto& data = values_.at(column).data();
  if (std::holds_alternative<double>(data)) return std::get<double>(data);
  if (std::holds_alternative<std::int64_t>(data)) return static_cast<double>(std::get<std::int64_t>(data));
  if (std::holds_alternative<std::string>(data)) return std::stod(std::get<std::string>(data));
  return 0;
}

std::optional<std::int64_t> Row::optional_i64(std::size_t column) const {
  if (is_null(column)) return std::nullopt;
  return i64(column);
}

std::optional<std::string> Row::optional_text(std::size_t column) const {
  if (is_null(column)) return std::nullopt;
  return text(column);
}

// Prepared statements by SQL text on one SQLite handle, reset after each use.
struct Connection::NativeSqlite {
  static constexpr std::size_t kMaxCached = 256;
  sqlite3* handle;
  std::unordered_map<std::string, sqlite3_stmt*> cache;

  explicit NativeSqlite(sqlite3* h) : handle(h) {}
  ~NativeSqlite() {
    clear();
    sqlite3_close(handle);
  }

  void clear() {
    for (auto& [text, statement] : cache) sqlite3_finalize(statement);
    cache.clear();
  }

  [[noreturn]] void fail(int rc) {
    std::string message = sqlite3_errmsg(handle);
    if ((rc & 0xff) == SQLITE_CONSTRAINT) throw ConstraintViolation(message);
    throw std::runtime_error("sqlite: " + message);
  }

  sqlite3_stmt* prepare(std::string_view sql, const Params& params) {
    std::string key(sql);
    auto found = cache.find(key);
    sqlite3_stmt* statement = nullptr;
    if (found != cache.end()) {
      statement = found->second;
    } else {
      int rc = sqlite3_prepare_v2(handle, key.c_str(), static_cast<int>(key.size()), &statement, nullptr);
      if (rc != SQLITE_OK) fail(rc);
      if (cache.size() >= kMaxCached) clear();
      cache.emplace(std::move(key), statement);
    }
    int index = 0;
    for (const Value& value : params) {
      ++index;
      const auto& data = value.data();
      int rc;
      if (std::holds_alternative<std::int64_t>(data)) {
        rc = sqlite3_bind_int64(statement, index, std::get<std::int64_t>(data));
      } else if (std::holds_alternative<double>(data)) {
        rc = sqlite3_bind_double(statement, index, std::get<double>(data));
      } else if (std::holds_alternative<std::string>(data)) {
        const std::string& text = std::get<std::string>(data);
        rc = sqlite3_bind_text(statement, index, text.data(), static_cast<int>(text.size()), SQLITE_TRANSIENT);
      } else {
        rc = sqlite3_bind_null(statement, index);
      }
      if (rc != SQLITE_OK) {
        done(statement);
        fail(rc);
      }
    }
    return statement;
  }

  static void done(sqlite3_stmt* statement) {
    sqlite3_reset(statement);
    sqlite3_clear_bindings(statement);
  }

  Rows run(std::string_view sql, const Params& params, bool keep_rows, std::int64_t* changed) {
    sqlite3_stmt* statement = prepare(sql, params);
    Rows rows;
    for (;;) {
      int rc = sqlite3_step(statement);
      if (rc == SQLITE_DONE) break;
      if (rc != SQLITE_ROW) {
        done(statement);
        fail(rc);
      }
      if (!keep_rows) continue;
      int columns = sqlite3_column_count(statement);
      std::vector<Value> values;
      values.reserve(columns);
      for (int i = 0; i < columns; ++i) {
        switch (sqlite3_column_type(statement, i)) {
          case SQLITE_INTEGER:
            values.emplace_back(static_cast<long long>(sqlite3_column_int64(statement, i)));
            break;
          case SQLITE_FLOAT:
            values.emplace_back(sqlite3_column_double(statement, i));
            break;
          case SQLITE_NULL:
            values.emplace_back();
            break;
          default: {
            const char* text = reinterpret_cast<const char*>(sqlite3_column_text(statement, i));
            values.emplace_back(std::string(text ? text : "", sqlite3_column_bytes(statement, i)));
          }
        }
      }
      rows.emplace_back(std::move(values));
    }
    if (changed) *changed = sqlite3_changes(handle);
    done(statement);
    return rows;
  }
};

// A statement is run once and dropped, so it goes as one PQexecParams: a repeatable one would cost
// a PREPARE and a DEALLOCATE round trip around every execution.
constexpr auto kOneRoundTrip = soci::details::st_one_time_query;

// `sql` prepared on PostgreSQL with `params` bound, handed to `run` (which binds its outputs and
// executes it); SOCI's errors come out as ours.
template <class Run>
auto run_prepared(soci::session& session, std::string_view sql, const Params& params, Run run) {
  try {
    soci::statement statement(session);
    statement.alloc();
    statement.prepare(name_placeholders(sql), kOneRoundTrip);
    Bindings bindings;
    bindings.bind(statement, params);
    return run(statement);
  } catch (const soci::soci_error& error) {
    rethrow(error);
  }
}

Connection::Connection(std::unique_ptr<soci::session> session)
    : dialect_(Dialect::Postgres), session_(std::move(session)) {}

Connection::Connection(const std::string& sqlite_file) : dialect_(Dialect::Sqlite) {
  sqlite3* handle = nullptr;
  int rc = sqlite3_open_v2(sqlite_file.c_str(), &handle,
                           SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, nullptr);
  if (rc != SQLITE_OK) {
    std::string message = handle ? sqlite3_errmsg(handle) : sqlite3_errstr(rc);
    sqlite3_close(handle);
    throw std::runtime_error(message);
  }
  sqlite_ = std::make_unique<NativeSqlite>(handle);
}

Connection::~Connection() = default;

std::int64_t Connection::exec(std::string_view sql, const Params& params) {
  if (sqlite_) {
    std::int64_t changed = 0;
    sqlite_->run(sql, params, false, &changed);
    return changed;
  }
  return run_prepared(*session_, sql, params, [](soci::statement& statement) {
    statement.define_and_bind();
    statement.execute(true);
    return statement.get_affected_rows();
  });
}

Rows Connection::query(std::string_view sql, const Params& params) {
  if (sqlite_) return sqlite_->run(sql, params, true, nullptr);
  return run_prepared(*session_, sql, params, [](soci::statement& statement) {
    soci::row row;
    statement.exchange(soci::into(row));
    statement.define_and_bind();
    Rows rows;
    bool fetched = statement.execute(true);
    while (fetched) {
      std::vector<Value> values;
      values.reserve(row.size());
      for (std::size_t i = 0; i < row.size(); ++i) values.push_back(column_value(row, i));
      rows.emplace_back(std::move(values));
      fetched = statement.fetch();
    }
    return rows;
  });
}

std::optional<Row> Connection::query_one(std::string_view sql, const Params& params) {
  Rows rows = query(sql, params);
  if (rows.empty()) return std::nullopt;
  return std::move(rows.front());
}

std::int64_t Connection::scalar(std::string_view sql, const Params& params) {
  auto row = query_one(sql, params);
  if (!row) throw std::runtime_error("query returned no row: " + std::string(sql));
  return row->i64(0);
}

void Connection::begin() { exec(dialect_ == Dialect::Sqlite ? "BEGIN IMMEDIATE" : "BEGIN"); }
void Connection::commit() { exec("COMMIT"); }
void Connection::rollback() { exec("ROLLBACK"); }

std::optional<std::string> sqlite_path(const std::string& url) {
  if (url.rfind("sqlite:", 0) != 0) return std::nullopt;
  std::string path = url.substr(7);
  if (path.rfind("//", 0) == 0) path = path.substr(2);
  return path;
}

Db::Db(const std::string& url, const Clock& clock, DbOptions options) : url_(url), clock_(clock), options_(options) {
  if (sqlite_path(url)) {
    dialect_ = Dialect::Sqlite;
    if (sqlite_path(url)->empty()) throw std::runtime_error("the SQLite URL needs a file path: sqlite:PATH");
  } else if (url.rfind("postgresql://", 0) == 0 || url.rfind("postgres://", 0) == 0) {
    dialect_ = Dialect::Postgres;
  } else {
    throw std::runtime_error("unsupported database URL '" + url + "': use sqlite:PATH or postgresql://…");
  }
  idle_.push_back(connect());  // fail early, with the driver's message, if the database is unreachable
  open_reads_ = 1;
  batcher_ = std::make_unique<WriteBatcher>(connect(), clock_, options_.max_batch);
}

Db::~Db() { batcher_.reset(); }

std::unique_ptr<Connection> Db::connect() {
  try {
    if (dialect_ == Dialect::Sqlite) {
      auto connection = std::make_unique<Connection>(*sqlite_path(url_));
      connection->query("PRAGMA journal_mode=WAL");
      connection->exec("PRAGMA synchronous=FULL");
      connection->exec("PRAGMA foreign_keys=ON");
      connection->exec("PRAGMA busy_timeout=10000");
      return connection;
    }
    auto session = std::make_unique<soci::session>(soci::postgresql, libpq_keywords(url_));
    auto connection = std::make_unique<Connection>(std::move(session));
    connection->exec("SET client_min_messages TO WARNING");
    return connection;
  } catch (const std::exception& error) {
    throw std::runtime_error("cannot open database " + url_ + ": " + error.what());
  }
}

Db::Lease::~Lease() {
  if (connection_) db_->give_back(std::move(connection_));
}

Db::Lease Db::read() {
  std::unique_lock lock(pool_mutex_);
  for (;;) {
    if (!idle_.empty()) {
      auto connection = std::move(idle_.back());
      idle_.pop_back();
      return Lease(*this, std::move(connection));
    }
    if (open_reads_ < options_.read_connections) {
      ++open_reads_;
      lock.unlock();
      try {
        return Lease(*this, connect());
      } catch (...) {
        lock.lock();
        --open_reads_;
        throw;
      }
    }
    pool_ready_.wait(lock);
  }
}

void Db::give_back(std::unique_ptr<Connection> connection) {
  {
    std::lock_guard lock(pool_mutex_);
    idle_.push_back(std::move(connection));
  }
  pool_ready_.notify_one();
}

void Db::submit(const std::function<void(Tx&)>& work) { batcher_->run(work); }

void Db::transaction(const std::function<void(Tx&)>& work) {
  auto connection = connect();
  connection->begin();
  try {
    Tx tx(*connection, clock_.now());
    work(tx);
    connection->commit();
  } catch (...) {
    try {
      connection->rollback();
    } catch (...) {}
    throw;
  }
}

}  // namespace weizhi::store
