// What a handler works with: the request, the signed-in principal, the services (database,
// clock, data key, settings), and helpers for ids, bodies, permissions and audited writes.
#pragma once
#include <cstdint>
#include <optional>
#include <string>

#include "auth/principal.hpp"
#include "core/crypto.hpp"
#include "core/json.hpp"
#include "core/settings.hpp"
#include "http/idempotency.hpp"
#include "http/message.hpp"
#include "store/db.hpp"

namespace weizhi::auth {
class PasswordPool;
class LoginThrottle;
}  // namespace weizhi::auth

namespace weizhi::http {

struct Services {
  store::Db& db;
  const Clock& clock;
  const crypto::DataKey& data_key;
  const Settings& settings;
  auth::PasswordPool& passwords;
  auth::LoginThrottle& login_throttle;
};

class Context {
 public:
  Context(const Request& request, Services& services) : request(request), services(services) {}

  const Request& request;
  Services& services;

  // The signed-in principal; throws 401 when there is none.
  const auth::Principal& user() const;
  const auth::Principal* principal() const { return principal_ ? &*principal_ : nullptr; }
  void set_principal(std::optional<auth::Principal> principal) { principal_ = std::move(principal); }
  // "login" of the principal, or "anonymous": the actor recorded in the audit log.
  std::string actor() const;

  // The request body as a JSON object; 400 when it is not one.
  const Json& json_body();
  // A path parameter parsed as a positive id; 404 when it is not one.
  std::int64_t path_id(const std::string& name) const;
  // Parses a positive id from a query or body value; 400 naming the field otherwise.
  std::int64_t parse_id(const std::string& text, const std::string& field) const;
  std::optional<std::string> query(const std::string& name) const;

  // The root of the org tree (the street); 404 when the tree is empty.
  std::int64_t root_node_id();

  store::Db::Lease read() { return services.db.read(); }
  // A write through the single writer. The first write of a request carrying an Idempotency-Key
  // claims the key in the same transaction (see IdempotentRequest).
  template <class Work>
  auto write(Work&& work) {
    if (idempotent_ && !idempotent_->claimed()) return idempotent_->first_write(services.db, std::forward<Work>(work));
    return services.db.write(std::forward<Work>(work));
  }
  // Set by the dispatcher, before the handler runs, for a request whose Idempotency-Key applies.
  void set_idempotent(IdempotentRequest* request) { idempotent_ = request; }
  void audit(store::Tx& tx, const std::string& action, const std::string& entity, const Json& summary) const;

  // Whether the principal holds `permission` over `node` (nullopt: anywhere).
  bool can(const std::string& permission, std::optional<std::int64_t> node);
  // Throws 404 when the node does not exist, else 403 unless can().
  void require(const std::string& permission, std::optional<std::int64_t> node);

 private:
  std::optional<auth::Principal> principal_;
  std::optional<Json> body_;
  IdempotentRequest* idempotent_ = nullptr;
};

}  // namespace weizhi::http
