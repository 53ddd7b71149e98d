// Idempotency-Key: checking the header, finding, claiming, keeping and replaying sealed answers.
#include "http/idempotency.hpp"

#include <algorithm>
#include <array>
#include <chrono>
#include <stdexcept>

#include "core/error.hpp"

namespace weizhi::http {

namespace {

constexpr std::size_t kMaxKey = 128;
constexpr auto kKeptFor = std::chrono::hours(24);
// The status sealed into a claim whose request has not been answered yet.
constexpr int kUnanswered = 0;

std::array<unsigned char, 32> bytes_of_hex(const std::string& hex) {
  std::array<unsigned char, 32> bytes{};
  for (std::size_t i = 0; i < bytes.size(); ++i)
    bytes[i] = static_cast<unsigned char>(std::stoi(hex.substr(2 * i, 2), nullptr, 16));
  return bytes;
}

// The caller and the client's key, which together name a row. A key has no line break, so no two
// pairs read alike.
std::string key_material(std::string_view caller, std::string_view key) {
  return std::string(caller) + "\n" + std::string(key);
}

// A keyed hash (the data key's blind index) of the key material is the sealing key: it needs the
// client's key, which the database never holds, and the server's key, so the material cannot be
// guessed from the database alone either.
crypto::DataKey sealing_key(const crypto::DataKey& data_key, std::string_view caller, std::string_view key) {
  return crypto::DataKey(bytes_of_hex(data_key.blind_index("idempotency.seal\n" + key_material(caller, key))));
}

// Method, path, query and body, each part prefixed by its length so that no two requests run together.
std::string request_digest(const Request& request) {
  std::string text = code_of(kMethodNames, request.method);
  auto add = [&text](std::string_view part) {
    text += "\n" + std::to_string(part.size()) + ":";
    text += part;
  };
  add(request.path);
  for (const auto& [name, value] : request.query) {
    add(name);
    add(value);
  }
  add(request.body);
  return crypto::sha256_hex(text);
}

}  // namespace

std::optional<std::string> idempotency_key(const Request& request) {
  auto header = request.header("idempotency-key");
  if (!header) return std::nullopt;
  bool printable = std::all_of(header->begin(), header->end(), [](char c) { return c >= 0x20 && c <= 0x7e; });
  if (header->empty() || header->size() > kMaxKey || !printable) {
    fail_invalid("Idempotency-Key", "请求头 Idempotency-Key 应为 1–128 个可打印 ASCII 字符");
  }
  return std::string(*header);
}

// What a row seals: when the key was claimed, the request it was claimed for, and its answer.
struct IdempotentRequest::Sealed {
  TimePoint claimed_at;
  std::string request_digest;
  int status = kUnanswered;
  std::string content_type;
  std::string body;

  // One line each for the moment, the digest, the status and the content type; the body is the rest.
  std::string text() const {
    return iso_utc(claimed_at) + "\n" + request_digest + "\n" + std::to_string(status) + "\n" + content_type + "\n" +
           body;
  }
  static Sealed parse(const std::string& text) {
    Sealed sealed;
    std::size_t start = 0;
    auto line = [&] {
      std::size_t end = text.find('\n', start);
      if (end == std::string::npos) throw std::runtime_error("kept idempotent answer is malformed");
      std::string part = text.substr(start, end - start);
      start = end + 1;
      return part;
    };
    auto at = parse_iso(line());
    if (!at) throw std::runtime_error("kept idempotent answer has no moment");
    sealed.claimed_at = *at;
    sealed.request_digest = line();
    sealed.status = std::stoi(line());
    sealed.content_type = line();
    sealed.body = text.substr(start);
    return sealed;
  }
};

IdempotentRequest::IdempotentRequest(const crypto::DataKey& data_key, const Request& request, std::string_view caller,
                                     std::string_view key)
    : row_key_(data_key.blind_index("idempotency.row\n" + key_material(caller, key))),
      seal_key_(sealing_key(data_key, caller, key)),
      request_digest_(request_digest(request)) {}

std::optional<IdempotentRequest::Sealed> IdempotentRequest::find(store::Connection& connection) const {
  auto row = connection.query_one("SELECT sealed FROM idempotency_answers WHERE key_hash = ?", {row_key_});
  if (!row) return std::nullopt;
  return Sealed::parse(seal_key_.decrypt(row->text(0)));
}

Response IdempotentRequest::replay(const Sealed& sealed) const {
  if (sealed.request_digest != request_digest_) {
    throw ApiError(422, "idempotency_key_reused", "该 Idempotency-Key 已用于另一个请求", "Idempotency-Key");
  }
  if (sealed.status == kUnanswered) {
    throw ApiError(409, "idempotency_key_in_use",
                   "使用该 Idempotency-Key 的请求尚未答复（仍在处理，或已处理而答复未能保存），请稍后重试",
                   "Idempotency-Key");
  }
  Response response;
  response.status = sealed.status;
  response.content_type = sealed.content_type;
  response.body = sealed.body;
  response.header("Idempotent-Replayed", "true");
  return response;
}

std::optional<Response> IdempotentRequest::kept_answer(store::Connection& connection, TimePoint now) const {
  auto sealed = find(connection);
  if (!sealed || now - sealed->claimed_at >= kKeptFor) return std::nullopt;
  return replay(*sealed);
}

void IdempotentRequest::claim(store::Tx& tx) {
  if (auto sealed = find(tx.connection())) {
    if (tx.now() - sealed->claimed_at < kKeptFor) throw AnsweredMeanwhile(replay(*sealed));
    tx.exec("DELETE FROM idempotency_answers WHERE key_hash = ?", {row_key_});
  }
  claimed_at_ = tx.now();
  Sealed unanswered{claimed_at_, request_digest_, kUnanswered, "", ""};
  if (tx.exec("INSERT INTO idempotency_answers (key_hash, kept_on, sealed) VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
              {row_key_, street_date(claimed_at_), seal_key_.encrypt(unanswered.text())}) == 1) {
    return;
  }
  // Another instance sharing the database claimed the key after the look above, and has committed.
  auto sealed = find(tx.connection());
  if (!sealed) throw std::runtime_error("idempotency key claimed by a row that cannot be read");
  throw AnsweredMeanwhile(replay(*sealed));
}

void IdempotentRequest::keep(store::Tx& tx, const Response& response) {
  if (response.status >= 500) {
    tx.exec("DELETE FROM idempotency_answers WHERE key_hash = ?", {row_key_});
    return;
  }
  Sealed answer{claimed_at_, request_digest_, response.status, response.content_type, response.body};
  tx.exec("UPDATE idempotency_answers SET sealed = ? WHERE key_hash = ?", {seal_key_.encrypt(answer.text()), row_key_});
}

void IdempotentRequest::finish(store::Db& db, const Response& response) {
  if (!claimed_ || answered_) return;
  db.write([&](store::Tx& tx) { keep(tx, response); });
  answered_ = true;
}

void purge_expired_answers(store::Tx& tx) {
  tx.exec("DELETE FROM idempotency_answers WHERE kept_on < ?", {street_date(tx.now() - kKeptFor)});
}

}  // namespace weizhi::http
