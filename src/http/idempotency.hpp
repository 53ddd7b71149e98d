// Idempotency-Key on POST routes (docs/api.md#idempotency-key): a retry with the same key and the
// same request gets the first answer again and changes nothing more, for 24 hours.
#pragma once
#include <exception>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>

#include "core/crypto.hpp"
#include "core/time.hpp"
#include "http/message.hpp"
#include "store/db.hpp"

namespace weizhi::http {

// The request's Idempotency-Key: nullopt without the header; 400 naming the header unless it is 1–128
// printable ASCII characters.
std::optional<std::string> idempotency_key(const Request& request);

// Thrown inside a write that finds its key answered since the handler started (a duplicate that raced
// the first request): the write is undone and the dispatcher answers with the first answer instead.
class AnsweredMeanwhile : public std::exception {
 public:
  explicit AnsweredMeanwhile(Response response) : response_(std::move(response)) {}
  const char* what() const noexcept override { return "answered under the same Idempotency-Key meanwhile"; }
  const Response& response() const { return response_; }

 private:
  Response response_;
};

// One POST carrying an Idempotency-Key, from before its handler runs until it is answered.
//
// The request's first write claims the key in its own transaction, so a duplicate (on another
// thread, or another instance sharing PostgreSQL) finds the claim and never runs its write. When
// that write returns the Response itself, the answer is kept in the same transaction, and no crash
// can leave the change without its answer. A route that builds its answer after its write keeps it
// in a transaction of its own right after; a crash in between leaves the key claimed without an
// answer, and retries are told so (409) until the claim expires, rather than run the change twice.
//
// The row tells whoever holds the database neither whose it is nor what it says: its key is a
// keyed hash of the caller and the client's key, the answer is sealed with a key derived from the
// client's key, and only the day is in clear (docs/rules.md#d-secret-ballot).
class IdempotentRequest {
 public:
  // `caller` names whose key it is: the signed-in user, or the secret that a route open to anyone is
  // called with (a ballot token).
  IdempotentRequest(const crypto::DataKey& data_key, const Request& request, std::string_view caller,
                    std::string_view key);

  // The kept answer to give instead of running the handler, if any; 422 when the key came with
  // another request, 409 while the key's first request has not been answered.
  std::optional<Response> kept_answer(store::Connection& connection, TimePoint now) const;

  bool claimed() const { return claimed_; }

  // The request's first write, claiming the key inside the write's transaction (and keeping the
  // answer there when the write returns it); throws AnsweredMeanwhile when a duplicate was faster.
  template <class Work>
  auto first_write(store::Db& db, Work&& work) {
    using Result = std::invoke_result_t<Work&, store::Tx&>;
    auto claiming = [&](store::Tx& tx) -> Result {
      claim(tx);
      if constexpr (std::is_same_v<Result, Response>) {
        Response response = work(tx);
        keep(tx, response);
        return response;
      } else {
        return work(tx);
      }
    };
    if constexpr (std::is_void_v<Result>) {
      db.write(claiming);
      claimed_ = true;
    } else {
      Result result = db.write(claiming);
      claimed_ = true;
      answered_ = std::is_same_v<Result, Response>;
      return result;
    }
  }

  // Once the handler has answered: keeps `response` if the request wrote and its answer is not kept
  // yet. A 5xx is not kept: the claim goes with it, and a retry runs anew.
  void finish(store::Db& db, const Response& response);

 private:
  struct Sealed;
  std::optional<Sealed> find(store::Connection& connection) const;
  // The answer to replay for a live row; throws 422 or 409 as kept_answer() says.
  Response replay(const Sealed& sealed) const;
  void claim(store::Tx& tx);
  // Writes the answer into the claimed row, or removes the claim when `response` is a 5xx.
  void keep(store::Tx& tx, const Response& response);

  std::string row_key_;
  crypto::DataKey seal_key_;
  std::string request_digest_;
  TimePoint claimed_at_{};
  bool claimed_ = false;
  bool answered_ = false;
};

// Deletes the rows of days that ended more than 24 hours ago: every answer in them has expired.
void purge_expired_answers(store::Tx& tx);

}  // namespace weizhi::http
