// Appending to and verifying the audit chain.
#include "audit/audit.hpp"

#include "core/crypto.hpp"

namespace weizhi::audit {

namespace {

// Serialises appends across instances sharing one PostgreSQL database; SQLite's single
// writer already does.
constexpr std::int64_t kChainLockKey = 7000002;
const std::string kGenesisHash(64, '0');

void load_tail(store::Tx& tx) {
  auto& tail = tx.audit_tail();
  if (tail.loaded) return;
  if (tx.dialect() == store::Dialect::Postgres) tx.exec("SELECT pg_advisory_xact_lock(?)", {kChainLockKey});
  auto last = tx.query_one("SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1");
  tail.seq = last ? last->i64(0) : 0;
  tail.hash = last ? last->text(1) : kGenesisHash;
  tail.loaded = true;
}

}  // namespace

std::string chain_hash(std::int64_t seq, const std::string& at, const std::string& actor, const std::string& action,
                       const std::string& entity, const std::string& summary, const std::string& prev_hash) {
  // Length-prefixed fields, so no choice of values can make two rows hash alike.
  std::string text;
  for (const std::string& field : {std::to_string(seq), at, actor, action, entity, summary, prev_hash}) {
    text += std::to_string(field.size()) + ":" + field + ";";
  }
  return crypto::sha256_hex(text);
}

std::int64_t record(store::Tx& tx, const std::string& actor, const std::string& action, const std::string& entity,
                    const Json& summary) {
  load_tail(tx);
  auto& tail = tx.audit_tail();
  std::int64_t seq = tail.seq + 1;
  std::string at = iso_utc(tx.now());
  std::string summary_text = summary.dump(-1, ' ', false, Json::error_handler_t::replace);
  std::string hash = chain_hash(seq, at, actor, action, entity, summary_text, tail.hash);
  tx.exec(
      "INSERT INTO audit_log (seq, at, actor, action, entity, summary, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
      {seq, at, actor, action, entity, summary_text, tail.hash, hash});
  tail.seq = seq;
  tail.hash = hash;
  return seq;
}

VerifyResult verify(store::Connection& connection) {
  std::string expected_prev = kGenesisHash;
  std::int64_t expected_seq = 1;
  std::int64_t rows = 0;
  constexpr std::int64_t kPage = 5000;
  for (;;) {
    auto page = connection.query(
        "SELECT seq, at, actor, action, entity, summary, prev_hash, hash FROM audit_log WHERE seq >= ? ORDER BY seq "
        "LIMIT ?",
        {expected_seq, kPage});
    for (const auto& row : page) {
      std::int64_t seq = row.i64(0);
      if (seq != expected_seq) {
        return {false, rows, expected_seq, "row " + std::to_string(expected_seq) + " is missing"};
      }
      if (row.text(6) != expected_prev) {
        return {false, rows, seq, "prev_hash does not match the hash of the row before"};
      }
      std::string hash = chain_hash(seq, row.text(1), row.text(2), row.text(3), row.text(4), row.text(5), row.text(6));
      if (hash != row.text(7)) return {false, rows, seq, "the row's content does not match its hash"};
      expected_prev = hash;
      ++expected_seq;
      ++rows;
    }
    if (static_cast<std::int64_t>(page.size()) < kPage) break;
  }
  // Rows before 1 (or gaps before the first page) would not be read above.
  auto stray = connection.query_one("SELECT MIN(seq) FROM audit_log");
  if (stray && !stray->is_null(0) && stray->i64(0) < 1) {
    return {false, rows, stray->i64(0), "row with a sequence number below 1"};
  }
  return {true, rows, std::nullopt, ""};
}

}  // namespace weizhi::audit
